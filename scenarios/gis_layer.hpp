#pragma once
// A GIS layer in a neutral form (gis_layers.cpp gathers it), written to GeoJSON by
// geojson_writer.cpp and, for the GeoPackage and as its reference, by GDAL.
#include <string>
#include <vector>

#include "models/commune_outline.hpp"

namespace maillage {

// Attributes carry 5 significant figures (1 in 10,000 at worst, well inside any 95%
// interval of a few replications): 17 made communes.geojson four times larger.
constexpr int kGisDigits = 5;
// The outlines carry 5 decimals (about 1 m): more only makes the file larger.
constexpr int kGisCoordinateDecimals = 5;

struct GisFeature {
  std::vector<std::string> texts;           ///< one per text field; "" is written as null
  std::vector<double> numbers;              ///< one per number field; NaN is written as null
  const CommuneOutline* outline = nullptr;  ///< polygons, or null: a point
  LonLat point{0, 0};
};

struct GisLayer {
  std::string name;
  std::vector<std::string> text_fields, number_fields;
  std::vector<std::string> integer_fields;  ///< a subset of number_fields written as integers
  std::vector<GisFeature> features;
  /** What the layer holds and what to read first (the scenario's caveats), for whoever opens
   *  the file alone: GeoJSON's top-level "description", the GeoPackage's layer description. */
  std::string description;
};

/** The layer as GeoJSON (RFC 7946), the bytes GDAL's driver writes with RFC7946=YES,
 *  COORDINATE_PRECISION and SIGNIFICANT_FIGURES as above, written as text; a layer whose
 *  bytes it cannot vouch for goes through GDAL. Throws std::runtime_error naming the file. */
void write_geojson(const GisLayer& layer, const std::string& path);

/** A coordinate as GDAL's writer prints it: OGRFormatDouble with 5 decimals ("%.5f"
 *  without its trailing zeros but one: 1.3 -> "1.3", 47 -> "47.0"). */
void append_geojson_coordinate(std::string& out, double v);
/** The same through OGRFormatDouble itself: the reference. */
std::string gdal_geojson_coordinate(double v);

/** The same through GDAL's GeoJSON driver (gis_layers.cpp): the reference. */
void write_geojson_with_gdal(const GisLayer& layer, const std::string& path);

}  // namespace maillage
