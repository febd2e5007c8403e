#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/result_table.hpp"

using namespace maillage;

TEST_CASE("result sets survive serialisation byte for byte with NaN", "[engine]") {
  ResultSet set;
  ResultTable& t = set.table("summary");
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"episodes", "wait_days_mean"};
  t.rows.push_back({{"baseline", "1"}, {12, 0.25}});
  t.rows.push_back({{"base,line", "2"}, {0, std::numeric_limits<double>::quiet_NaN()}});
  set.table("empty");
  const ResultSet back = ResultSet::deserialise(set.serialise());
  REQUIRE(back.names == set.names);
  const ResultTable* u = back.find("summary");
  REQUIRE(u != nullptr);
  CHECK(u->rows.size() == 2);
  CHECK(u->rows[1].keys[0] == "base,line");
  CHECK(u->rows[0].values[1] == 0.25);
  CHECK(std::isnan(u->rows[1].values[1]));
  CHECK(back.serialise() == set.serialise());
  CHECK_THROWS(ResultSet::deserialise(set.serialise().substr(0, 20)));
}
