#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engine/tally.hpp"

using namespace maillage;

namespace {
struct TwoPass {
  double mean, variance;
};
TwoPass two_pass(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  const double mean = sum / static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return {mean, ss / static_cast<double>(xs.size() - 1)};
}
}  // namespace

TEST_CASE("tally matches a two-pass computation and merges like one tally", "[engine]") {
  Tally all, left, right;
  std::vector<double> xs;
  for (int i = 0; i < 1000; ++i) xs.push_back(std::sin(i) * 100 + i * 0.1);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    all.add(xs[i]);
    (i < 300 ? left : right).add(xs[i]);
  }
  const auto ref = two_pass(xs);
  CHECK(all.count() == 1000);
  CHECK(all.mean() == Approx(ref.mean).epsilon(1e-12));
  CHECK(all.sum() == Approx(ref.mean * 1000).epsilon(1e-12));
  CHECK(all.variance() == Approx(ref.variance).epsilon(1e-10));
  left.merge(right);
  CHECK(left.count() == 1000);
  CHECK(left.mean() == Approx(all.mean()).epsilon(1e-12));
  CHECK(left.variance() == Approx(all.variance()).epsilon(1e-10));
  CHECK(left.min() == all.min());
  CHECK(left.max() == all.max());
}

TEST_CASE("tally stays accurate on a large offset - where sum-of-squares fails", "[engine]") {
  Tally t;
  std::vector<double> xs;
  for (int i = 0; i < 10000; ++i) xs.push_back(1e9 + (i % 10));  // variance ~ 8.25
  for (double x : xs) t.add(x);
  CHECK(t.variance() == Approx(two_pass(xs).variance).epsilon(1e-6));
  CHECK(t.min() == 1e9);
  CHECK(t.max() == 1e9 + 9);
}

TEST_CASE("tally is NaN where undefined and merges with empty tallies", "[engine]") {
  Tally empty;
  CHECK(empty.count() == 0);
  CHECK(empty.sum() == 0.0);
  CHECK(std::isnan(empty.mean()));
  CHECK(std::isnan(empty.variance()));
  CHECK(std::isnan(empty.min()));
  CHECK(std::isnan(empty.max()));
  Tally one;
  one.add(-4.5);
  CHECK(one.mean() == -4.5);
  CHECK(std::isnan(one.variance()));
  CHECK(one.min() == -4.5);
  CHECK(one.max() == -4.5);  // min/max start from the first value, not from 0
  Tally a = one;
  a.merge(empty);
  CHECK(a.count() == 1);
  CHECK(a.mean() == -4.5);
  Tally b;
  b.merge(one);
  CHECK(b.count() == 1);
  CHECK(b.min() == -4.5);
  b.add(-1.5);
  CHECK(b.mean() == -3.0);
  CHECK(b.variance() == 4.5);
}
