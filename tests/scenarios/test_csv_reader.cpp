// CsvReader: the CSV rules shared by the loader and the importers, read one row at a time.
#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/csv_reader.hpp"
#include "scenarios/csv_table.hpp"

using namespace maillage;

namespace {
std::vector<std::vector<std::string>> rows_of(const std::string& text, char* sep = nullptr) {
  CsvReader r(std::make_unique<std::istringstream>(text), "t.csv");
  if (sep) *sep = r.separator();
  std::vector<std::vector<std::string>> out{r.header()};
  std::vector<std::string> row;
  int line = 0;
  while (r.next(row, line)) out.push_back(row);
  return out;
}
}  // namespace

TEST_CASE("the Annuaire Sante pipe files are read and their separator sniffed", "[scenarios][csv]") {
  char sep = 0;
  const auto rows = rows_of("Identifiant PP|Code profession|Libell\xc3\xa9|\r\n1|10|M\xc3\xa9" "decin|\r\n", &sep);
  CHECK(sep == '|');
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].size() == 4);  // the extract ends each line with a separator
  CHECK(rows[1][2] == "M\xc3\xa9" "decin");
}

TEST_CASE("rows across the reading chunks keep their quotes - lines and encoding", "[scenarios][csv]") {
  // Enough rows to cross several 64 kB chunks; a quoted field holds a line break, a latin-1
  // row is converted, old Mac line ends (CR alone) end records.
  std::string text = "id;name;x\r";
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ";\"a;\nb\";1,5\r";
  text += "last;Vend\xf4me;2\r";
  const auto rows = rows_of(text);
  REQUIRE(rows.size() == 20002);
  CHECK(rows[12345][0] == "12344");
  CHECK(rows[12345][1] == "a;\nb");
  CHECK(rows[12345][2] == "1.5");
  CHECK(rows.back()[1] == "Vend\xc3\xb4me");
  // The table holds the same rows, with the lines the quoted breaks shift.
  const CsvTable t = CsvTable::parse(text, "t.csv");
  REQUIRE(t.rows.size() == 20001);
  CHECK(t.lines[1] == 4);
}

TEST_CASE("a row of the wrong width names its line and the separator", "[scenarios][csv]") {
  CHECK_THROWS_WITH(rows_of("a|b\n1|2\n3\n"), Catch::Contains("t.csv:3: expected 2 fields") &&
                                                  Catch::Contains("separated by '|'"));
  CHECK_THROWS_WITH(rows_of("a,b\n\"1,2\n"), Catch::Contains("t.csv:2: unterminated quoted field"));
  CHECK_THROWS_WITH(rows_of(""), Catch::Contains("empty file"));
}
