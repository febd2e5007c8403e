#pragma once
// The GIS layers of a run, for QGIS and geopandas: `communes` (every by_commune measure per
// plan, mean and 95% interval over replications, and each plan's paired difference to the
// baseline; polygons from territory.outlines, else points at the commune) and `sites`
// (every placed resource of every plan with its utilisation), as GeoJSON (RFC 7946, WGS84)
// and as one GeoPackage holding both. Byte-identical for the same run.
#include <string>

#include "engine/result_table.hpp"
#include "models/experiment.hpp"
#include "models/scenario.hpp"
#include "scenarios/commune_aggregate.hpp"
#include "scenarios/lang.hpp"

namespace maillage {

/** Writes communes.geojson, sites.geojson and layers.gpkg into the existing folder `dir`;
 *  each layer carries a description (what it holds, the scenario's caveats) in `lang`.
 *  `option_sites` (maillage select: option, id, ...) adds to the sites layer the fields
 *  `option` and `chosen` (1: a site the option opens). Throws std::runtime_error naming the
 *  file and GDAL's reason when a file cannot be written. */
void write_gis_layers(const RunResult& result, const Scenario& scenario, const CommuneAggregate& communes,
                      const std::string& dir, Lang lang = Lang::en, const ResultTable* option_sites = nullptr);

}  // namespace maillage
