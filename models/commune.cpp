#include "models/commune.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {

double great_circle_m(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadius = 6371008.8;  // IUGG mean Earth radius, as in the shared data
  constexpr double kRad = M_PI / 180.0;
  const double s_lat = std::sin((lat2 - lat1) * kRad / 2), s_lon = std::sin((lon2 - lon1) * kRad / 2);
  const double h = s_lat * s_lat + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * s_lon * s_lon;
  // Clamp: rounding can push h a hair above 1 for antipodal points, and asin would give NaN.
  return 2 * kRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace maillage
