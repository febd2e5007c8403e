#include "models/accessibility.hpp"

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
    const auto& trips = sc.roads->trips_from(p.commune);  // travel is symmetric on this graph
    double demand = 0.0;
    for (std::size_t k = 0; k < n; ++k) demand += apl_weight(trips[k].seconds) * sc.communes[k].population;
    if (demand <= 0) continue;
    const double supply = p.doctors * p.hours.weekly_open_seconds() / 3600.0 * 52 * consultations_per_hour;
    const double ratio = supply / demand;
    for (std::size_t i = 0; i < n; ++i) index[i] += apl_weight(trips[i].seconds) * ratio;
  }
  return index;
}

}  // namespace maillage
