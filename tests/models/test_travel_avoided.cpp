// Travel avoided and detour against the in-person reference of each care type, computed by
// hand on two communes 30 km (25 min) apart by the only road.
#include <catch2/catch.hpp>

#include <cmath>
#include <tuple>

#include "models/experiment.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

namespace {
const char* kTwo = R"(
scenario: {horizon: 40 d, warmup: 1 d, replications: 2, seed: 8}
territory:
  communes: [{insee: "40001", name: A, population: 3000, lat: 47.5, lon: 1.5},
             {insee: "40002", name: B, population: 3000, lat: 47.7, lon: 1.5}]
  roads: {edges: ROADS}
  network:
    technologies: {ftth: {down: 1 Gbps, up: 500 Mbps, latency: 2 ms}}
    coverage: {default: ftth}
    platform: {down: 10 Gbps, up: 10 Gbps, latency: 0 ms}
demand:
  care_types:
    visit: {rate: 4 per year, max_wait: 14 d, max_travel: 1 h, duration: {fixed: 10 min}, remote_share: 1,
            pool: platform, CARE pathway: PATHWAY}
supply:
  remote_pools: [{id: platform, doctors: 3, hours: always}, {id: dermato, doctors: 1, hours: always}]
  practices: [{id: p, commune: "40002", doctors: 4, hours: always}]
  hospitals: [{id: h, commune: "40001", specialties: {dermatology: {doctors: 1, hours: always}}}]
EXTRA)";

std::string scenario(const std::string& care, const std::string& pathway, const std::string& extra = "") {
  std::string y = kTwo;
  auto put = [&](const std::string& k, const std::string& v) { y.replace(y.find(k), k.size(), v); };
  put("ROADS", std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/roads-ab.csv");
  put("CARE", care);
  put("PATHWAY", pathway);
  put("EXTRA", extra);
  return y;
}

/** by_commune's value of a column for commune A (40001) or B. */
struct ByCommune {
  const ResultTable& t;
  double operator()(const char* insee, const char* column) const {
    for (const auto& row : t.rows)
      if (row.keys[2] == insee) return row.values[static_cast<std::size_t>(t.value_index(column))];
    FAIL("no commune " << insee);
    return 0;
  }
};

/** Per served episode of each commune: km avoided, minutes avoided, km of detour. */
void check_per_episode(const std::string& yaml, double km_a, double min_a, double km_b, double min_b) {
  const ResultSet set = test::run_once(load_scenario_text(yaml, "t.yaml", "."));
  const ByCommune v{*set.find("by_commune")};
  for (const auto& [insee, km, min] : {std::tuple{"40001", km_a, min_a}, std::tuple{"40002", km_b, min_b}}) {
    const double served = v(insee, "served");
    INFO(insee);
    REQUIRE(served > 20);
    CHECK(v(insee, "travel_avoided_km") == Approx(km * served).margin(1e-6));
    CHECK(v(insee, "travel_avoided_min") == Approx(min * served).margin(1e-6));
    CHECK(v(insee, "travel_detour_km") == 0);
    CHECK(v(insee, "travel_avoided_unreferenced") == 0);
  }
}
}  // namespace

TEST_CASE("home teleconsultation avoids the round trip to the nearest practice", "[models][travel]") {
  // A's patients would drive 2 x 30 km, 2 x 25 min to the practice in B; B's live there.
  check_per_episode(scenario("", "[home_remote]"), 60, 50, 0, 0);
}

TEST_CASE("a cabin avoids the round trip to the practice minus the one to the cabin", "[models][travel]") {
  // The cabin stands in A: A's patients avoid the whole trip to B; B's drive to A instead of
  // consulting at home in B: -60 km each.
  check_per_episode(scenario("", "[cabin]", "  cabins: [{id: cab, commune: \"40001\", pool: platform, hours: always}]\n"),
                    60, 50, -60, -50);
}

TEST_CASE("tele-expertise avoids the trip to the specialist - not to the GP", "[models][travel]") {
  // The GP who sends the case is in B, the dermatologists in A's hospital: A's patients
  // drive to B rather than stay in A (-60 km), B's stay in B rather than drive to A (+60).
  const std::string te = "tele_expertise: {pool: dermato, upload: 5 MB, delay: {fixed: 1 h}},";
  SECTION("the nearest hospital with the care type's specialty") {
    check_per_episode(scenario("specialty: dermatology, " + te, "[tele_expertise]"), -60, -50, 60, 50);
  }
  SECTION("a hospital the scenario names") {
    check_per_episode(scenario("reference: h, " + te, "[tele_expertise]"), -60, -50, 60, 50);
  }
  SECTION("a commune the scenario names") {
    check_per_episode(scenario("reference: {commune: \"40001\"}, " + te, "[tele_expertise]"), -60, -50, 60, 50);
  }
  SECTION("no in-person reference: counted apart, never 0 km") {
    const std::string y = scenario("specialty: cardiology, " + te, "[tele_expertise]");
    const ResultSet set = test::run_once(load_scenario_text(y, "t.yaml", "."));
    CHECK(test::first(set, "summary", "served") > 20);
    CHECK(test::first(set, "summary", "travel_avoided_unreferenced") == test::first(set, "summary", "served"));
    CHECK(test::first(set, "summary", "travel_avoided_km") == 0);
  }
}

TEST_CASE("a bus stop avoids the trip to the specialists when nearer - else is a detour", "[models][travel]") {
  // The bus stops in B, the dermatologists are in A: B's patients avoid 60 km, A's drive
  // 60 km beyond their reference. With tele-expertise on board the same holds.
  for (const char* tele : {"false", "true"}) {
    INFO("tele_expertise: " << tele);
    const std::string te = std::string(tele) == "true" ? "tele_expertise: {pool: dermato, upload: 5 MB, delay: {fixed: 1 h}}, " : "";
    const std::string y = scenario("specialty: dermatology, " + te, "[bus]",
                                   "  buses: [{id: bus, specialty: dermatology, per_hour: 20, tele_expertise: " +
                                       std::string(tele) + ", stops: [{commune: \"40002\", day: mon, hours: \"08:00-18:00\"}]}]\n");
    const ResultSet set = test::run_once(load_scenario_text(y, "t.yaml", "."));
    const ByCommune v{*set.find("by_commune")};
    const double a = v("40001", "served"), b = v("40002", "served");
    REQUIRE(a > 5);
    REQUIRE(b > 5);
    CHECK(v("40001", "travel_avoided_km") == 0);
    CHECK(v("40001", "travel_detour_km") == Approx(60 * a));
    CHECK(v("40002", "travel_avoided_km") == Approx(60 * b));
    CHECK(v("40002", "travel_detour_km") == 0);
  }
}

TEST_CASE("a stated reference must name a known hospital or commune", "[models][travel]") {
  CHECK_THROWS_WITH(load_scenario_text(scenario("reference: nowhere,", "[any_gp]"), "t.yaml", "."),
                    Catch::Contains("unknown hospital \"nowhere\""));
  CHECK_THROWS_WITH(load_scenario_text(scenario("reference: {commune: \"99999\"},", "[any_gp]"), "t.yaml", "."),
                    Catch::Contains("unknown commune \"99999\""));
}

TEST_CASE("in person: the detour beyond the nearest practice - a plan nearer lowers the km driven", "[models][travel][plans]") {
  // A practice in A, open one hour a week, full: A's patients drive to B, 60 km beyond theirs.
  std::string y = scenario("", "[any_gp]");
  const std::string p = "{id: p, commune: \"40002\", doctors: 4, hours: always}";
  y.replace(y.find(p), p.size(), p + ", {id: q, commune: \"40001\", doctors: 1, hours: {mon: \"09:00-09:10\"}}");
  const ResultSet set = test::run_once(load_scenario_text(y, "t.yaml", "."));
  const ByCommune v{*set.find("by_commune")};
  // At most one a week (6 in all) seen at q, the others 60 km beyond it.
  const double served = v("40001", "served"), detour = v("40001", "travel_detour_km");
  CHECK(detour >= 60 * (served - 6));
  CHECK(detour <= 60 * served);
  CHECK(std::fmod(detour + 1e-6, 60.0) < 1e-3);
  CHECK(v("40001", "travel_avoided_km") == 0);
  CHECK(v("40002", "travel_detour_km") == 0);

  // The plan: a practice in A. Same patients served, A's drive nothing: km driven fall and
  // the cost-effectiveness counts them as km avoided.
  const std::string plan = scenario("", "[any_gp]") +
                           "plans:\n  baseline: {}\n  near:\n    add:\n      practices: [{id: n, commune: \"40001\", doctors: 4, hours: always,"
                           " cost: {capital: 0 EUR, per_year: 10000 EUR, years: 1}}]\n";
  const RunResult r = run_experiment(load_scenario_text(plan, "plan.yaml", "."));
  double diff_km = 0;
  for (const auto& row : r.kpis.rows)
    if (row.keys[0] == "near" && row.keys[1] == "travel_km") diff_km = row.values[5];
  CHECK(diff_km < -1000);
  const ResultTable& ce = r.cost_effectiveness;
  REQUIRE(ce.rows.size() == 2);
  const double years = 39.0 / 365.0;
  CHECK(ce.value(ce.rows[1], "km_avoided_per_year") == Approx(-diff_km / years));
  CHECK(ce.value(ce.rows[1], "eur_per_km_avoided") == Approx(10000 / (-diff_km / years)));
}
