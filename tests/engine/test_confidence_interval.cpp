#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/confidence_interval.hpp"

using namespace maillage;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("Student-t intervals match hand-computed values", "[engine]") {
  CHECK(student_t_quantile(0.95, 4) == Approx(2.776445).epsilon(1e-6));
  CHECK(student_t_quantile(0.95, 10) == Approx(2.228139).epsilon(1e-6));
  CHECK(student_t_quantile(0.90, 1) == Approx(6.313752).epsilon(1e-6));
  const auto ci = confidence_interval({1, 2, 3, 4, 5});
  CHECK(ci.n == 5);
  CHECK(ci.mean == 3.0);
  CHECK(ci.half_width == Approx(1.963).margin(5e-4));  // 2.776445 * 1.5811 / sqrt(5)
  CHECK(ci.half_width == Approx(2.776445 * std::sqrt(2.5 / 5)).epsilon(1e-6));
  CHECK(ci.low() == Approx(3.0 - ci.half_width));
  CHECK(ci.high() == Approx(3.0 + ci.half_width));
  const auto ci90 = confidence_interval({1, 2, 3, 4, 5}, 0.90);
  CHECK(ci90.half_width == Approx(2.131847 * std::sqrt(2.5 / 5)).epsilon(1e-6));
}

TEST_CASE("confidence intervals skip NaN and are NaN where undefined", "[engine]") {
  const auto ci = confidence_interval({1, 2, 3, 4, 5});
  const auto skipped = confidence_interval({1, kNaN, 2, 3, kNaN, 4, 5});
  CHECK(skipped.n == 5);
  CHECK(skipped.mean == ci.mean);
  CHECK(skipped.half_width == ci.half_width);
  const auto single = confidence_interval({7, kNaN});
  CHECK(single.n == 1);
  CHECK(single.mean == 7.0);
  CHECK(std::isnan(single.half_width));
  const auto none = confidence_interval({kNaN, kNaN});
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
  CHECK(std::isnan(none.half_width));
  CHECK(std::isnan(confidence_interval({}).mean));
}

TEST_CASE("paired differences of identical runs are exactly zero", "[engine]") {
  const auto d = paired_difference({3.5, 4.25, 9}, {3.5, 4.25, 9});
  CHECK(d.n == 3);
  CHECK(d.mean == 0.0);
  CHECK(d.half_width == 0.0);
  const auto e = paired_difference({2, 4, 6}, {1, 2, 3});
  CHECK(e.mean == 2.0);
  CHECK(e.half_width == Approx(4.302653 * 1.0 / std::sqrt(3.0)).epsilon(1e-6));  // sd of {1,2,3} is 1
  // A pair is used only when both sides are finite.
  const auto f = paired_difference({2, kNaN, 6, 10}, {1, 5, kNaN, 3});
  CHECK(f.n == 2);
  CHECK(f.mean == 4.0);  // (1 + 7) / 2
}
