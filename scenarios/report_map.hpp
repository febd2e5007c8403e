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

/** A site drawn on top of a map: `maillage select`'s chosen sites and how they differ from
 *  the winner's. */
struct MapMark {
  enum Kind { chosen, added, removed };
  double lon = 0, lat = 0;
  Kind kind = chosen;
  std::string label;  ///< its tooltip
};

struct CommuneMap {
  std::string title;
  std::vector<double> values;  ///< one per commune, scenario order; NaN: no data (grey)
  bool diverging = false;      ///< a difference: RdBu around 0, red where it grows
  int decimals = 2;
  std::vector<MapMark> marks{};
  /** The marks' legend: the words for chosen, added and removed, in that order (fewer:
   *  the first kinds only); empty: no legend. */
  std::vector<std::string> mark_words{};
  bool french = false;  ///< numbers with a decimal comma and narrow spaces
};

/** Equirectangular around the territory's mean latitude: true to scale at a map's size. */
struct MapProjection {
  double lon0 = 0, lat1 = 0, k = 1, scale_x = 1;  // pixels per degree of latitude
  double x(double lon) const { return (lon - lon0) * scale_x; }
  double y(double lat) const { return (lat1 - lat) * k; }
};

/** What every map of a scenario shares: the projection and each commune's outline as an SVG
 *  path, formatted once for a report's maps (formatting every outline's points for each
 *  map was most of the report's cost). Refers to the scenario, which must outlive it. */
struct MapFrame {
  explicit MapFrame(const Scenario& scenario);
  const Scenario& scenario;
  MapProjection projection;
  double height = 0;               ///< of the map, without the legend
  std::vector<std::string> paths;  ///< per commune, its outline's "d"; empty: drawn as a point
};

void write_commune_map(std::ostream& out, const MapFrame& frame, const CommuneMap& map);
/** One map alone (its frame made for it). */
void write_commune_map(std::ostream& out, const Scenario& scenario, const CommuneMap& map);

}  // namespace maillage
