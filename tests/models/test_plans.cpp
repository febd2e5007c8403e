#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "models/experiment.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

namespace {
const std::string kFixtures = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures";

/** A kpis row's values for (plan, measure). */
std::vector<double> kpi(const RunResult& r, const std::string& plan, const std::string& measure) {
  for (const auto& row : r.kpis.rows)
    if (row.keys[0] == plan && row.keys[1] == measure) return row.values;
  FAIL("no kpi " << plan << " " << measure);
  return {};
}
}  // namespace

TEST_CASE("plans load as overlays: add - remove and set", "[plans]") {
  const Scenario sc = load_scenario(kFixtures + "/plans.yaml");
  REQUIRE(sc.plans.size() == 3);
  CHECK(sc.plans[0].first == "same");
  const Scenario& added = *sc.plans[1].second;
  REQUIRE(added.practices.size() == 4);
  CHECK(added.practices[3].id == "msp-romorantin");
  const Scenario& fewer = *sc.plans[2].second;
  REQUIRE(fewer.practices.size() == 2);
  CHECK(fewer.practices[0].doctors == 2);
  CHECK(fewer.practices[1].id == "cab-vendome");
  CHECK(sc.practices.size() == 3);  // the baseline is untouched
  CHECK(sc.practices[0].doctors == 3);
}

TEST_CASE("plan errors name the plan and the line", "[plans]") {
  const std::string yaml = R"(scenario: {horizon: 60 d}
territory:
  communes: [{insee: "41018", name: Blois, population: 1000, lat: 47.58, lon: 1.31},
             {insee: "41269", name: Vendome, population: 1000, lat: 47.80, lon: 1.07}]
  roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h}
demand:
  care_types:
    visit: {rate: 3 per year, max_wait: 2 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp]}
supply:
  practices: [{id: a, commune: "41018", doctors: 1, hours: always}]
plans:
  baseline: {}
  broken:
    remove: [zz]
    add: {practices: [{id: b, commune: "99999", doctors: 1, hours: always}], clinics: []}
)";
  try {
    load_scenario_text(yaml, "p.yaml", ".");
    FAIL("a broken plan was accepted");
  } catch (const ScenarioError& e) {
    const std::string m = e.what();
    CHECK_THAT(m, Catch::Contains("p.yaml:14:13: plans.broken.remove: no practice, cabin, remote pool or EHPAD has the id \"zz\""));
    CHECK_THAT(m, Catch::Contains("p.yaml:15:40: plans.broken.add.practices[0].commune: unknown commune \"99999\""));
    CHECK_THAT(m, Catch::Contains("plans.broken.add.clinics: unknown key"));
  }
}

TEST_CASE("two identical plans differ by exactly zero on common random numbers", "[plans]") {
  const Scenario sc = load_scenario(kFixtures + "/plans.yaml");
  RunOptions opt;
  opt.plans = {"baseline", "same"};
  const RunResult r = run_experiment(sc, opt);
  for (const char* m : {"served", "unserved", "wait_days_mean", "travel_km", "wait_days_p90"}) {
    const auto v = kpi(r, "same", m);
    INFO(m);
    CHECK(v[5] == 0.0);  // diff
    CHECK(v[8] == 0.0);  // its half-width
  }
  CHECK(kpi(r, "baseline", "served")[5] != kpi(r, "baseline", "served")[5]);  // NaN: no difference for the baseline
}

TEST_CASE("pairing narrows the interval of a plan's difference against independent runs", "[plans]") {
  const Scenario sc = load_scenario(kFixtures + "/plans.yaml");
  RunOptions opt;
  opt.plans = {"baseline", "new-msp"};
  const RunResult r = run_experiment(sc, opt);
  const auto served = kpi(r, "new-msp", "served");
  INFO("diff " << served[5] << " paired hw " << served[8] << " unpaired hw " << served[9]);
  CHECK(served[5] > 0);          // a new MSP serves more patients
  CHECK(served[8] < served[9]);  // common random numbers: the same patients in both plans
  const auto unserved = kpi(r, "new-msp", "unserved");
  INFO("unserved diff " << unserved[5] << " paired hw " << unserved[8] << " unpaired hw " << unserved[9]);
  CHECK(unserved[5] < 0);
  CHECK(unserved[8] < unserved[9]);
}

TEST_CASE("an unknown plan is refused by name", "[plans]") {
  const Scenario sc = load_scenario(kFixtures + "/plans.yaml");
  RunOptions opt;
  opt.plans = {"nope"};
  CHECK_THROWS_WITH(run_experiment(sc, opt), Catch::Contains("no plan \"nope\"") && Catch::Contains("new-msp"));
}

TEST_CASE("cost-effectiveness: the extra annual cost per extra served episode - with its interval", "[plans]") {
  const Scenario sc = load_scenario(kFixtures + "/plans.yaml");
  RunOptions opt;
  opt.plans = {"baseline", "same", "new-msp"};
  const RunResult r = run_experiment(sc, opt);
  const ResultTable& ce = r.cost_effectiveness;
  REQUIRE(ce.rows.size() == 3);
  auto v = [&](std::size_t row, const char* col) { return ce.rows[row].values[static_cast<std::size_t>(ce.value_index(col))]; };
  CHECK(ce.rows[2].keys[0] == "new-msp");
  CHECK(v(2, "annual_cost_eur") == 150000);  // 1,000,000 over 10 years + 50,000 a year
  CHECK(v(2, "extra_annual_cost_eur") == 150000);
  // The paired difference in served episodes over the 76 measured days, made yearly.
  const double diff = kpi(r, "new-msp", "served")[5];
  const double per_year = diff / (76.0 / 365.0);
  CHECK(v(2, "extra_served_per_year") == Approx(per_year));
  CHECK(v(2, "eur_per_extra_served") == Approx(150000 / per_year));
  CHECK(v(2, "eur_per_extra_served_low") < v(2, "eur_per_extra_served"));
  CHECK(v(2, "eur_per_extra_served_high") > v(2, "eur_per_extra_served"));
  CHECK(std::isnan(v(1, "eur_per_extra_served")));  // the same plan: no gain, no ratio
  CHECK(std::isnan(v(0, "extra_annual_cost_eur")));  // the baseline is the reference
}

namespace {
Scenario auto_scenario(const std::string& half_width, const std::string& max) {
  return load_scenario(kFixtures + "/plans.yaml",
                       {{"scenario.replications", "auto"},
                        {"scenario.precision", "{half_width: " + half_width + ", max: " + max + ", measures: [episodes]}"}});
}
}  // namespace

TEST_CASE("replications: auto stops when the target is met and says so", "[plans]") {
  RunOptions opt;
  opt.plans = {"baseline", "new-msp"};
  opt.jobs = 2;
  const RunResult r = run_experiment(auto_scenario("0.005", "20"), opt);
  CHECK_THAT(r.replications_note, Catch::Contains("met"));
  const auto episodes = kpi(r, "baseline", "episodes");
  CHECK(episodes[3] / episodes[0] <= 0.005);
  CHECK(episodes[4] > 3);   // replications were added to the first batch
  CHECK(episodes[4] < 20);  // and it stopped before the cap
  // The replications an auto run makes are those a fixed run of the same count makes.
  RunOptions fixed = opt;
  fixed.replications = static_cast<int>(episodes[4]);
  const RunResult f = run_experiment(load_scenario(kFixtures + "/plans.yaml"), fixed);
  std::ostringstream a, b;
  for (const auto& row : r.summary.rows) a << row.keys[0] << row.keys[1] << row.values[0] << row.values[1] << ";";
  for (const auto& row : f.summary.rows) b << row.keys[0] << row.keys[1] << row.values[0] << row.values[1] << ";";
  CHECK(a.str() == b.str());
}

TEST_CASE("replications: auto stops at its cap and says which measure fell short", "[plans]") {
  RunOptions opt;
  opt.plans = {"baseline"};
  opt.jobs = 2;
  const RunResult r = run_experiment(auto_scenario("0.00001", "6"), opt);
  CHECK(r.summary.rows.size() == 6);
  CHECK_THAT(r.replications_note, Catch::Contains("cap of 6 reached") && Catch::Contains("baseline episodes"));
}
