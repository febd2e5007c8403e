#include "models/travel_table.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace maillage {

ResultTable travel_table(const Scenario& sc, const std::vector<std::string>& from, const std::vector<std::string>& to,
                         bool sites) {
  // The communes of a list of codes, or all of them.
  auto all_if_empty = [&](const std::vector<std::string>& codes) {
    std::vector<std::size_t> out(codes.empty() ? sc.communes.size() : 0);
    std::iota(out.begin(), out.end(), 0);
    for (const auto& code : codes) {
      const auto it = std::find_if(sc.communes.begin(), sc.communes.end(), [&](const Commune& c) { return c.insee == code; });
      if (it == sc.communes.end()) throw std::invalid_argument("unknown commune \"" + code + "\" (not in the territory)");
      out.push_back(static_cast<std::size_t>(it - sc.communes.begin()));
    }
    return out;
  };
  // Destinations: (name, commune); the communes first, then the sites.
  std::vector<std::pair<std::string, std::size_t>> dest;
  for (std::size_t c : all_if_empty(to)) dest.emplace_back(sc.communes.at(c).insee, c);
  const std::size_t n_communes = dest.size();
  if (sites) {
    for (const auto& x : sc.practices) dest.emplace_back(x.id, x.commune);
    for (const auto& x : sc.cabins) dest.emplace_back(x.id, x.commune);
    for (const auto& x : sc.ehpads) dest.emplace_back(x.id, x.commune);
    for (const auto& x : sc.hospitals) dest.emplace_back(x.id, x.commune);
  }
  ResultTable t;
  t.key_columns = {"from", "to"};
  t.value_columns = {"minutes", "km"};
  // One uncached Dijkstra per source (the rows the simulation's trip_within reads): a
  // whole row per source kept would not fit at France scale.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<Trip> trips(sc.communes.size(), Trip{kInf, kInf});
  for (std::size_t a : all_if_empty(from)) {
    const auto reached = sc.roads->trips_within(a, kInf);
    for (const auto& [c, trip] : reached) trips[c] = trip;
    for (std::size_t i = 0; i < dest.size(); ++i) {
      const auto& [name, b] = dest[i];
      if (b == a && i < n_communes) continue;  // a commune to itself; a site there is a zero trip
      const Trip trip = a == b ? Trip{} : trips[b];
      t.rows.push_back({{sc.communes[a].insee, name}, {trip.seconds / 60, trip.metres / 1000}});
    }
    for (const auto& [c, trip] : reached) trips[c] = Trip{kInf, kInf};
  }
  return t;
}

}  // namespace maillage
