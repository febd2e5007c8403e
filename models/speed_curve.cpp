#include "models/speed_curve.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace maillage {

std::vector<double> SpeedCurve::stretches(double metres) const {
  std::vector<double> out(bands.size(), 0.0);
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const double end = i + 1 < bands.size() ? bands[i + 1].first : metres;
    out[i] = std::max(0.0, std::min(metres, end) - bands[i].first);
  }
  return out;
}

double SpeedCurve::seconds(double metres) const {
  const std::vector<double> s = stretches(metres);
  double t = access_s;
  for (std::size_t i = 0; i < bands.size(); ++i) t += s[i] / bands[i].second;
  return t;
}

double SpeedCurve::top_speed() const {
  double v = 0;
  for (const auto& b : bands) v = std::max(v, b.second);
  return v;
}

void SpeedCurve::check() const {
  if (bands.empty()) throw std::invalid_argument("a speed curve needs at least one band");
  if (bands[0].first != 0) throw std::invalid_argument("the first speed band must start at 0 km");
  if (!(access_s >= 0) || !std::isfinite(access_s))
    throw std::invalid_argument("the access time must be zero or more, got " + std::to_string(access_s) + " s");
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (!(bands[i].second > 0) || !std::isfinite(bands[i].second))
      throw std::invalid_argument("speed band #" + std::to_string(i + 1) + ": the speed must be positive");
    if (i > 0 && !(bands[i].first > bands[i - 1].first))
      throw std::invalid_argument("speed band #" + std::to_string(i + 1) + " must start beyond the one before");
  }
}

}  // namespace maillage
