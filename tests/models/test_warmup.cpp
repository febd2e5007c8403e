#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
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
  WeeklySeries one(3 * kWeek, {"a"}), two(3 * kWeek, {"a"});
  one.served(0.5 * kDay, 0.0, true, 0);
  one.served(1.0 * kDay, kDay, false, 0);
  one.served(8.0 * kDay, 0.0, true, 0);
  one.served(9.0 * kDay, 0.0, true, 0);
  two.served(15.0 * kDay, 0.0, true, 0);
  two.unserved(16.0 * kDay, 0);
  ResultTable ts = one.table("baseline", "1");
  ts.append(two.table("baseline", "2"));
  REQUIRE(ts.value_columns[5] == "ed_visits");
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
  CHECK(weekly_totals(old, "baseline").care_types.empty());
}

TEST_CASE("The weekly series puts a need in the week of its time however the times jump about", "[warmup]") {
  // week() remembers the last week's inside: times on either side of a week's ends, in
  // and out of order, before the start and past the horizon, each counted where the
  // division alone puts it.
  const std::size_t weeks = 4;
  WeeklySeries s(weeks * kWeek, {"a"});
  std::vector<double> times = {-kDay, 0.0, -0.0, 3 * kDay, kWeek, 2 * kDay, 9 * kWeek, 4 * kWeek, kWeek - 1e-9};
  for (std::size_t k = 1; k <= weeks; ++k) {
    const double end = static_cast<double>(k) * kWeek;
    for (double t : {std::nextafter(end, 0.0), end, std::nextafter(end, kNever), end - 1e-6, end + 1e-6, end - 0.5e-6,
                     end + 2e-6, end - 0.5 * kWeek})
      times.push_back(t);
  }
  std::vector<double> expected(weeks, 0.0);
  for (double t : times) {
    s.arisen(t, 0);
    expected[std::min(weeks - 1, static_cast<std::size_t>(std::max(0.0, t) / kWeek))] += 1;
  }
  const ResultTable table = s.table("baseline", "1");
  REQUIRE(table.rows.size() == weeks);
  for (std::size_t w = 0; w < weeks; ++w) CHECK(table.value(table.rows[w], "episodes") == expected[w]);
}

TEST_CASE("The weekly series keeps each care type's needs and waits beside the totals", "[warmup]") {
  WeeklySeries s(2 * kWeek, {"gp", "eyes"});
  s.arisen(1 * kDay, 0), s.arisen(2 * kDay, 0), s.arisen(3 * kDay, 1), s.arisen(8 * kDay, 1);
  s.served(1 * kDay, 0.5 * kDay, false, 0);
  s.served(2 * kDay, 1.5 * kDay, false, 0);
  s.served(3 * kDay, 70 * kDay, false, 1);
  // Week 2's eyes need is still in progress at the horizon.
  const ResultTable t = s.table("baseline", "1");
  CHECK(t.value_columns == std::vector<std::string>{"week", "episodes", "served", "unserved", "wait_days_mean", "ed_visits",
                                                    "episodes.gp", "served.gp", "unserved.gp", "wait_days_mean.gp",
                                                    "episodes.eyes", "served.eyes", "unserved.eyes", "wait_days_mean.eyes"});
  REQUIRE(t.rows.size() == 2);
  const auto& w1 = t.rows[0];
  CHECK(t.value(w1, "episodes") == 3);
  CHECK(t.value(w1, "wait_days_mean") == Approx(72.0 / 3));  // the mix the per care type columns take apart
  CHECK(t.value(w1, "wait_days_mean.gp") == Approx(1.0));
  CHECK(t.value(w1, "wait_days_mean.eyes") == Approx(70.0));
  CHECK(t.value(w1, "served.gp") == 2);
  CHECK(t.value(t.rows[1], "episodes.eyes") == 1);
  CHECK(std::isnan(t.value(t.rows[1], "wait_days_mean.gp")));  // none served: no mean
  // Read back: each care type's totals, and each its own censoring (eyes is censored in
  // week 2, gp is not).
  const WeeklyTotals totals = weekly_totals(t, "baseline");
  REQUIRE(totals.care_types.size() == 2);
  CHECK(totals.care_types[1].name == "eyes");
  CHECK(totals.care_types[1].in_progress(1) == 1);
  const WeeklyMeans m = weekly_means(t, "baseline");
  CHECK(m.wait_days.size() == 1);
  REQUIRE(m.care_types.size() == 2);
  CHECK(m.care_types[0].wait_days == std::vector<double>{1.0, 1.0});  // an empty week repeats the one before
  CHECK(m.care_types[1].wait_days == std::vector<double>{70.0});
}

namespace {

/** A pilot's timeseries table, 120 weeks of one replication with two care types whose
 *  series are given by functions of the week (0-based). */
ResultTable pilot(const std::function<double(int)>& gp_wait, const std::function<double(int)>& eyes_wait,
                  const std::function<double(int)>& ed) {
  std::uint64_t x = 777;
  auto noise = [&] {  // a fixed pseudo-random sequence in [-1, 1)
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(x >> 11) / static_cast<double>(1ULL << 52) - 1.0;
  };
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean", "ed_visits",
                     "episodes.gp", "served.gp", "unserved.gp", "wait_days_mean.gp",
                     "episodes.eyes", "served.eyes", "unserved.eyes", "wait_days_mean.eyes"};
  for (int w = 0; w < 120; ++w) {
    // 990 GP needs and 10 eye needs a week, 2% of the GP's unserved (a level share).
    const double g = gp_wait(w) + noise(), e = eyes_wait(w) + noise(), unserved_gp = 19 + (w % 2);
    const double served_gp = 990 - unserved_gp, served = served_gp + 10;
    t.rows.push_back({{"baseline", "1"},
                      {double(w + 1), 1000, served, unserved_gp, (served_gp * g + 10 * e) / served, ed(w) + 3 * noise(), 990,
                       served_gp, unserved_gp, g, 10, 10, 0, e}});
  }
  return t;
}

/** The warm-up as it was read before: the mean wait over all care types and the unserved share. */
std::size_t former_warmup(const WeeklyMeans& m) { return std::max(mser(m.wait_days).drop, mser(m.unserved_share).drop); }

}  // namespace

TEST_CASE("A warm-up that ED visits alone show is found and said", "[warmup]") {
  // Waits and shares level from the start; the ED overflow climbs for 40 weeks (practices
  // near capacity, Loiret's case) and then holds.
  const auto level_gp = [](int) { return 2.0; };
  const auto level_eyes = [](int) { return 77.0; };
  const ResultTable t = pilot(level_gp, level_eyes, [](int w) { return 40.0 + 60.0 * std::min(w, 40) / 40.0; });
  const WeeklyMeans m = weekly_means(t, "baseline");
  REQUIRE(m.ed_visits.size() == 120);
  const WarmupChoice c = choose_warmup(m);
  CHECK(former_warmup(m) <= 10);  // what was read before saw no transient
  CHECK(c.weeks >= 25);
  CHECK(c.weeks <= 50);
  CHECK(c.weeks > former_warmup(m));
  CHECK(c.set_by == std::vector<std::string>{"ED visits a week"});
  CHECK(c.reliable());
  // Without the ED's climb, nothing sets the warm-up as long (the noise of 24 batches may
  // still make a level series look settled only later: MSER's known spread).
  const WarmupChoice level = choose_warmup(weekly_means(pilot(level_gp, level_eyes, [](int) { return 40.0; }), "baseline"));
  CHECK(std::find(level.set_by.begin(), level.set_by.end(), "ED visits a week") == level.set_by.end());
}

TEST_CASE("A care type's own transient sets the warm-up when the mean over all care types hides it", "[warmup]") {
  // The eye waits climb from 20 to 77 days over 30 weeks; 1% of the needs, under a GP wait
  // of 2 days give or take one: the mean over all care types moves by 0.57 days in its noise.
  const ResultTable t = pilot([](int) { return 2.0; }, [](int w) { return 20.0 + 57.0 * std::min(w, 30) / 30.0; }, [](int) { return 40.0; });
  const WeeklyMeans m = weekly_means(t, "baseline");
  const WarmupChoice c = choose_warmup(m);
  CHECK(c.weeks >= 20);
  CHECK(c.weeks <= 40);
  CHECK(c.set_by == std::vector<std::string>{"the mean wait of eyes"});
  CHECK(former_warmup(m) < c.weeks);
  // Still moving at half the series: unreliable, and which series says so.
  const WarmupChoice rising =
      choose_warmup(weekly_means(pilot([](int) { return 2.0; }, [](int w) { return 20.0 + 0.5 * w; }, [](int) { return 40.0; }), "baseline"));
  CHECK_FALSE(rising.reliable());
  CHECK(std::find(rising.unreliable.begin(), rising.unreliable.end(), "the mean wait of eyes") != rising.unreliable.end());
}
