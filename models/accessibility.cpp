#include "models/accessibility.hpp"

#include <algorithm>

namespace maillage {

double apl_weight(double seconds) {
  const double minutes = seconds / 60.0;
  if (minutes < 10) return 1.0;
  if (minutes < 15) return 2.0 / 3.0;
  if (minutes < 20) return 1.0 / 3.0;
  return 0.0;
}

std::vector<double> accessibility_index(const Scenario& sc, double consultations_per_hour) {
  const std::size_t n = sc.communes.size();
  std::vector<double> index(n, 0.0);
  for (const auto& p : sc.practices) {
    // Travel is symmetric on this graph; beyond 20 minutes the weight is 0. By commune, so
    // the sums run in the same order whatever the search order.
    auto near = sc.roads->trips_within(p.commune, 20 * 60.0);
    std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double demand = 0.0;
    for (const auto& [k, trip] : near) demand += apl_weight(trip.seconds) * sc.communes[k].standardised_population.value_or(sc.communes[k].population);
    if (demand <= 0) continue;
    const double supply = p.doctors * p.hours.weekly_open_seconds() / 3600.0 * 52 * consultations_per_hour;
    const double ratio = supply / demand;
    for (const auto& [i, trip] : near) index[i] += apl_weight(trip.seconds) * ratio;
  }
  return index;
}

}  // namespace maillage
