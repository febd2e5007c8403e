#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/scenario_loader.hpp"

using namespace maillage;
namespace fs = std::filesystem;

namespace {
const std::string kFixtures = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures";
}

TEST_CASE("the valid fixture loads into SI units with resolved references", "[scenarios]") {
  const Scenario sc = load_scenario(kFixtures + "/valid.yaml");
  CHECK(sc.name == "valid");
  CHECK(sc.horizon == 60 * 86400.0);
  CHECK(sc.warmup == 7 * 86400.0);
  CHECK(sc.replications == 3);
  CHECK(sc.seed == 42);
  REQUIRE(sc.communes.size() == 4);
  CHECK(sc.communes[1].insee == "41269");
  CHECK(sc.communes[1].name == "Vendôme");
  REQUIRE(sc.care_types.size() == 2);
  CHECK(sc.care_types[0].name == "gp_acute");  // document order
  CHECK(sc.care_types[0].rate == Approx(1.2 / (365 * 86400.0)));
  CHECK(sc.care_types[0].max_travel == 40 * 60.0);
  CHECK(sc.care_types[0].duration.kind == Distribution::Kind::Exponential);
  CHECK(sc.care_types[1].duration.kind == Distribution::Kind::Fixed);
  CHECK(sc.care_types[0].pathway == std::vector<PathwayOption>{PathwayOption::OwnGp, PathwayOption::AnyGp});
  REQUIRE(sc.practices.size() == 3);
  CHECK(sc.practices[0].kind == PracticeKind::Msp);
  CHECK(sc.practices[2].commune == 2);
  CHECK(sc.practices[2].access == Access::WalkIn);
  CHECK(sc.practices[0].hours.weekly_open_seconds() == 5 * 9 * 3600.0);
  REQUIRE(sc.roads);
  CHECK(sc.roads->trip(0, 1).seconds > 0);
}

TEST_CASE("every broken fixture gives all of its expected messages at once", "[scenarios]") {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kFixtures + "/broken")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    std::vector<std::string> expected;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);)
      if (line.rfind("# expect: ", 0) == 0) expected.push_back(line.substr(10));
    REQUIRE_FALSE(expected.empty());
    std::string message;
    try {
      load_scenario(entry.path().string());
      FAIL("loaded a broken file: " << entry.path());
    } catch (const ScenarioError& e) {
      message = e.what();
    }
    INFO(entry.path().filename().string() << " gave:\n" << message);
    for (const auto& x : expected) CHECK_THAT(message, Catch::Contains(x));
  }
  CHECK(files >= 8);
}

TEST_CASE("overrides change values and report their own errors", "[scenarios]") {
  const Scenario sc = load_scenario(kFixtures + "/valid.yaml", {{"demand.care_types.gp_acute.rate", "2.4 per year"},
                                                                {"supply.practices[1].doctors", "5"},
                                                                {"scenario.replications", "7"}});
  CHECK(sc.care_types[0].rate == Approx(2.4 / (365 * 86400.0)));
  CHECK(sc.practices[1].doctors == 5);
  CHECK(sc.replications == 7);
  try {
    load_scenario(kFixtures + "/valid.yaml",
                  {{"demand.care_types.gp_acute.rate", "2.4"}, {"supply.practices[9].doctors", "5"},
                   {"demand.care_typo.gp_acute.rate", "1 per year"}});
    FAIL("bad overrides accepted");
  } catch (const ScenarioError& e) {
    const std::string m = e.what();
    CHECK_THAT(m, Catch::Contains("override demand.care_types.gp_acute.rate: demand.care_types.gp_acute.rate: expected a rate like"));
    CHECK_THAT(m, Catch::Contains("\"supply.practices\" has no item [9] (it has 3)"));
    CHECK_THAT(m, Catch::Contains("no key \"care_typo\" under \"demand\""));
  }
}

TEST_CASE("a missing scenario file is a clear error", "[scenarios]") {
  CHECK_THROWS_WITH(load_scenario("no/such/file.yaml"), Catch::Contains("no/such/file.yaml: cannot read the scenario file"));
}

TEST_CASE("overrides reach into a supply list kept in a file of its own", "[scenarios]") {
  const Scenario base = load_scenario(kFixtures + "/valid-file-list.yaml");
  REQUIRE(base.practices.size() == 2);
  const Scenario sc = load_scenario(kFixtures + "/valid-file-list.yaml", {{"supply.practices[1].doctors", "7"}});
  CHECK(sc.practices[1].doctors == 7);
  CHECK(sc.practices[0].doctors == 6);
  CHECK_THROWS_WITH(load_scenario(kFixtures + "/valid-file-list.yaml", {{"supply.practices[1].doctors", "0"}}),
                    Catch::Contains("override supply.practices[1].doctors") &&
                        Catch::Contains("expected a whole number from 1 to 1000, got 0"));
}

TEST_CASE("resources carry their costs, with units", "[scenarios]") {
  const Scenario sc = load_scenario(kFixtures + "/valid.yaml",
                                    {{"supply.practices[0].cost", "{capital: 1.2e6 EUR, per_year: 80000 EUR}"}});
  CHECK(sc.practices[0].cost.capital == 1.2e6);
  CHECK(sc.practices[0].cost.per_year == 80000);
  CHECK_FALSE(sc.practices[1].cost.given());
  CHECK_THROWS_WITH(load_scenario(kFixtures + "/valid.yaml", {{"supply.practices[0].cost", "{capital: 360000}"}}),
                    Catch::Contains("supply.practices[0].cost.capital: expected an amount like \"360000 EUR\""));
}
