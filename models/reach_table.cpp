#include "models/reach_table.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace maillage {

ReachTable ReachTable::build(const Scenario& sc, const std::vector<std::size_t>& provider_communes, double limit) {
  const std::size_t n_c = sc.communes.size();
  ReachTable t;
  std::vector<std::vector<std::pair<Reach, Trip>>> lists(n_c);
  t.nearest.assign(n_c, Reach{kNoProvider, std::numeric_limits<float>::infinity(), 0.f});
  const Trip none{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  t.nearest_trips.assign(n_c, none);
  // By (time, provider): the nearest first, ties to the first listed.
  const auto before = [](const Reach& a, const Reach& b) { return std::tie(a.seconds, a.provider) < std::tie(b.seconds, b.provider); };
  if (limit <= 0) {
    for (std::uint32_t p = 0; p < provider_communes.size(); ++p) {
      const auto& trips = sc.roads->trips_from(provider_communes[p]);
      for (std::size_t c = 0; c < n_c; ++c) {
        const Reach r{p, static_cast<float>(trips[c].seconds), static_cast<float>(trips[c].metres)};
        if (before(r, t.nearest[c])) t.nearest[c] = r;
      }
    }
  } else if (!provider_communes.empty()) {
    // One Dijkstra per provider commune, stopped at the limit: memory grows with what is
    // within reach, not with the territory squared (France: 35 k communes).
    std::vector<std::vector<std::uint32_t>> at(n_c);
    for (std::uint32_t p = 0; p < provider_communes.size(); ++p) at[provider_communes[p]].push_back(p);
    for (std::size_t s = 0; s < n_c; ++s) {
      if (at[s].empty()) continue;
      for (const auto& [c, trip] : sc.roads->trips_within(s, limit))
        for (auto p : at[s])
          lists[c].push_back({Reach{p, static_cast<float>(trip.seconds), static_cast<float>(trip.metres)}, trip});
    }
    for (std::size_t c = 0; c < n_c; ++c) {
      // (time, provider) is unique within a row: the order does not depend on the sort.
      std::sort(lists[c].begin(), lists[c].end(), [&](const auto& a, const auto& b) { return before(a.first, b.first); });
      if (!lists[c].empty()) {
        t.nearest[c] = lists[c].front().first;
        t.nearest_trips[c] = lists[c].front().second;
        continue;
      }
      // No provider within the limit: search farther, doubling the radius, until one is
      // (or the whole of the commune's component has been searched).
      for (double r = limit; t.nearest[c].provider == kNoProvider && std::isfinite(r);) {
        r = r < 1e7 ? 2 * r : std::numeric_limits<double>::infinity();
        for (const auto& [s, trip] : sc.roads->trips_within(c, r))
          for (auto p : at[s]) {
            const Reach x{p, static_cast<float>(trip.seconds), static_cast<float>(trip.metres)};
            if (before(x, t.nearest[c])) t.nearest[c] = x;
          }
      }
    }
  }
  t.begin.push_back(0);
  for (auto& l : lists) {
    for (const auto& [r, trip] : l) {
      t.items.push_back(r);
      t.trips.push_back(trip);
    }
    t.begin.push_back(static_cast<std::uint32_t>(t.items.size()));
    std::vector<std::pair<Reach, Trip>>().swap(l);  // France: free the rows as they are copied
  }
  return t;
}

}  // namespace maillage
