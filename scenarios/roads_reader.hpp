#pragma once
// Reads a scenario's `territory.roads` (README "Travel times"): the k-nearest-neighbour
// model (one speed, or an access time and speeds by trip distance), an edge list, a matrix
// of given times (CSV or an OSRM table response), ferries, an OpenStreetMap extract.
#include <cstddef>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/road_graph.hpp"
#include "scenarios/csv_table.hpp"
#include "scenarios/yaml_reader.hpp"

namespace maillage {

/** One row of a `from,to,minutes[,km]` table: commune indices, seconds, metres (NaN when the
 *  table has no km), and the row's line in its file. */
struct TravelRow {
  std::size_t from = 0, to = 0;
  double seconds = 0, metres = 0;
  int line = 0;
};

/** The rows of a from,to,minutes[,km] table (INSEE codes); each bad row adds a message
 *  "file:line: what was expected" to `errors`. km is read when the table has the column;
 *  `need_km` makes it required. */
std::vector<TravelRow> travel_rows(const CsvTable& t, const std::map<std::string, std::size_t>& commune_index,
                                   bool need_km, std::vector<std::string>& errors);

/** What reading the roads needs from the rest of the scenario. */
struct RoadsContext {
  const std::vector<Commune>& communes;
  const std::map<std::string, std::size_t>& commune_index;
  std::string base_dir;                ///< data files are relative to it
  std::vector<Diagnostic>& diagnostics;  ///< where `r` records errors (to count them)
  std::string* note = nullptr;           ///< receives what was left aside (OSM nodes), if given
  const std::set<std::string>* left_out = nullptr;  ///< communes a filter dropped: their edges are skipped
};

/** The road graph of `roads:` at `path`, every commune reaching every other; nothing after
 *  recording the errors in `r`. `knn` receives the model's parameters when it is a knn
 *  model (what `maillage calibrate` refits). */
std::shared_ptr<const RoadGraph> read_roads(const YAML::Node& n, const std::string& path, YamlReader& r,
                                            const RoadsContext& ctx, std::optional<KnnRoads>& knn);

}  // namespace maillage
