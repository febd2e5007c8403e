// A part of the national commune table, and spreadsheet-style CSV files, through the loader.
#include <catch2/catch.hpp>

#include <string>

#include "scenarios/csv_table.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

namespace {
const std::string kFixtures = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures";
const std::string kValid = kFixtures + "/valid.yaml";
const std::string kFrance = "../../scenarios/data/france-communes.csv";

double total_population(const Scenario& sc) {
  double p = 0;
  for (const auto& c : sc.communes) p += c.population;
  return p;
}
}  // namespace

TEST_CASE("a departement of the national table keeps its communes and their population", "[scenarios][territory]") {
  // Totals counted from scenarios/data/france-communes.csv (awk on the dept column).
  const Scenario sc = load_scenario(kValid, {{"territory.communes", "{file: " + kFrance + ", departements: [\"41\"]}"},
                                             {"territory.roads", "{model: knn, k: 6, detour: 1.3, speed: 70 km/h}"}});
  CHECK(sc.communes.size() == 267);
  CHECK(total_population(sc) == Approx(328543));
  CHECK(sc.practices.size() == 3);
}

TEST_CASE("an EPCI of the national table keeps its communes whole", "[scenarios][territory]") {
  // CA Territoires Vendômois (DGCL 2025): 65 communes of Loir-et-Cher (the project's shared data).
  const Scenario sc = load_scenario(kValid, {{"territory.communes", "{file: " + kFrance + ", epci: [\"200072072\"]}"},
                                             {"territory.roads", "{model: knn, k: 6, detour: 1.3, speed: 70 km/h}"},
                                             {"supply.practices", "[{id: a, commune: \"41269\", doctors: 1, hours: {mon-fri: \"09:00-18:00\"}}]"}});
  CHECK(sc.communes.size() == 65);
}

TEST_CASE("territory filters combine as a union of departements and communes", "[scenarios][territory]") {
  const Scenario sc =
      load_scenario(kValid, {{"territory.communes", "{file: " + kFrance + ", departements: [\"41\"], communes: [\"37261\"]}"},
                             {"territory.roads", "{model: knn, k: 6, detour: 1.3, speed: 70 km/h}"}});
  CHECK(sc.communes.size() == 268);
  CHECK(total_population(sc) == Approx(328543 + 139259));
}

TEST_CASE("unknown filter codes are named and an epci filter needs an epci column", "[scenarios][territory]") {
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.communes", "{file: " + kFrance + ", departements: [\"41\", \"9Z\"]}"}}),
                    Catch::Contains("unknown code(s) \"9Z\""));
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.communes", "{file: " + kFrance + ", communes: [\"00000\"]}"}}),
                    Catch::Contains("territory.communes.communes") && Catch::Contains("\"00000\""));
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.communes", "{file: communes.csv, epci: [\"200030385\"]}"}}),
                    Catch::Contains("has no epci column"));
  // An EPCI the national table does not know (its département's column is empty) says how to add it.
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.communes", "{file: " + kFrance + ", epci: [\"200000000\"]}"}}),
                    Catch::Contains("\"200000000\"") && Catch::Contains("maillage import epci"));
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.communes", "{file: " + kFrance + ", departement: [\"41\"]}"}}),
                    Catch::Contains("departement"));
}

TEST_CASE("road edges files lose the edges of communes a filter left out", "[scenarios][territory]") {
  // The edges file names 41194, which the filter leaves out: its edge is dropped, not an error.
  const Scenario sc = load_scenario(
      kValid, {{"territory.communes", "{file: spreadsheet/communes-bom-semicolon.csv, communes: [\"41018\", \"41269\"]}"},
               {"territory.roads", "{edges: spreadsheet/roads-semicolon.csv}"},
               {"supply.practices", "[{id: a, commune: \"41018\", doctors: 1, hours: {mon-fri: \"09:00-18:00\"}}]"}});
  CHECK(sc.communes.size() == 2);
}

TEST_CASE("an Excel CSV with semicolons - decimal commas - BOM and CRLF loads", "[scenarios][csv]") {
  const Scenario sc = load_scenario(kValid, {{"territory.communes", "spreadsheet/communes-bom-semicolon.csv"},
                                             {"territory.roads", "{edges: spreadsheet/roads-semicolon.csv}"}});
  REQUIRE(sc.communes.size() == 3);
  CHECK(sc.communes[0].insee == "41018");
  CHECK(sc.communes[0].lat == Approx(47.58142));
  CHECK(sc.communes[1].name == "Vend\xc3\xb4me");
}

TEST_CASE("a latin-1 CSV is converted to UTF-8", "[scenarios][csv]") {
  const Scenario sc = load_scenario(kValid, {{"territory.communes", "spreadsheet/communes-latin1.csv"}});
  REQUIRE(sc.communes.size() == 3);
  CHECK(sc.communes[1].name == "Vend\xc3\xb4me");
  CHECK(sc.communes[1].lon == Approx(1.06584));
}

TEST_CASE("a wrong separator is named - tabs or a mixed file", "[scenarios][csv]") {
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.communes", "spreadsheet/communes-tabs.csv"}}),
                    Catch::Contains("separated by tabs"));
  CHECK_THROWS_WITH(load_scenario(kValid, {{"territory.communes", "spreadsheet/communes-mixed.csv"}}),
                    Catch::Contains("separated by ','") && Catch::Contains("holds ';'"));
}

TEST_CASE("csv parsing sniffs the separator and keeps commas in comma files", "[csv]") {
  const CsvTable semi = CsvTable::parse("a;b\n\"x;y\";1,25\n", "t.csv");
  CHECK(semi.rows[0][0] == "x;y");
  CHECK(semi.rows[0][1] == "1.25");
  const CsvTable comma = CsvTable::parse("a,b\n\"1,25\",2\n", "t.csv");
  CHECK(comma.rows[0][0] == "1,25");
  CHECK(short_value(std::string(100, 'x')).size() == 43);
}
