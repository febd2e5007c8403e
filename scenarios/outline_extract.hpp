// Commune outlines cut from a national or regional file (IGN ADMIN EXPRESS as Shapefile or
// GeoPackage in Lambert-93, a GeoJSON from data.gouv.fr or OpenStreetMap) into the small WGS84
// GeoJSON a scenario's territory.outlines reads: the communes wanted only, one feature each,
// simplified for maps. Used by `maillage new --outlines` and `maillage import outlines`.
#pragma once

#include <string>
#include <vector>

namespace maillage {

struct OutlineExtractOptions {
  std::string key;          ///< the property holding the INSEE code; empty: found among the usual names
  double simplify_m = 25;   ///< tolerance of the simplification, metres (0: none)
};

struct OutlineExtract {
  std::string layer;                 ///< the layer read
  std::string key;                   ///< the property the codes were read from
  bool reprojected = false;          ///< the source was not in WGS84 longitude/latitude
  std::size_t features = 0;          ///< features in the layer
  std::size_t kept = 0;              ///< communes written
  std::vector<std::string> missing;  ///< communes wanted that have no feature
};

/**
 * Writes to `out` (GeoJSON, RFC 7946, property `insee`) the outlines of the communes whose
 * INSEE codes are `codes`, read from any vector file GDAL opens. Features of one commune
 * are joined; codes are written in sorted order, so the file depends on its inputs only.
 * Throws std::invalid_argument with a message for the user when the file cannot be read,
 * has no code property, holds other geometries than polygons, or none of the communes.
 */
OutlineExtract extract_outlines(const std::string& in, std::vector<std::string> codes, const std::string& out,
                                const OutlineExtractOptions& options = {});

}  // namespace maillage
