// Médecin traitant as panels (models/panels.hpp): the allocation by hand, plans that close,
// shrink or add a practice, and non-binding panels giving the per-need draw's measures.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "models/experiment.hpp"
#include "models/panels.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

namespace {
// Town A (3,000) and village B (2,000), 10 km apart, each with a practice; 10% seek no
// médecin traitant. Panels: pa 2 doctors x 1,000 = 2,000; pb its own panel of 1,500.
const char* kTwo = R"(
scenario: {horizon: 60 d, warmup: 7 d, replications: 4, seed: 3}
territory:
  communes: [{insee: "60001", name: A, population: 3000, lat: 47.50, lon: 1.50},
             {insee: "60002", name: B, population: 2000, lat: 47.59, lon: 1.50}]
  roads: {model: knn, k: 1, detour: 1.3, speed: 60 km/h}
demand:
  without_gp_share: 0.1
  MODE
  care_types:
    visit: {rate: 4 per year, max_wait: 10 d, max_travel: 1 h, duration: {exponential: 15 min},
            pathway: PATHWAY}
supply:
  practices:
    - {id: pa, commune: "60001", doctors: 2, hours: {mon-fri: "08:00-18:00"}}
    - {id: pb, commune: "60002", doctors: 1, hours: {mon-fri: "08:00-18:00"}, PANEL}
plans:
  baseline: {}
  pb-retires: {remove: [pb]}
  pa-shrinks: {set: {"supply.practices[0].doctors": 1}}
  new-msp: {add: {practices: [{id: pc, commune: "60001", doctors: 1, hours: {mon-fri: "08:00-18:00"}, panel: 1000}]}}
)";

std::string two(const std::string& mode, const std::string& panel = "panel: 1500",
                const std::string& pathway = "[own_gp, any_gp]") {
  std::string y = kTwo;
  auto put = [&](const std::string& k, const std::string& v) { y.replace(y.find(k), k.size(), v); };
  put("MODE", mode);
  put("PANEL", panel);
  put("PATHWAY", pathway);
  return y;
}

const std::string kPanels = "medecin_traitant: panels\n  panel_per_doctor: 1000";

double kpi(const RunResult& r, const std::string& plan, const std::string& measure, std::size_t column = 0) {
  for (const auto& row : r.kpis.rows)
    if (row.keys[0] == plan && row.keys[1] == measure) return row.values[column];
  FAIL("no kpi " << plan << " " << measure);
  return 0;
}
}  // namespace

TEST_CASE("panels register the nearest practice with room first", "[panels]") {
  const Scenario sc = load_scenario_text(two(kPanels), "two.yaml", ".");
  const Panels p = Panels::allocate(sc, 3600);
  // Seeking: A 2,700, B 1,800. A fills pa (2,000) and B pb (1,500); each other's practice
  // is full when they look farther: A keeps 1,000 without, B 500.
  CHECK(p.capacity(0) == 2000);
  CHECK(p.capacity(1) == 1500);
  CHECK(p.registered(0) == Approx(2000));
  CHECK(p.registered(1) == Approx(1500));
  CHECK(p.without_share(0) == Approx(1.0 / 3));
  CHECK(p.without_share(1) == Approx(0.25));
  // A need's patient: without below the share, else registered where the commune's are.
  CHECK(p.draw(0, 0.3) == nullptr);
  REQUIRE(p.draw(0, 0.34) != nullptr);
  CHECK(p.draw(0, 0.34)->reach.provider == 0);
  CHECK(p.draw(1, 0.99)->reach.provider == 1);
}

TEST_CASE("panels with room everywhere register every seeker with the nearest practice", "[panels]") {
  const Scenario sc = load_scenario_text(two("medecin_traitant: panels", "panel: 0"), "two.yaml", ".");
  const Panels p = Panels::allocate(sc, 3600);  // 1,100 per doctor: pb's 1,100 is short of B's 1,800
  CHECK(p.registered(1) == Approx(1100));
  const Scenario roomy = load_scenario_text(two("medecin_traitant: panels\n  panel_per_doctor: 5000", "panel: 0"), "two.yaml", ".");
  const Panels q = Panels::allocate(roomy, 3600);
  CHECK(q.without_share(0) == 0.1);  // exactly the stated share: draws as `draw` does
  CHECK(q.without_share(1) == 0.1);
  CHECK(q.registered(0) == Approx(2700));
  CHECK(q.registered(1) == Approx(1800));
}

TEST_CASE("a patient's own_gp is their panel's practice not the nearest", "[panels]") {
  // pa's panel (500 x 2) is full with A's first 1,000; A's other 1,700 seekers register with
  // pb in B, 10 km away, and drive there for own_gp. With the per-need draw they would all
  // have pa, in town, and drive nowhere.
  auto travel_a = [](const std::string& mode) {
    const Scenario sc = load_scenario_text(two(mode, "panel: 10000", "[own_gp]"), "two.yaml", ".");
    RunOptions opt;
    opt.jobs = 2;
    opt.plans = {"baseline"};
    opt.replications = 1;
    const RunResult r = run_experiment(sc, opt);
    for (const auto& row : r.by_commune.rows)
      if (row.keys[2] == "60001") return row.values[static_cast<std::size_t>(r.by_commune.value_index("travel_km"))];
    FAIL("no commune A");
    return 0.0;
  };
  CHECK(travel_a("medecin_traitant: draw") == 0);
  CHECK(travel_a("medecin_traitant: panels\n  panel_per_doctor: 500") > 0);
  const Panels p = Panels::allocate(load_scenario_text(two("medecin_traitant: panels\n  panel_per_doctor: 500", "panel: 10000"), "two.yaml", "."), 3600);
  CHECK(p.row_begin(0)[0].residents == Approx(1000));  // A at pa
  CHECK(p.row_begin(0)[1].residents == Approx(1700));  // A at pb
  CHECK(p.draw(0, 0.5)->reach.provider == 1);          // past 0.1 + 1,000 / 3,000: pb
}

TEST_CASE("a practice removed by a plan leaves its patients without a medecin traitant", "[panels]") {
  const Scenario sc = load_scenario_text(two(kPanels), "two.yaml", ".");
  RunOptions opt;
  opt.jobs = 2;
  const RunResult r = run_experiment(sc, opt);
  const double population = 5000;
  CHECK(kpi(r, "baseline", "without_gp_residents") == Approx(1500));
  CHECK(kpi(r, "baseline", "without_gp_share") == Approx(0.3));
  // pb's 1,500 patients lose their doctor and pa's panel is full: the share without rises
  // by pb's panel over the population.
  CHECK(kpi(r, "pb-retires", "without_gp_residents") == Approx(3000));
  CHECK(kpi(r, "pb-retires", "without_gp_share", 5) == Approx(1500 / population));  // diff
  // pa down to one doctor keeps 1,000 of its 2,000 patients.
  CHECK(kpi(r, "pa-shrinks", "without_gp_residents") == Approx(2500));
  // A new MSP in A registers A's 700 still seeking, then 300 of B's: 300 + 200 without.
  CHECK(kpi(r, "new-msp", "without_gp_residents") == Approx(500));
  // Patients without a médecin traitant cannot book own_gp: pb's former patients go to any
  // practice (pa, then alone and near capacity), and needs wait longer than when they had one.
  CHECK(kpi(r, "pb-retires", "served") <= kpi(r, "baseline", "served"));
  CHECK(kpi(r, "pb-retires", "wait_days_mean") > 1.5 * kpi(r, "baseline", "wait_days_mean"));
  // by_commune carries each commune's share.
  bool seen = false;
  for (const auto& row : r.by_commune.rows)
    if (row.keys[0] == "pb-retires" && row.keys[2] == "60002") {
      CHECK(row.values[static_cast<std::size_t>(r.by_commune.value_index("without_gp_share"))] == Approx(1.0));
      seen = true;
    }
  CHECK(seen);
}

TEST_CASE("non-binding panels give the per-need draw's measures", "[panels]") {
  // Panels of 5,000 per doctor never fill: every seeker has the nearest practice, as the
  // per-need draw says, so every measure is within the other's interval (here: equal).
  const Scenario draw = load_scenario_text(two("medecin_traitant: draw", "panel: 0"), "two.yaml", ".");
  const Scenario panels = load_scenario_text(two("medecin_traitant: panels\n  panel_per_doctor: 5000", "panel: 0"), "two.yaml", ".");
  RunOptions opt;
  opt.jobs = 2;
  opt.plans = {"baseline"};
  const RunResult a = run_experiment(draw, opt), b = run_experiment(panels, opt);
  int compared = 0;
  for (const auto& row : a.kpis.rows) {
    const double mean = row.values[0];
    const double other = kpi(b, row.keys[0], row.keys[1]);
    if (std::isnan(mean)) continue;
    CHECK(other >= row.values[1] - 1e-9);
    CHECK(other <= row.values[2] + 1e-9);
    CHECK(other == Approx(mean));
    ++compared;
  }
  CHECK(compared > 10);
  CHECK(kpi(b, "baseline", "without_gp_share") == Approx(0.1));
}

TEST_CASE("panel keys are checked with their place and what was expected", "[panels]") {
  auto error_of = [](const std::string& yaml) {
    try {
      load_scenario_text(yaml, "two.yaml", ".");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(error_of(two("medecin_traitant: panel")),
             Catch::Contains("two.yaml:9:21: demand.medecin_traitant") && Catch::Contains("draw, panels"));
  CHECK_THAT(error_of(two(kPanels, "panel: -3")), Catch::Contains("supply.practices[1].panel"));
  CHECK_THAT(error_of(two("panel_per_doctor: 0")), Catch::Contains("demand.panel_per_doctor"));
}
