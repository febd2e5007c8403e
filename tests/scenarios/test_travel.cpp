#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/road_calibration.hpp"
#include "models/travel_table.hpp"
#include "scenarios/calibration_report.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

namespace {
const std::string kFixtures = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures";

/** The exported one-way minutes and km from the residents' commune to the practice's, and
 *  the simulated travel of a run: its served episodes, km and minutes (round trips). */
struct Travel {
  double minutes, km, served, travel_km, travel_min;
};
Travel exported_and_simulated(const std::vector<Override>& overrides = {}) {
  const Scenario sc = load_scenario(kFixtures + "/travel-one.yaml", overrides);
  const ResultTable t = travel_table(sc, {"41018"}, {"41136"}, false);
  REQUIRE(t.rows.size() == 1);
  const ResultSet run = test::run_once(sc);
  return Travel{t.rows[0].values[0], t.rows[0].values[1], test::first(run, "summary", "served"),
                test::first(run, "summary", "travel_km"), test::first(run, "summary", "travel_min")};
}
}  // namespace

TEST_CASE("travel export: the simulation drives twice the exported one-way trip per served episode", "[travel]") {
  const Travel t = exported_and_simulated();
  REQUIRE(t.served > 100);
  CHECK(t.km == Approx(1.3 * 20.36).epsilon(0.01));  // Blois - Mer: 20.4 km as the crow flies
  CHECK(t.travel_km == Approx(2 * t.km * t.served).epsilon(1e-12));
  CHECK(t.travel_min == Approx(2 * t.minutes * t.served).epsilon(1e-12));
}

TEST_CASE("travel export: every pair, sites by id, unknown codes refused", "[travel]") {
  const Scenario sc = load_scenario(kFixtures + "/valid.yaml");
  const ResultTable all = travel_table(sc, {}, {}, false);
  CHECK(all.rows.size() == 4 * 3);  // no commune to itself
  const ResultTable sites = travel_table(sc, {"41018"}, {"41269"}, true);
  REQUIRE(sites.rows.size() == 1 + 3);
  CHECK(sites.rows[1].keys == std::vector<std::string>{"41018", "msp-blois"});
  CHECK(sites.rows[1].values == std::vector<double>{0, 0});
  CHECK(sites.rows[2].values == sites.rows[0].values);  // cab-vendome is in 41269
  CHECK_THROWS_WITH(travel_table(sc, {"99999"}, {}, false), Catch::Contains("unknown commune \"99999\""));
}

namespace {
const char* kTrueRoads =
    "{model: knn, k: 6, detour: 1.25, access: 3 min, speeds: [{from: 0 km, speed: 35 km/h}, "
    "{from: 5 km, speed: 55 km/h}, {from: 15 km, speed: 75 km/h}, {from: 40 km, speed: 95 km/h}]}";

/** "Observed" times: the model's own with known parameters, from five communes to all. */
std::vector<ObservedTrip> synthetic_observed(const Scenario& truth) {
  std::vector<ObservedTrip> out;
  for (std::size_t from : {0, 60, 120, 180, 240})
    for (std::size_t to = 0; to < truth.communes.size(); ++to)
      if (to != from) out.push_back({from, to, truth.roads->trip(from, to).seconds, truth.roads->trip(from, to).metres});
  return out;
}
}  // namespace

TEST_CASE("calibration recovers known parameters, and its roads.yaml gives the fitted times", "[travel]") {
  const Scenario plain = load_scenario(kFixtures + "/calibration.yaml");
  const Scenario truth = load_scenario(kFixtures + "/calibration.yaml", {{"territory.roads", kTrueRoads}});
  const auto observed = synthetic_observed(truth);
  const RoadCalibration cal = calibrate_roads(plain.communes, *plain.roads, *plain.knn_roads, observed, 5);
  CHECK(cal.left_out == 0);
  CHECK(cal.before.median > 0.05);
  CHECK(cal.after.p90 < 1e-6);
  CHECK(cal.held_out.p90 < 1e-6);
  CHECK(cal.fitted.detour == Approx(1.25));
  REQUIRE(cal.fitted.curve);
  CHECK(cal.fitted.curve->access_s == Approx(180));
  REQUIRE(cal.fitted.curve->bands.size() == 5);  // the default starts: 0, 5, 15, 40, 100 km
  for (auto [b, kmh] : {std::pair{0, 35.0}, {1, 55.0}, {2, 75.0}, {3, 95.0}, {4, 95.0}})
    CHECK(cal.fitted.curve->bands[static_cast<std::size_t>(b)].second * 3.6 == Approx(kmh));

  // Without km the detour stays, and the speeds absorb it: the times still fit.
  auto no_km = observed;
  for (auto& o : no_km) o.metres = std::nan("");
  const RoadCalibration by_time = calibrate_roads(plain.communes, *plain.roads, *plain.knn_roads, no_km, 5);
  CHECK(by_time.fitted.detour == 1.3);
  CHECK(by_time.held_out.p90 < 0.01);  // the bands start at other road km: nearly

  // The written mapping, pasted into the scenario, gives the fitted times.
  const YAML::Node roads = YAML::Load(roads_yaml(cal, "synthetic.csv"))["roads"];
  const Scenario fitted = load_scenario(kFixtures + "/calibration.yaml", {{"territory.roads", YAML::Dump(roads)}});
  const ResultTable t = travel_table(fitted, {"72181"}, {}, false);
  for (const auto& row : t.rows) {
    const std::size_t to = static_cast<std::size_t>(
        std::find_if(truth.communes.begin(), truth.communes.end(), [&](const Commune& c) { return c.insee == row.keys[1]; }) -
        truth.communes.begin());
    const std::size_t from = static_cast<std::size_t>(
        std::find_if(truth.communes.begin(), truth.communes.end(), [&](const Commune& c) { return c.insee == "72181"; }) -
        truth.communes.begin());
    CHECK(row.values[0] == Approx(truth.roads->trip(from, to).seconds / 60).epsilon(1e-4));
  }
}

TEST_CASE("calibration refuses too few pairs; roads keys are validated", "[travel]") {
  const Scenario plain = load_scenario(kFixtures + "/calibration.yaml");
  CHECK_THROWS_WITH(calibrate_roads(plain.communes, *plain.roads, *plain.knn_roads, {{0, 1, 600}}, 5),
                    Catch::Contains("at least 10 usable pairs, got 1"));
  auto refused = [&](const std::string& roads) {
    try {
      load_scenario(kFixtures + "/calibration.yaml", {{"territory.roads", roads}});
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused("{model: knn, k: 6, detour: 1.3, speed: 70 km/h, speeds: [{from: 0 km, speed: 40 km/h}]}"),
             Catch::Contains("not both"));
  CHECK_THAT(refused("{model: knn, k: 6, detour: 1.3, speeds: [{from: 2 km, speed: 40 km/h}]}"),
             Catch::Contains("the first speed band must start at 0 km"));
  CHECK_THAT(refused("{model: knn, k: 6, detour: 1.3, speeds: [{from: 0 km, speed: 40 km/h}, {from: 0 km, speed: 50 km/h}]}"),
             Catch::Contains("must start beyond the one before"));
  CHECK_THAT(refused("{model: knn, k: 6, detour: 1.3, speeds: [{from: 0 km, speed: 40}]}"), Catch::Contains("a speed like"));
  CHECK_THAT(refused("{model: knn, k: 6, detour: 1.3, speed: 70 km/h, access: 3 min}"), Catch::Contains("access goes with speeds"));
}
