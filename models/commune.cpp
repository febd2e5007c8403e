#include "models/commune.hpp"

#include <cmath>

namespace maillage {

double great_circle_m(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadius = 6371008.8;  // IUGG mean Earth radius, as in the shared data
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace maillage
