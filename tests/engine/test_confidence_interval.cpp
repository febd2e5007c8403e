#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/confidence_interval.hpp"
#include "engine/tally.hpp"

using namespace maillage;

TEST_CASE("Student-t intervals match hand-computed values", "[engine]") {
  CHECK(student_t_quantile(0.95, 4) == Approx(2.776445).epsilon(1e-6));
  CHECK(student_t_quantile(0.95, 10) == Approx(2.228139).epsilon(1e-6));
  const auto ci = confidence_interval({1, 2, 3, 4, 5});
  CHECK(ci.n == 5);
  CHECK(ci.mean == 3.0);
  CHECK(ci.half_width == Approx(2.776445 * std::sqrt(2.5 / 5)).epsilon(1e-6));  // 1.963
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto skipped = confidence_interval({1, nan, 2, 3, 4, 5});
  CHECK(skipped.n == 5);
  CHECK(skipped.half_width == ci.half_width);
  CHECK(std::isnan(confidence_interval({7}).half_width));
  CHECK(std::isnan(confidence_interval({}).mean));
}

TEST_CASE("paired differences of identical runs are exactly zero", "[engine]") {
  const auto d = paired_difference({3.5, 4.25, 9}, {3.5, 4.25, 9});
  CHECK(d.mean == 0.0);
  CHECK(d.half_width == 0.0);
  const auto e = paired_difference({2, 4, 6}, {1, 2, 3});
  CHECK(e.mean == 2.0);
}

TEST_CASE("tally matches a two-pass computation and merges exactly", "[engine]") {
  Tally all, left, right;
  std::vector<double> xs;
  for (int i = 0; i < 1000; ++i) xs.push_back(std::sin(i) * 100 + i * 0.1);
  double sum = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    all.add(xs[i]);
    (i < 300 ? left : right).add(xs[i]);
    sum += xs[i];
  }
  const double mean = sum / xs.size();
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  CHECK(all.mean() == Approx(mean).epsilon(1e-12));
  CHECK(all.variance() == Approx(ss / (xs.size() - 1)).epsilon(1e-10));
  left.merge(right);
  CHECK(left.count() == 1000);
  CHECK(left.mean() == Approx(all.mean()).epsilon(1e-12));
  CHECK(left.variance() == Approx(all.variance()).epsilon(1e-10));
  CHECK(left.min() == all.min());
  CHECK(left.max() == all.max());
  CHECK(std::isnan(Tally().mean()));
}
