#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "engine/log_bucket_index.hpp"
#include "engine/quantile_sketch.hpp"
#include "engine/random_stream.hpp"

using namespace maillage;

namespace {
std::uint64_t bits_of(double x) { return LogBucketIndex::bits_of(x); }
double double_of(std::uint64_t b) { return LogBucketIndex::double_of(b); }
double default_log_gamma() {
  const double a = QuantileSketch::default_accuracy;
  return std::log((1 + a) / (1 - a));
}
int with_log(double x, double log_gamma) { return static_cast<int>(std::ceil(std::log(x) / log_gamma)); }
}  // namespace

TEST_CASE("log bucket index is the computed bucket on both sides of every edge", "[engine]") {
  const LogBucketIndex index(default_log_gamma());
  REQUIRE(index.tabled());
  REQUIRE(index.edges().size() > 4000);
  const std::int64_t band = static_cast<std::int64_t>(LogBucketIndex::kBand);
  std::uint64_t checked = 0, wrong = 0, not_edge = 0, flips_far = 0;
  for (std::size_t k = 0; k < index.edges().size(); ++k) {
    const int bucket = index.first_bucket() + static_cast<int>(k);
    const std::uint64_t e = bits_of(index.edges()[k]);
    // The edge is where the computed bucket changes.
    not_edge += with_log(double_of(e), index.log_gamma()) != bucket || with_log(double_of(e - 1), index.log_gamma()) != bucket - 1;
    // Every double within the band and 300 ulps past it (densely near the edge and near the
    // band's ends); and what the table relies on: beyond 64 ulps, no rounding flip.
    for (std::int64_t d = -(band + 300); d <= band + 300; d += (std::abs(d) < 300 || std::abs(d) > band - 300) ? 1 : 17) {
      const double x = double_of(e + static_cast<std::uint64_t>(d));
      const int expected = with_log(x, index.log_gamma());
      wrong += index(x) != expected;
      if (std::abs(d) >= 64) flips_far += expected != (d < 0 ? bucket - 1 : bucket);
      ++checked;
    }
  }
  CHECK(checked > 9'000'000);  // 4,437 edges, 2,200 doubles each
  CHECK(not_edge == 0);
  CHECK(wrong == 0);
  CHECK(flips_far == 0);
}

TEST_CASE("log bucket index is the computed bucket for random doubles and at every slot's ends", "[engine]") {
  const LogBucketIndex index(default_log_gamma());
  RandomStream rng(11, 1, "log-bucket-index");
  std::uint64_t wrong = 0;
  // Binades from 2^-40 to 2^44: in the table's range and past it on both sides.
  for (int n = 0; n < 2'000'000; ++n) {
    const auto binade = static_cast<std::uint64_t>(1023 - 40 + static_cast<int>(rng.uniform() * 84));
    const std::uint64_t mantissa = rng.next() >> 12;
    const double x = double_of(binade << 52 | mantissa);
    wrong += index(x) != with_log(x, index.log_gamma());
  }
  // The ends of each 1/128 of a binade, and values from min_positive to years in seconds.
  for (std::uint64_t s = static_cast<std::uint64_t>(1023 + LogBucketIndex::kMinBinade) << 7;
       s <= static_cast<std::uint64_t>(1023 + LogBucketIndex::kEndBinade) << 7; ++s)
    for (std::uint64_t d = 0; d < 8; ++d) {
      const double up = double_of((s << 45) + d), down = double_of((s << 45) - 1 - d);
      wrong += index(up) != with_log(up, index.log_gamma());
      wrong += index(down) != with_log(down, index.log_gamma());
    }
  for (double x = QuantileSketch::min_positive; x < 1e11; x *= 1.0001) wrong += index(x) != with_log(x, index.log_gamma());
  CHECK(wrong == 0);
}

TEST_CASE("log bucket index without a table for narrow buckets still computes", "[engine]") {
  const LogBucketIndex narrow(std::log(1.002));
  CHECK_FALSE(narrow.tabled());
  RandomStream rng(12, 1, "log-bucket-narrow");
  for (int n = 0; n < 1000; ++n) {
    const double x = std::exp(rng.uniform() * 40 - 20);
    REQUIRE(narrow(x) == with_log(x, narrow.log_gamma()));
  }
}

TEST_CASE("quantile sketch buckets are those of log at the default accuracy and others", "[engine]") {
  for (const double a : {QuantileSketch::default_accuracy, 0.01, 0.001}) {
    QuantileSketch sketch(a);
    const double log_gamma = std::log((1 + a) / (1 - a));
    RandomStream rng(13, 1, "sketch-buckets");
    std::uint64_t wrong = 0;
    for (int n = 0; n < 200'000; ++n) {
      const double x = std::exp(rng.uniform() * 40 - 20);  // 2e-9 to 5e8
      wrong += sketch.count(x) != with_log(x, log_gamma);
    }
    CHECK(wrong == 0);
  }
}
