#pragma once
// A commune's outline, for maps and GIS layers (territory.outlines): WGS84 degrees.
#include <array>
#include <vector>

namespace maillage {

/** (longitude, latitude), the GeoJSON order. */
using LonLat = std::array<double, 2>;

struct CommuneOutline {
  /** Polygons (one, or several for a commune with exclaves), each a list of rings: the
   *  first the outer boundary, the others holes; each ring closed (last point = first). */
  std::vector<std::vector<std::vector<LonLat>>> polygons;
  bool empty() const { return polygons.empty(); }
};

/** One per commune, in the scenario's commune order; empty where the file had none. */
using CommuneOutlines = std::vector<CommuneOutline>;

}  // namespace maillage
