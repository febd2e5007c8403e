#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;
using test::first;

namespace {
// A town and a village; ophthalmologists at the town, booked ahead (lead_time). With one
// doctor the diaries run at about 90% of capacity, with two at about 45%.
const char* kEyes = R"(
scenario: {horizon: HORIZON, warmup: 70 d, replications: 1, seed: 7}
territory:
  communes: [{insee: "60001", name: Town, population: 20000, lat: 47.5, lon: 1.5},
             {insee: "60002", name: Village, population: 5000, lat: 47.6, lon: 1.5}]
  roads: {edges: ROADS}
demand:
  care_types:
    eyes: {rate: 0.3 per year, max_wait: MAX_WAIT, max_travel: 1 h, duration: {fixed: 15 min},
           specialty: ophthalmology, pathway: [hospital], lead_time: LEAD}
supply:
  hospitals:
    - {id: cabinet-ophtalmo, commune: "60001",
       specialties: {ophthalmology: {doctors: DOCTORS, hours: {mon-fri: "09:00-17:00"}}}}
)";

ResultSet run_eyes(const std::string& lead, const std::string& max_wait, const std::string& doctors,
                   const std::string& horizon = "250 d", const std::string& rate = "0.3") {
  std::string y = kEyes;
  auto put = [&](const std::string& k, const std::string& v) { y.replace(y.find(k), k.size(), v); };
  put("0.3 per year", rate + " per year");
  put("HORIZON", horizon);
  put("ROADS", std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/roads-town.csv");
  put("MAX_WAIT", max_wait);
  put("LEAD", lead);
  put("DOCTORS", doctors);
  return test::run_once(load_scenario_text(y, "eyes.yaml", "."));
}

/** The mean of the weekly mean waits over weeks [from, to] (1-based, by the request's week). */
double weekly_wait(const ResultSet& set, int from, int to) {
  const ResultTable& t = *set.find("timeseries");
  const auto week = static_cast<std::size_t>(t.value_index("week"));
  const auto wait = static_cast<std::size_t>(t.value_index("wait_days_mean"));
  double sum = 0;
  int n = 0;
  for (const auto& r : t.rows)
    if (r.values[week] >= from && r.values[week] <= to) sum += r.values[wait], ++n;
  REQUIRE(n == to - from + 1);
  return sum / n;
}
}  // namespace

TEST_CASE("a lead time is waited before the booked slot and counts in the wait", "[models]") {
  // Diaries half empty: the wait is the lead time, plus the way to the next weekday slot.
  const ResultSet set = run_eyes("{fixed: 30 d}", "120 d", "2");
  auto v = [&](const char* c) { return first(set, "summary", c); };
  CHECK(v("served.eyes") > 3000);
  CHECK(v("unserved.eyes") == 0);
  CHECK(v("wait_days_median.eyes") >= 30);
  CHECK(v("wait_days_median.eyes") < 31.5);
  CHECK(v("wait_days_p90.eyes") < 33);
  CHECK(v("in_progress.eyes") < 0.01 * v("episodes.eyes"));  // booked when counted: only slots past the horizon
  CHECK(v("episodes") == v("served") + v("unserved") + v("in_progress"));
}

TEST_CASE("a lead time beyond max_wait is given up as too long", "[models]") {
  const ResultSet set = run_eyes("{fixed: 100 d}", "90 d", "2");
  auto v = [&](const char* c) { return first(set, "summary", c); };
  CHECK(v("served.eyes") == 0);
  CHECK(v("unserved_too_long.eyes") == v("episodes.eyes"));
  CHECK(v("episodes.eyes") > 3000);
}

TEST_CASE("a booked-ahead wait near capacity is stationary after the warm-up", "[models]") {
  // Diaries at 90% of capacity, lead times of two months on average (log-normal), a few
  // patients giving up beyond 200 days: the weekly mean wait, by the week of the booking,
  // stays level from the warm-up (week 11) to the horizon (week 63).
  const ResultSet set = run_eyes("{lognormal: {mean: 60 d, sd: 60 d}}", "200 d", "1", "440 d");
  const double early = weekly_wait(set, 11, 35), late = weekly_wait(set, 36, 62);
  // The lead time's mean is 60 days; those beyond 200 days give up: about 52 days are left.
  CHECK(early > 45);
  CHECK(early < 62);
  CHECK(late == Approx(early).epsilon(0.06));
  // Every week's bookings are all counted: its needs are its served and its given up.
  const ResultTable& t = *set.find("timeseries");
  const auto episodes = static_cast<std::size_t>(t.value_index("episodes"));
  const auto served = static_cast<std::size_t>(t.value_index("served"));
  const auto unserved = static_cast<std::size_t>(t.value_index("unserved"));
  for (std::size_t w = 0; w + 1 < t.rows.size(); ++w)
    CHECK(t.rows[w].values[episodes] == t.rows[w].values[served] + t.rows[w].values[unserved]);
  auto v = [&](const char* c) { return first(set, "summary", c); };
  CHECK(v("unserved_too_long.eyes") > 0);                         // the lead times beyond 200 days
  CHECK(v("unserved_too_long.eyes") < 0.05 * v("episodes.eyes"));  // and hardly any more
  CHECK(v("wait_days_median.eyes") == Approx(60 / 1.414).epsilon(0.15));  // the lead time's median
}

TEST_CASE("a need booked past the horizon is served with its known wait and not left in progress", "[models]") {
  // Diaries at over twice their capacity: waits climb to max_wait (60 days) within the
  // warm-up, so the needs of the last two months are booked past the horizon. Followed to their end (a cohort), each
  // week's needs are all served or given up, the last weeks' too, and none is in progress.
  const ResultSet set = run_eyes("{fixed: 1 d}", "60 d", "1", "200 d", "0.8");
  auto v = [&](const char* c) { return first(set, "summary", c); };
  CHECK(v("unserved_too_long.eyes") > 0.2 * v("episodes.eyes"));  // over capacity indeed
  CHECK(v("in_progress.eyes") == 0);
  CHECK(v("episodes.eyes") == v("served.eyes") + v("unserved.eyes"));
  CHECK(v("wait_days_p90.eyes") > 55);  // the longest waits are in, booked near max_wait
  const ResultTable& t = *set.find("timeseries");
  const auto episodes = static_cast<std::size_t>(t.value_index("episodes"));
  const auto served = static_cast<std::size_t>(t.value_index("served"));
  const auto unserved = static_cast<std::size_t>(t.value_index("unserved"));
  const auto wait = static_cast<std::size_t>(t.value_index("wait_days_mean"));
  REQUIRE(t.rows.size() > 20);
  for (const auto& row : t.rows) CHECK(row.values[episodes] == row.values[served] + row.values[unserved]);
  // The last full week's needs, booked about two months past the horizon, wait as long.
  CHECK(t.rows[t.rows.size() - 2].values[wait] > 55);
}

TEST_CASE("a lead time must be a distribution", "[scenarios]") {
  std::string y = kEyes;
  auto put = [&](const std::string& k, const std::string& v) { y.replace(y.find(k), k.size(), v); };
  put("HORIZON", "100 d");
  put("ROADS", std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/roads-town.csv");
  put("MAX_WAIT", "90 d");
  put("LEAD", "30 d");
  put("DOCTORS", "1");
  CHECK_THROWS_WITH(load_scenario_text(y, "eyes.yaml", "."), Catch::Contains("demand.care_types.eyes.lead_time"));
  const std::string same_day = std::string(y).replace(y.find("lead_time: 30 d"), 15, "lead_time: {fixed: 3 d}, unscheduled: true");
  CHECK_THROWS_WITH(load_scenario_text(same_day, "eyes.yaml", "."), Catch::Contains("is not booked ahead"));
}
