#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/travel_table.hpp"
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
