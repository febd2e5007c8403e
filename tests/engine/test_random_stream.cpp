#include <catch2/catch.hpp>

#include <cmath>

#include "engine/random_stream.hpp"
#include "engine/tally.hpp"

using namespace maillage;

TEST_CASE("random streams are reproducible and independent per seed and replication and source", "[engine]") {
  RandomStream a(42, 1, "demand/41018/gp_acute"), b(42, 1, "demand/41018/gp_acute");
  RandomStream other_rep(42, 2, "demand/41018/gp_acute"), other_src(42, 1, "demand/41018/gp_routine");
  int same_rep = 0, same_src = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a.next();
    CHECK(x == b.next());
    same_rep += x == other_rep.next();
    same_src += x == other_src.next();
  }
  CHECK(same_rep == 0);
  CHECK(same_src == 0);
  // Pinned: a change of generator or seeding would silently change every published result.
  RandomStream pinned(1, 1, std::uint64_t{0});
  CHECK(pinned.next() == RandomStream(1, 1, std::uint64_t{0}).next());
  CHECK(source_hash("") == 0xCBF29CE484222325ULL);
  CHECK(source_hash("a") == 0xAF63DC4C8601EC8CULL);  // FNV-1a reference value
}

TEST_CASE("uniform and exponential and lognormal and below have the right moments", "[engine]") {
  RandomStream rng(7, 3, "moments");
  Tally u, e, l;
  const int n = 1000000;
  std::vector<int> buckets(10, 0);
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform();
    REQUIRE(x > 0.0);
    REQUIRE(x < 1.0);
    u.add(x);
    e.add(rng.exponential(15.0));
    l.add(rng.lognormal(18.0, 6.0));
    buckets[rng.below(10)]++;
  }
  CHECK(u.mean() == Approx(0.5).margin(0.002));
  CHECK(u.variance() == Approx(1.0 / 12).margin(0.001));
  CHECK(e.mean() == Approx(15.0).epsilon(0.005));
  CHECK(std::sqrt(e.variance()) == Approx(15.0).epsilon(0.01));
  CHECK(l.mean() == Approx(18.0).epsilon(0.005));
  CHECK(std::sqrt(l.variance()) == Approx(6.0).epsilon(0.02));
  CHECK(l.min() > 0);
  double chi2 = 0;
  for (int c : buckets) chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
  CHECK(chi2 < 27.9);  // 9 degrees of freedom, p = 0.001
  CHECK(rng.lognormal(18.0, 0.0) == 18.0);
}
