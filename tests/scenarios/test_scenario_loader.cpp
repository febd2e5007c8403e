#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
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
                  {{"demand.care_types.gp_acute.rate", "2.4 per fortnight"}, {"supply.practices[9].doctors", "5"},
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
                        Catch::Contains("expected a number from 0.1 to 1000, got 0"));
}

TEST_CASE("resources carry their costs - with units", "[scenarios]") {
  const Scenario sc = load_scenario(kFixtures + "/valid.yaml",
                                    {{"supply.practices[0].cost", "{capital: 1.2e6 EUR, per_year: 80000 EUR}"}});
  CHECK(sc.practices[0].cost.capital == 1.2e6);
  CHECK(sc.practices[0].cost.per_year == 80000);
  CHECK_FALSE(sc.practices[1].cost.given());
  CHECK_THROWS_WITH(load_scenario(kFixtures + "/valid.yaml", {{"supply.practices[0].cost", "{capital: 360000}"}}),
                    Catch::Contains("supply.practices[0].cost.capital: expected an amount like \"360000 EUR\""));
}

namespace {
/** The message of the ScenarioError a load throws ("" when it loads). */
std::string refusal(const std::string& path, const std::vector<Override>& overrides = {}) {
  try {
    load_scenario(path, overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("overrides replace list items - address them by id or all - and refuse bad keys", "[scenarios]") {
  const std::string valid = kFixtures + "/valid.yaml";
  CHECK(load_scenario(valid, {{"demand.care_types.gp_acute.pathway[1]", "own_gp"}}).care_types[0].pathway ==
        std::vector<PathwayOption>{PathwayOption::OwnGp, PathwayOption::OwnGp});
  CHECK_THAT(refusal(valid, {{"demand.care_types.gp_acute.pathway[0]", "bogus"}}),
             Catch::Contains("pathway[0]: expected one of own_gp"));
  CHECK(load_scenario(valid, {{"supply.practices[cab-vendome].doctors", "5"}}).practices[1].doctors == 5);
  const Scenario all = load_scenario(valid, {{"supply.practices[*].doctors", "4"}});
  for (const auto& p : all.practices) CHECK(p.doctors == 4);
  CHECK_THAT(refusal(valid, {{"supply.practices[nope].doctors", "5"}}),
             Catch::Contains("\"supply.practices\" has no item [nope] (it has 3)"));
  CHECK_THAT(refusal(valid, {{"supply.practices[99999999999999999999]", "1"}}),
             Catch::Contains("has no item [99999999999999999999] (it has 3)"));
  CHECK_THAT(refusal(valid, {{"", "5"}}), Catch::Contains("expected a key path like"));
  CHECK_THAT(refusal(valid, {{"scenario..seed", "5"}}), Catch::Contains("expected a key path like"));
  CHECK_THAT(refusal(valid, {{"plans.x", "42"}}),
             Catch::Contains("plans.x: expected a mapping of keys (add, remove, set), got \"42\""));
}

TEST_CASE("an error the base and every plan find is reported once", "[scenarios]") {
  const std::string valid = kFixtures + "/valid.yaml";
  try {
    load_scenario(valid, {{"plans.a", "{}"}, {"plans.b", "{remove: [walkin-romo]}"},
                          {"scenario.seed", "-1"}, {"supply.practices[0].doctors", "0"}});
    FAIL("loaded");
  } catch (const ScenarioError& e) {
    CHECK(e.diagnostics().size() == 2);
  }
}

TEST_CASE("data files must be regular files: a FIFO is refused at once - not waited on", "[scenarios]") {
  const fs::path dir = fs::temp_directory_path() / ("maillage-fifo-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string fifo = (dir / "communes.csv").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THAT(refusal(kFixtures + "/valid.yaml", {{"territory.communes", fifo}}),
             Catch::Contains(fifo + ": not a regular file (a pipe)"));
  CHECK_THAT(refusal(fifo), Catch::Contains(fifo + ": not a regular file (a pipe)"));
  fs::remove_all(dir);
}

TEST_CASE("a file read by mistake is never echoed beyond a short prefix", "[scenarios]") {
  const std::string m = refusal(kFixtures + "/valid.yaml", {{"supply.practices", "/etc/passwd"}});
  CHECK_THAT(m, Catch::Contains("supply.practices: expected a list, got \"root:"));
  CHECK(m.size() < 200);
}

TEST_CASE("the work limits refuse a typo unless forced", "[scenarios]") {
  const std::string valid = kFixtures + "/valid.yaml";
  const std::vector<Override> typo{{"demand.care_types.gp_acute.rate", "1e9 per year"}};
  CHECK_THAT(refusal(valid, typo), Catch::Contains("episodes to simulate a replication") && Catch::Contains("--force"));
  CHECK(load_scenario(valid, typo, true).care_types[0].rate > 0);
  CHECK_THAT(refusal(valid, {{"plans.big", "{set: {demand.care_types.gp_routine.rate: 1e9 per year}}"}}),
             Catch::Contains("plans.big: about"));
}

TEST_CASE("many plans that only add or remove load quickly - sharing the base's territory", "[scenarios]") {
  std::string yaml;
  {
    std::ifstream in(kFixtures + "/valid.yaml");
    std::ostringstream s;
    s << in.rdbuf();
    yaml = s.str();
  }
  for (int i = 0; i < 3000; ++i) yaml += "  p" + std::to_string(i) + ": {remove: [walkin-romo]}\n";
  // Quick because the plans share the base's territory (checked below), not timed here:
  // timings live in benchmarks/; a hang would hit ctest's timeout.
  const Scenario sc = load_scenario_text(yaml, "many.yaml", kFixtures);
  REQUIRE(sc.plans.size() == 3000);
  CHECK(sc.plans.back().second->practices.size() == 2);
  CHECK(sc.plans.back().second->roads == sc.roads);
}

TEST_CASE("a binary file is said not to be text - where - and not echoed", "[scenarios]") {
  CHECK_THROWS_WITH(load_scenario_text("scenario:\n  name: \xff\xfe\x01", "bin.yaml", "."),
                    Catch::Equals("bin.yaml:2:9: a byte that is not UTF-8 at line 2: the file is not text"));
  CHECK_THROWS_WITH(load_scenario_text("scenario: {name: a\x01}", "ctl.yaml", "."),
                    Catch::Equals("ctl.yaml:1:19: a control character at line 1: the file is not text"));
}

TEST_CASE("nested aliases (a billion laughs) are read in no time", "[scenarios]") {
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string items;
    for (int k = 0; k < 10; ++k) items += (k ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + items + "]\n";
  }
  // Refused without expanding the aliases (10^9 items would not fit in memory); no timing here.
  CHECK_THROWS_WITH(load_scenario_text(yaml, "bomb.yaml", "."), Catch::Contains("missing key \"scenario\""));
}

TEST_CASE("an override by a bare number takes the unit of the value it replaces", "[scenarios]") {
  const Scenario base = load_scenario(kFixtures + "/valid.yaml");
  const Scenario bare = load_scenario(kFixtures + "/valid.yaml", {{"demand.care_types.gp_acute.rate", "1.4"}});
  const Scenario with_unit = load_scenario(kFixtures + "/valid.yaml", {{"demand.care_types.gp_acute.rate", "1.4 per year"}});
  CHECK(bare.care_types[0].rate == with_unit.care_types[0].rate);
  CHECK(bare.care_types[0].rate != base.care_types[0].rate);
  // A practice's doctors take fractions; a scaled whole count elsewhere is rounded.
  const Scenario part = load_scenario(kFixtures + "/valid.yaml", {{"supply.practices[*].doctors", "*0.5"},
                                                                  {"scenario.replications", "*0.25"}});
  for (std::size_t i = 0; i < part.practices.size(); ++i)
    CHECK(part.practices[i].doctors == Approx(base.practices[i].doctors * 0.5));
  CHECK(part.replications == static_cast<int>(std::llround(base.replications * 0.25)));
  // A walk-in practice's half doctor still serves its queue: whole servers, at least one.
  CHECK(part.practices[2].access == Access::WalkIn);
  CHECK(part.practices[2].servers() == 1);
  CHECK(load_scenario(kFixtures + "/valid.yaml", {{"supply.practices[2].doctors", "2.5"}}).practices[2].servers() == 3);
}
