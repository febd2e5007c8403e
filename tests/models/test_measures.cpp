#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/random_stream.hpp"
#include "engine/tally.hpp"
#include "models/measures.hpp"

using namespace maillage;

namespace {
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }
}  // namespace

TEST_CASE("measures whose wait histograms are completed late give the rows of direct sketches", "[models]") {
  // Measures::served leaves the last histogram increments pending (prefetched); the rows
  // must be those of sketches fed at once, whatever is pending when they are read.
  const std::size_t communes = 7;
  Measures m(communes, {"acute", "routine"});
  std::vector<QuantileSketch> direct(communes * 2);
  RandomStream rng(17, 1, "measures-pending");
  const auto columns = m.columns();
  const auto median = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), "wait_days_median") - columns.begin());
  const auto p90 = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), "wait_days_p90") - columns.begin());
  const std::size_t per_ct = columns.size() / 3;
  auto check = [&] {
    for (std::size_t c = 0; c < communes; ++c) {
      const auto row = m.commune_row(c);
      for (std::uint16_t k = 0; k < 2; ++k) {
        const QuantileSketch& d = direct[c * 2 + k];
        const std::size_t at = (k + 1) * per_ct;
        const bool any = d.count() > 0;
        INFO("commune " << c << ", care type " << k);
        CHECK(same(row[at + median], any ? d.quantile(0.5) / 86400.0 : std::nan("")));
        CHECK(same(row[at + p90], any ? d.quantile(0.9) / 86400.0 : std::nan("")));
      }
    }
  };
  for (int round = 0; round < 3; ++round) {
    // A few served episodes (fewer than are left pending), then many: rows read between.
    const int n = round == 0 ? 5 : 4000;
    for (int i = 0; i < n; ++i) {
      const auto c = static_cast<std::uint32_t>(rng.below(communes));
      const auto k = static_cast<std::uint16_t>(rng.below(2));
      const double wait = rng.uniform() < 0.3 ? 0.0 : rng.exponential(k ? 5 * 86400.0 : 3600.0);
      m.arisen(c, k);
      m.served(c, k, wait, 1000.0, 60.0);
      direct[c * 2 + k].add(wait);
    }
    check();
    const auto all = m.territory_row();
    QuantileSketch total;
    for (const auto& d : direct) total.merge(d);
    CHECK(same(all[median], total.quantile(0.5) / 86400.0));
    CHECK(same(all[p90], total.quantile(0.9) / 86400.0));
  }
}

TEST_CASE("a measures cell keeps what an episode touches in its first two cache lines", "[models]") {
  // Measures::Cell's layout is for speed (France touches 70,000 cells at random); its
  // counts must be those of the straightforward tallies all the same.
  Measures m(3, {"acute", "routine"});
  for (std::uint32_t c = 0; c < 3; ++c)
    for (std::uint16_t k = 0; k < 2; ++k)
      CHECK(reinterpret_cast<std::uintptr_t>(&m.cell(c, k)) % 64 == 0);
  CHECK(Measures::Cell::hot_bytes() <= 128);
  CHECK(alignof(Measures::Cell) == 64);

  RandomStream rng(23, 1, "measures-cell");
  Tally wait;
  double km = 0, minutes = 0;
  std::uint64_t arisen = 0, served = 0, too_long = 0;
  for (int i = 0; i < 5000; ++i) {
    m.arisen(1, 1);
    ++arisen;
    if (rng.uniform() < 0.2) {
      m.unserved(1, 1, UnservedReason::TooLong);
      ++too_long;
      continue;
    }
    const double w = rng.exponential(86400.0), metres = 1000 * rng.uniform(), seconds = 60 * rng.uniform();
    m.served(1, 1, w, metres, seconds);
    wait.add(w), km += metres, minutes += seconds, ++served;
  }
  const auto cols = m.columns();
  const auto row = m.commune_row(1);
  auto at = [&](const std::string& name) {
    return row[static_cast<std::size_t>(std::find(cols.begin(), cols.end(), name + ".routine") - cols.begin())];
  };
  CHECK(at("episodes") == static_cast<double>(arisen));
  CHECK(at("served") == static_cast<double>(served));
  CHECK(at("unserved_too_long") == static_cast<double>(too_long));
  CHECK(at("wait_days_mean") == wait.mean() / 86400.0);  // the same additions in the same order
  CHECK(at("travel_km") == km / 1000.0);
  CHECK(at("travel_min") == minutes / 60.0);
  CHECK(m.cell(1, 1).served() == served);
  CHECK(m.cell(0, 1).served() == 0);
}
