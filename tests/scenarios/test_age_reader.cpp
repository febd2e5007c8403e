// territory.ages through the loader: the APL's age-standardised demand.
#include <catch2/catch.hpp>

#include <string>

#include "models/accessibility.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

namespace {
const std::string kValid = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/valid.yaml";
}  // namespace

TEST_CASE("without territory ages the APL uses the populations unchanged", "[scenarios][ages]") {
  const Scenario sc = load_scenario(kValid, {});
  for (const auto& c : sc.communes) CHECK_FALSE(c.standardised_population.has_value());
  // The same scenario with every commune given one band: equal weights, standardised == population.
  const Scenario flat = load_scenario(
      kValid, {{"territory.ages", "ages/ages-valid.csv"}, {"territory.age_weights", "[{min: 0, weight: 2}]"}});
  const auto a = accessibility_index(sc), b = accessibility_index(flat);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i] == Approx(b[i]));
}

TEST_CASE("territory ages standardise the populations and keep the total", "[scenarios][ages]") {
  const Scenario sc = load_scenario(kValid, {{"territory.ages", "ages/ages-valid.csv"}});
  double total = 0, standardised = 0;
  for (const auto& c : sc.communes) {
    REQUIRE(c.standardised_population.has_value());
    total += c.population, standardised += *c.standardised_population;
  }
  CHECK(standardised == Approx(total));
  // Mer (41136) is all 100+, Romorantin (41194) all 0-4: weights 9.2 and 4.5 per resident.
  CHECK(*sc.communes[3].standardised_population / sc.communes[3].population ==
        Approx(9.2 / 4.5 * *sc.communes[2].standardised_population / sc.communes[2].population));
}

TEST_CASE("a bad ages file is located and missing communes are named", "[scenarios][ages]") {
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.ages", "ages/ages-bad.csv"}}),
                    Catch::Contains("ages-bad.csv:3") && Catch::Contains("age_min") && Catch::Contains("zero"));
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.ages", "ages/ages-missing.csv"}}),
                    Catch::Contains("2 commune(s)") && Catch::Contains("\"41194\""));
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.age_weights", "[{min: 0, weight: 1}]"}}),
                    Catch::Contains("needs territory.ages"));
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.ages", "ages/ages-valid.csv"},
                                           {"territory.age_weights", "[{min: 0, max: 79, weight: 1}]"}}),
                    Catch::Contains("age 100"));
}
