#include <catch2/catch.hpp>

#include <sstream>

#include "benchmarks/erlang.hpp"
#include "engine/confidence_interval.hpp"
#include "engine/process_pool.hpp"
#include "models/simulation.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

namespace {

// Cardiology opinions asked by a GP practice that always has a doctor free: the cases
// reach the specialists' pool as the needs arose (Poisson), one hour after, and each
// takes a specialist a reading time. READING, HOURS, DOCTORS, RATE and HORIZON are set
// by each test.
const char* kOpinions = R"(
scenario: {name: readings, horizon: HORIZON, warmup: 10 d, replications: 1, seed: 21}
territory:
  communes: [{insee: "70001", name: Here, population: 1000, lat: 47.5, lon: 1.5},
             {insee: "70002", name: There, population: 0, lat: 47.6, lon: 1.5}]
  roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h}
  network:
    technologies: {ftth: {down: 1 Gbps, up: 1 Gbps, latency: 0 ms}}
    coverage: {default: ftth}
demand:
  care_types:
    opinion: {rate: RATE per year, max_wait: 1000 d, max_travel: 1 h, duration: {fixed: 1 min},
              pathway: [tele_expertise],
              tele_expertise: {pool: cardio, upload: 1 kB, delay: {fixed: 1 h}READING}}
supply:
  practices: [{id: gp, commune: "70001", doctors: 50, hours: always}]
  remote_pools: [{id: cardio, doctors: DOCTORS, hours: HOURS}]
)";

std::string opinions(const std::string& reading, const std::string& hours, int doctors, double per_hour,
                     const std::string& horizon) {
  std::string y = kOpinions;
  auto put = [&](const std::string& k, const std::string& v) { y.replace(y.find(k), k.size(), v); };
  put("HORIZON", horizon);
  std::ostringstream rate;
  rate.precision(17);
  rate << per_hour * 24 * 365 / 1000.0;  // per inhabitant, 1000 inhabitants
  put("RATE", rate.str());
  put("READING", reading.empty() ? "" : ", reading: " + reading);
  put("DOCTORS", std::to_string(doctors));
  put("HOURS", hours);
  return y;
}

double pool_value(const ResultSet& set, const char* column) {
  const ResultTable& u = *set.find("utilisation");
  for (const auto& r : u.rows)
    if (r.keys[2] == "cardio") return r.values[static_cast<std::size_t>(u.value_index(column))];
  FAIL("no row for the pool");
  return 0;
}

}  // namespace

TEST_CASE("readings queue at the specialists' pool as M/M/c - the mean wait of Erlang C", "[models][validation]") {
  // c = 2 cardiologists, 4 cases an hour, 20-minute readings (mu = 3/h): rho = 2/3,
  // Wq = C(2, 4/3) / (2 mu - lambda) = 0.2667 h.
  const int c = 2;
  const double lambda = 4.0, mu = 3.0;
  const Scenario sc = load_scenario_text(opinions("{exponential: 20 min}", "always", c, lambda, "410 d"), "mmc-reading.yaml", ".");
  const auto out = run_in_processes(4, 0, [&](std::size_t i) {  // about 150,000 readings
    return Simulation(sc, sc.seed, static_cast<int>(i) + 1).run("baseline").serialise();
  });
  std::vector<double> waits;
  double readings = 0, wait_sum = 0, busy = 0, open = 0;
  for (const auto& o : out) {
    REQUIRE(o.ok);
    const ResultSet set = ResultSet::deserialise(o.bytes);
    const double n = pool_value(set, "readings"), w = pool_value(set, "reading_wait_hours_mean");
    waits.push_back(w);
    readings += n, wait_sum += n * w;
    busy += pool_value(set, "busy_hours"), open += pool_value(set, "open_hours");
  }
  const double wq = mmc_mean_wait(c, lambda, mu);
  const ConfidenceInterval ci = confidence_interval(waits);
  INFO("readings " << readings << ", Wq " << wait_sum / readings << " h [" << ci.low() << ", " << ci.high() << "] vs Erlang C "
                   << wq << " h; utilisation " << busy / open);
  CHECK(wq == Approx(0.2667).margin(0.0005));
  CHECK(readings > 1.4e5);
  CHECK(ci.low() <= wq);
  CHECK(wq <= ci.high());
  CHECK(wait_sum / readings == Approx(wq).epsilon(0.05));
  CHECK(busy / open == Approx(lambda / (c * mu)).epsilon(0.02));  // the specialists' share of time
}

TEST_CASE("a reading time takes the specialist's time and delays the answer by it", "[models][network]") {
  // Few cases, one specialist, a fixed 30-minute reading: hardly anybody queues, so each
  // answer comes 30 minutes after the case is opened (plus the rare wait), and the
  // specialist is busy 30 minutes a case.
  const auto without = test::run_once(load_scenario_text(opinions("", "always", 1, 0.05, "200 d"), "no-reading.yaml", "."));
  const auto with = test::run_once(
      load_scenario_text(opinions("{fixed: 30 min}", "always", 1, 0.05, "200 d"), "reading.yaml", "."));
  const double served = test::first(with, "summary", "served");
  CHECK(served > 150);
  CHECK(test::first(without, "summary", "served") == served);  // the same patients
  const double extra_min = (test::first(with, "summary", "wait_days_mean") - test::first(without, "summary", "wait_days_mean")) * 1440;
  CHECK(extra_min >= 30);
  CHECK(extra_min == Approx(30 + 60 * pool_value(with, "reading_wait_hours_mean")).margin(0.1));
  CHECK(pool_value(with, "readings") == Approx(served).margin(1));
  CHECK(pool_value(with, "busy_hours") == Approx(0.5 * pool_value(with, "readings")).margin(0.5));
  CHECK(pool_value(with, "reading_wait_hours_mean") < 0.05);
  // Without a reading time the pool takes no time and reports no readings: today's outputs.
  CHECK(pool_value(without, "busy_hours") == 0);
  CHECK(std::isnan(pool_value(without, "readings")));
}

TEST_CASE("readings wait for the specialists' hours - cases opened at night are read in the morning", "[models][network]") {
  // The specialist reads weekdays 09:00-17:00: a case opened outside waits for the opening.
  const auto day = test::run_once(load_scenario_text(
      opinions("{fixed: 10 min}", "{mon-fri: \"09:00-17:00\"}", 1, 0.2, "120 d"), "hours.yaml", "."));
  const auto always = test::run_once(
      load_scenario_text(opinions("{fixed: 10 min}", "always", 1, 0.2, "120 d"), "always.yaml", "."));
  // 40 h open a week out of 168: about three cases in four wait, some over a weekend.
  CHECK(pool_value(day, "reading_wait_hours_mean") > 10);
  CHECK(pool_value(always, "reading_wait_hours_mean") < 0.1);
  // The specialist's time is the same; it is counted against fewer open hours.
  CHECK(pool_value(day, "busy_hours") == Approx(pool_value(always, "busy_hours")).epsilon(0.05));
  CHECK(pool_value(day, "utilisation") > 3 * pool_value(always, "utilisation"));
  CHECK(test::first(day, "summary", "episodes") == test::first(day, "summary", "served") +
                                                       test::first(day, "summary", "unserved") +
                                                       test::first(day, "summary", "in_progress"));
}

TEST_CASE("needs under way at the horizon run to their end - their waits are counted and none is left in progress", "[models][network]") {
  // Answers come 20 days after the case on average (exponential): over a measured period
  // of 50 days, the needs of the last weeks are still waiting at the horizon. Run to their
  // end, the mean wait is the delay's mean; left out, it would read about half of it.
  std::string y = opinions("", "always", 1, 1.0, "60 d");
  y.replace(y.find("delay: {fixed: 1 h}"), 19, "delay: {exponential: 20 d}");
  const auto set = test::run_once(load_scenario_text(y, "drain.yaml", "."));
  auto v = [&](const char* c) { return test::first(set, "summary", c); };
  REQUIRE(v("episodes") > 1000);
  CHECK(v("in_progress") == 0);
  CHECK(v("served") == v("episodes"));
  CHECK(v("wait_days_mean") == Approx(20.0).margin(2.5));  // about 4 standard errors
  // Every week's needs are all served, the last ones' too.
  const ResultTable& t = *set.find("timeseries");
  const auto episodes = static_cast<std::size_t>(t.value_index("episodes"));
  const auto served = static_cast<std::size_t>(t.value_index("served"));
  for (const auto& row : t.rows) CHECK(row.values[episodes] == row.values[served]);
}

TEST_CASE("the queue at the end is the queue at the horizon - though its cases are read after it", "[models][network]") {
  // Read on weekdays 09:00-17:00; the horizon is a Sunday at midnight: the cases opened since
  // Friday evening wait for Monday, past the horizon. They are read then (none in progress),
  // and utilisation still shows them queuing at the horizon.
  const auto set = test::run_once(load_scenario_text(
      opinions("{fixed: 10 min}", "{mon-fri: \"09:00-17:00\"}", 1, 0.2, "125 d"), "weekend.yaml", "."));
  CHECK(pool_value(set, "queue_at_end") > 0);
  CHECK(test::first(set, "summary", "in_progress") == 0);
  CHECK(test::first(set, "summary", "served") == test::first(set, "summary", "episodes"));
}

TEST_CASE("specialists who read cannot also answer video - the loader says so", "[scenarios]") {
  std::string y = opinions("{exponential: 20 min}", "always", 1, 1, "30 d");
  y += "  cabins: [{id: cab, commune: \"70001\", pool: cardio, hours: always}]\n";
  try {
    load_scenario_text(y, "shared-pool.yaml", ".");
    FAIL("loaded");
  } catch (const std::exception& e) {
    const std::string m = e.what();
    INFO(m);
    CHECK(m.find("demand.care_types.opinion.tele_expertise.reading") != std::string::npos);
    CHECK(m.find("also answers video for cabin \"cab\"") != std::string::npos);
  }
}
