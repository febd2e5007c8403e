#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/road_calibration.hpp"
#include "models/road_network.hpp"
#include "models/travel_table.hpp"
#include "scenarios/calibration_report.hpp"
#include "scenarios/osm_reader.hpp"
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

TEST_CASE("travel export: every pair - sites by id - unknown codes refused", "[travel]") {
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

TEST_CASE("calibration recovers known parameters - and its roads.yaml gives the fitted times", "[travel]") {
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

TEST_CASE("calibration refuses too few pairs - roads keys are validated", "[travel]") {
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

TEST_CASE("a matrix of given times: a served episode travels exactly the given minutes", "[travel]") {
  // Given both ways (25 and 27 min, 21 and 23 km): each way the mean, half the round trip.
  for (const char* roads : {"{matrix: travel-one-matrix.csv}", "{model: knn, k: 1, detour: 1.3, speed: 200 km/h, matrix: travel-one-matrix.csv}",
                            "{matrix: travel-one-osrm.json}"}) {
    INFO(roads);
    const Travel t = exported_and_simulated({{"territory.roads", roads}});
    CHECK(t.minutes == Approx(26).epsilon(1e-12));  // OSRM: (1590 + 1530) / 2 s
    CHECK(t.km == Approx(22).epsilon(1e-12));
    CHECK(t.travel_min == Approx(2 * 26 * t.served).epsilon(1e-12));
  }
}

TEST_CASE("matrix files: bad rows and a wrong commune order are refused with the file and line", "[travel]") {
  const std::string dir = std::string(MAILLAGE_SOURCE_DIR) + "/build/test-travel-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  auto refused = [&](const std::string& file, const std::string& text) {
    std::ofstream(dir + "/" + file) << text;
    try {
      load_scenario(kFixtures + "/travel-one.yaml", {{"territory.roads", "{matrix: " + dir + "/" + file + "}"}});
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused("m.csv", "from,to,minutes,km\n41018,41136,x,3\n"), Catch::Contains("m.csv:2: expected a non-negative number, got \"x\""));
  CHECK_THAT(refused("m.csv", "from,to,minutes\n41018,41136,3\n"), Catch::Contains("m.csv: missing column \"km\" (expected from,to,minutes,km)"));
  CHECK_THAT(refused("m.json", "{\"durations\": [[0, 1], [1, 0]], \"distances\": [[0, 1], [1, 0]],\n"
                               " \"sources\": [{\"location\": [1.5083, 47.7049]}, {\"location\": [1.3062, 47.5815]}]}"),
             Catch::Contains("m.json:2:27: sources[0] lies 20 km from 41018 (Blois): the rows must follow the order"));
  CHECK_THAT(refused("m.json", "{\"durations\": [[0, 1]], \"distances\": [[0, 1]]}"),
             Catch::Contains("\"durations\" must have one row per commune (2, in the scenario's order)"));
  CHECK_THAT(refused("m.json", "{\"durations\": [[0, 1], [1, 0]]}"), Catch::Contains("annotations=duration,distance"));
  CHECK_THAT(refused("m.json", "{\"durations\": [[0, 1], [1, 0]"), Catch::Contains("m.json:1:"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("ferries join an island - without them the error names each part and suggests one", "[travel]") {
  const std::string island =
      "[{insee: \"2A004\", name: Ajaccio, population: 1000, lat: 41.93, lon: 8.74}, "
      "{insee: \"41018\", name: Blois, population: 0, lat: 47.58, lon: 1.31}, "
      "{insee: \"41136\", name: Mer, population: 0, lat: 47.70, lon: 1.51}, "
      "{insee: \"2B033\", name: Bastia, population: 0, lat: 42.70, lon: 9.45}, "
      "{insee: \"41269\", name: Vendome, population: 0, lat: 47.79, lon: 1.07}]";
  // With k = 1 each commune joins its nearest: Ajaccio and Bastia only each other, an island.
  const std::vector<Override> base = {{"territory.communes", island}, {"supply.practices[0].commune", "\"41018\""}};
  auto with_roads = [&](const std::string& roads) {
    auto o = base;
    o.emplace_back("territory.roads", roads);
    return load_scenario(kFixtures + "/travel-one.yaml", o);
  };
  try {
    with_roads("{model: knn, k: 1, detour: 1.3, speed: 70 km/h}");
    FAIL("a disconnected graph was accepted");
  } catch (const ScenarioError& e) {
    CHECK_THAT(e.what(), Catch::Contains("disconnected: 2 parts; the largest holds 41018 (Blois); cut off: 2B033 (Bastia) and 1 more with it, 834 km from 41136 (Mer)"));
    CHECK_THAT(e.what(), Catch::Contains("ferries: [{from: \"2B033\", to: \"41136\", minutes: M, km: 834}]"));
  }
  const Scenario sc = with_roads(
      "{model: knn, k: 1, detour: 1.3, speed: 70 km/h, ferries: [{from: \"2A004\", to: \"41136\", minutes: 600, km: 700}]}");
  const Trip t = sc.roads->trip(0, 1);
  CHECK(t.seconds == Approx(600 * 60 + sc.roads->trip(2, 1).seconds));
  CHECK(t.metres == Approx(700000 + sc.roads->trip(2, 1).metres));
  CHECK_THROWS_WITH(with_roads("{model: knn, k: 1, detour: 1.3, speed: 70 km/h, ferries: [{from: \"2A004\", to: \"2A004\", minutes: 1, km: 1}]}"),
                    Catch::Contains("a ferry from a commune to itself"));
}

TEST_CASE("an OpenStreetMap extract: speeds by tag and class - one-way streets - the largest part kept", "[travel]") {
  const RoadNetwork net = read_osm_network(kFixtures + "/roads-small.osm");
  const std::vector<Commune> communes = {{"A", "A", 1, 0, 0.0001}, {"B", "B", 1, 0.0001, 0.02}, {"C", "C", 1, 0, 0.0301}};
  const NetworkEdges found = network_edges(net, communes, 5);
  CHECK(found.nodes_kept == 5);
  CHECK(found.nodes_dropped == 2);  // the service road apart; the footway is not a road
  const double leg = great_circle_m(0, 0, 0, 0.01), diagonal = great_circle_m(0, 0.03, 0.01, 0.015);
  auto trip = [&](std::size_t a, std::size_t b) {
    for (const auto& e : found.trips)
      if (e.a == a && e.b == b) return std::pair{e.seconds, e.metres};
    return std::pair{-1.0, -1.0};
  };
  CHECK(trip(0, 1).first == Approx(2 * leg / (60 / 3.6)));  // primary, maxspeed 60
  CHECK(trip(1, 2).first == Approx(leg / (30 / 3.6)));      // one way, residential default
  CHECK(trip(2, 1).first == Approx(2 * diagonal / 25 + 2 * leg / (60 / 3.6)));  // back the long way
  CHECK(trip(2, 1).second == Approx(2 * diagonal + 2 * leg));
  CHECK(trip(0, 2).first == Approx(2 * diagonal / 25));  // the trunk beats the town

  // In a scenario: each pair both ways is its mean (half the round trip).
  const std::string communes_yaml =
      "[{insee: \"41018\", name: A, population: 100, lat: 0, lon: 0.0001}, {insee: \"41136\", name: B, population: 0, "
      "lat: 0.0001, lon: 0.02}, {insee: \"41194\", name: C, population: 0, lat: 0, lon: 0.0301}]";
  const Scenario sc = load_scenario(kFixtures + "/travel-one.yaml",
                                    {{"territory.communes", communes_yaml}, {"territory.roads", "{osm: roads-small.osm}"}});
  CHECK_THAT(sc.roads_note, Catch::Contains("2 of 7 road nodes left out"));
  const ResultTable t = travel_table(sc, {"41136"}, {"41194"}, false);
  CHECK(t.rows[0].values[0] * 60 == Approx((trip(1, 2).first + trip(2, 1).first) / 2));
  CHECK_THROWS_WITH(load_scenario(kFixtures + "/travel-one.yaml", {{"territory.roads", "{osm: roads-small.osm}"}}),
                    Catch::Contains("no road within 10 km of 41018 (Blois): is the commune inside the extract?"));
  CHECK_THROWS_WITH(load_scenario(kFixtures + "/travel-one.yaml", {{"territory.roads", "{osm: missing.osm.pbf}"}}),
                    Catch::Contains("missing.osm.pbf"));
}

TEST_CASE("cli: travel and calibrate write their files - bad usage exits 2 - bad input 1", "[travel][cli]") {
  const std::string cli = MAILLAGE_CLI, dir = std::filesystem::temp_directory_path() / ("maillage-travel-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto run = [&](const std::string& args) {
    const int status = std::system((cli + " " + args + " >" + dir + "/out 2>" + dir + "/err").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  auto slurp = [](const std::string& f) {
    std::ifstream in(f);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string truth = kFixtures + "/calibration.yaml --set 'territory.roads=" + kTrueRoads + "'";
  REQUIRE(run("travel " + truth + " --from 72181,72003 --to 72001 72002 --out " + dir + "/obs.csv") == 0);
  CHECK(slurp(dir + "/obs.csv").rfind("from,to,minutes,km\n72181,72001,", 0) == 0);
  REQUIRE(run("travel " + truth + " --from 72181 72003 72264 72154 72001 --out " + dir + "/obs.csv") == 0);
  REQUIRE(run("calibrate " + kFixtures + "/calibration.yaml --observed " + dir + "/obs.csv --out " + dir) == 0);
  CHECK_THAT(slurp(dir + "/out"), Catch::Contains("after: held out (5-fold)"));
  CHECK_THAT(slurp(dir + "/roads.yaml"), Catch::Contains("  access: 3.000 min\n"));
  CHECK(run("travel") == 2);
  CHECK(run("travel " + kFixtures + "/valid.yaml --from") == 2);
  CHECK(run("calibrate " + kFixtures + "/valid.yaml") == 2);
  CHECK(run("calibrate " + kFixtures + "/valid.yaml --observed " + dir + "/missing.csv") == 1);
  CHECK_THAT(slurp(dir + "/err"), Catch::Contains("missing.csv"));
  CHECK(run("travel " + kFixtures + "/valid.yaml --from 99999") == 1);
  std::filesystem::remove_all(dir);
}
