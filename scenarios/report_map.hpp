#pragma once
// The report's maps: one inline SVG per measure, no script. Commune outlines when the
// scenario has them (territory.outlines), graduated points at the communes' lat/lon
// otherwise; colour-blind-safe scales (viridis, RdBu symmetric around 0), the sites on top,
// a legend and a km scale bar. One shape per commune, its INSEE code in data-insee and a
// <title> (a hover tooltip without script).
#include <ostream>
#include <string>
#include <vector>

namespace maillage {

struct Scenario;

struct CommuneMap {
  std::string title;
  std::vector<double> values;  ///< one per commune, scenario order; NaN: no data (grey)
  bool diverging = false;      ///< a difference: RdBu around 0, red where it grows
  int decimals = 2;
};

void write_commune_map(std::ostream& out, const Scenario& scenario, const CommuneMap& map);

}  // namespace maillage
