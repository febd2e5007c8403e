#include "engine/confidence_interval.hpp"

#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>

#include "engine/tally.hpp"

namespace maillage {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ConfidenceInterval from_tally(const Tally& t, double level) {
  ConfidenceInterval ci;
  ci.n = static_cast<int>(t.count());
  ci.mean = t.mean();
  ci.half_width = ci.n >= 2 ? student_t_quantile(level, ci.n - 1) * std::sqrt(t.variance() / ci.n) : kNaN;
  return ci;
}
}  // namespace

double student_t_quantile(double level, int df) {
  const boost::math::students_t dist(df);
  return boost::math::quantile(dist, 1.0 - (1.0 - level) / 2.0);
}

ConfidenceInterval confidence_interval(const std::vector<double>& values, double level) {
  Tally t;
  for (double v : values)
    if (std::isfinite(v)) t.add(v);
  return from_tally(t, level);
}

ConfidenceInterval paired_difference(const std::vector<double>& a, const std::vector<double>& b, double level) {
  Tally t;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (std::isfinite(a[i]) && std::isfinite(b[i])) t.add(a[i] - b[i]);
  return from_tally(t, level);
}

}  // namespace maillage
