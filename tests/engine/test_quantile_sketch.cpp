#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "engine/quantile_sketch.hpp"
#include "engine/random_stream.hpp"

using namespace maillage;

namespace {
double exact_lower_quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(q * v.size() - 1e-9)));
  return v[rank - 1];
}
}  // namespace

TEST_CASE("quantile sketch is within its relative accuracy of the exact quantiles", "[engine]") {
  RandomStream rng(3, 1, "sketch");
  QuantileSketch sketch(0.005);
  std::vector<double> values;
  for (int i = 0; i < 200000; ++i) {
    // Many exact zeros (served at once) and a long tail, as waits are.
    const double x = rng.uniform() < 0.4 ? 0.0 : rng.exponential(3600.0);
    values.push_back(x);
    sketch.add(x);
  }
  CHECK(sketch.count() == 200000);
  for (double q : {0.1, 0.3, 0.5, 0.9, 0.99, 1.0}) {
    const double exact = exact_lower_quantile(values, q);
    const double est = sketch.quantile(q);
    INFO("q = " << q << ", exact " << exact << ", sketch " << est);
    if (exact == 0.0)
      CHECK(est == 0.0);
    else
      CHECK(std::fabs(est - exact) <= 0.0051 * exact);
  }
}

TEST_CASE("quantile sketch merges exactly and is NaN when empty", "[engine]") {
  QuantileSketch a, b, all;
  CHECK(std::isnan(a.quantile(0.5)));
  for (int i = 1; i <= 1000; ++i) {
    (i % 2 ? a : b).add(i);
    all.add(i);
  }
  a.merge(b);
  for (double q : {0.01, 0.5, 0.9, 1.0}) CHECK(a.quantile(q) == all.quantile(q));
  CHECK(a.count() == 1000);
  CHECK(a.quantile(0.5) == Approx(500).epsilon(0.005));
}

TEST_CASE("quantile sketch counted now and bucketed later in any order equals adding in order", "[engine]") {
  // Measures delays the histogram's increments (to prefetch them): the sketch must not
  // depend on their order, nor on the growth of its buckets that the order implies.
  RandomStream rng(5, 1, "sketch-order");
  QuantileSketch direct, delayed;
  std::vector<int> buckets;
  for (int i = 0; i < 20000; ++i) {
    // Zeros, tiny and huge values: the bucket range grows on both sides.
    const double u = rng.uniform();
    const double x = u < 0.2 ? 0.0 : u < 0.3 ? 1e-6 * rng.uniform() : rng.exponential(u < 0.9 ? 600.0 : 1e6);
    direct.add(x);
    const int b = delayed.count(x);
    if (b == QuantileSketch::kZero)
      CHECK(!(x >= QuantileSketch::min_positive));
    else
      buckets.push_back(b);
  }
  for (std::size_t i = buckets.size(); i > 1; --i) std::swap(buckets[i - 1], buckets[rng.below(i)]);
  for (int b : buckets) delayed.add_bucket(b);
  CHECK(delayed.count() == direct.count());
  CHECK(delayed.zeros() == direct.zeros());
  for (double q : {0.0, 0.01, 0.25, 0.5, 0.9, 0.999, 1.0}) CHECK(delayed.quantile(q) == direct.quantile(q));
  QuantileSketch a, b;
  a.merge(direct);
  b.merge(delayed);
  a.add(42.0);
  b.add(42.0);
  CHECK(a.quantile(0.5) == b.quantile(0.5));
  CHECK(a.quantile(0.9) == b.quantile(0.9));
  // A counter exists only for a bucket within the range seen.
  CHECK(direct.counter(buckets.front()) != nullptr);
  CHECK(QuantileSketch().counter(0) == nullptr);
}

TEST_CASE("quantile sketch merged in place or grown on either side equals one sketch of every value", "[engine]") {
  // Measures merges tens of thousands of cells into a few: most fall within the total's
  // range (added in place), some reach below it, above it, or both (it grows first).
  RandomStream rng(6, 1, "sketch-merge");
  QuantileSketch total, all;
  std::uint64_t n = 0;
  for (int part = 0; part < 60; ++part) {
    QuantileSketch one;
    const int size = part % 7 == 0 ? 0 : static_cast<int>(rng.below(80));
    const double scale = part % 5 == 0 ? 1e-7 : part % 5 == 1 ? 1e7 : 600.0;
    for (int i = 0; i < size; ++i) {
      const double x = rng.uniform() < 0.1 ? 0.0 : rng.exponential(scale);
      one.add(x);
      all.add(x);
      ++n;
    }
    total.merge(one);
  }
  REQUIRE(total.count() == n);
  CHECK(total.zeros() == all.zeros());
  // Every rank: the cumulative counts, hence every bucket's count, are the same.
  std::uint64_t differ = 0;
  for (std::uint64_t k = 1; k <= n; ++k) {
    const double q = static_cast<double>(k) / static_cast<double>(n);
    differ += total.quantile(q) != all.quantile(q);
  }
  CHECK(differ == 0);
}
