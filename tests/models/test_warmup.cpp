#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engine/random_stream.hpp"
#include "engine/calendar.hpp"
#include "models/warmup.hpp"
#include "models/weekly_series.hpp"

using namespace maillage;

TEST_CASE("MSER-5 drops a known transient and nothing from a stationary series", "[warmup]") {
  // A transient of 40 observations rising to a level of 10, then noise around it.
  std::vector<double> transient, stationary;
  std::uint64_t x = 12345;
  auto noise = [&] {  // a fixed pseudo-random sequence in [-1, 1)
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(x >> 11) / static_cast<double>(1ULL << 52) - 1.0;
  };
  for (int i = 0; i < 200; ++i) {
    const double level = i < 40 ? 10.0 * i / 40.0 : 10.0;
    transient.push_back(level + noise());
    stationary.push_back(10.0 + noise());
  }
  const Truncation t = mser(transient);
  CHECK(t.reliable);
  CHECK(t.drop % 5 == 0);
  CHECK(t.drop >= 25);  // most of the ramp goes
  CHECK(t.drop <= 50);  // and little of the steady state
  CHECK(mser(stationary).drop <= 10);
}

TEST_CASE("MSER-5 says when no steady state shows in the first half", "[warmup]") {
  std::vector<double> rising;
  for (int i = 0; i < 100; ++i) rising.push_back(i < 80 ? i : 80);
  const Truncation t = mser(rising);
  CHECK_FALSE(t.reliable);
  CHECK(t.drop <= 50);
  CHECK_FALSE(mser({1, 2, 3}).reliable);  // too short to batch
}

TEST_CASE("Weekly means stop at the first censored week", "[warmup]") {
  ResultTable ts;
  ts.key_columns = {"plan", "replication"};
  ts.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean"};
  ts.rows = {{{"baseline", "1"}, {1, 10, 9, 1, 2.0}},
             {{"baseline", "2"}, {1, 10, 10, 0, 4.0}},
             {{"baseline", "1"}, {2, 10, 8, 2, 3.0}},
             {{"baseline", "2"}, {2, 10, 8, 2, 3.0}},
             {{"baseline", "1"}, {3, 10, 5, 0, 1.0}},  // 5 still in progress at the horizon
             {{"baseline", "2"}, {3, 10, 10, 0, 1.0}},
             {{"other", "1"}, {1, 10, 0, 10, 0.0}}};
  const WeeklyMeans m = weekly_means(ts, "baseline");
  REQUIRE(m.wait_days.size() == 2);
  CHECK(m.wait_days[0] == Approx((9 * 2.0 + 10 * 4.0) / 19));
  CHECK(m.unserved_share[0] == Approx(0.05));
  CHECK(m.unserved_share[1] == Approx(0.2));
  // The totals both readers share: sums, the replications' mean waits, what is in progress.
  const WeeklyTotals t = weekly_totals(ts, "baseline");
  REQUIRE(t.weeks() == 3);
  CHECK(t.episodes[2] == 20);
  CHECK(t.wait_served[0] == 9 * 2.0 + 10 * 4.0);
  CHECK(t.wait_sum[0] / t.wait_known[0] == 3.0);
  CHECK(t.in_progress(2) == 5);
  CHECK(t.in_progress(1) == 0);
}

TEST_CASE("The weekly series counts the needs an emergency department served by their week", "[warmup]") {
  // Two replications' series: ED visits by the week the need arose, summed by weekly_totals
  // (what `--series` prints to show whether the ED count settles or keeps growing).
  WeeklySeries one(3 * kWeek), two(3 * kWeek);
  one.served(0.5 * kDay, 0.0, true);
  one.served(1.0 * kDay, kDay, false);
  one.served(8.0 * kDay, 0.0, true);
  one.served(9.0 * kDay, 0.0, true);
  two.served(15.0 * kDay, 0.0, true);
  two.unserved(16.0 * kDay);
  ResultTable ts = one.table("baseline", "1");
  ts.append(two.table("baseline", "2"));
  REQUIRE(ts.value_columns.back() == "ed_visits");
  const WeeklyTotals t = weekly_totals(ts, "baseline");
  REQUIRE(t.weeks() == 3);
  CHECK(t.ed_visits == std::vector<double>{1, 2, 1});
  CHECK(t.served == std::vector<double>{2, 2, 1});
  CHECK(t.unserved[2] == 1);
  // A table written before the column existed reads as no ED visit.
  ResultTable old;
  old.key_columns = ts.key_columns;
  old.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean"};
  old.rows = {{{"baseline", "1"}, {1, 10, 10, 0, 1.0}}};
  CHECK(weekly_totals(old, "baseline").ed_visits == std::vector<double>{0});
}
