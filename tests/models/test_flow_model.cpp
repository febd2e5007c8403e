#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

namespace {
const std::string kLoirEtCher = std::string(MAILLAGE_SOURCE_DIR) + "/scenarios/loir-et-cher.yaml";

/** A table's rows by their keys. */
std::map<std::vector<std::string>, std::vector<double>> rows_of(const ResultSet& set, const char* table) {
  std::map<std::vector<std::string>, std::vector<double>> rows;
  for (const auto& r : set.find(table)->rows) rows[r.keys] = r.values;
  return rows;
}

/** The largest relative difference between two tables' values, row by row (NaN = NaN). */
double largest_gap(const ResultSet& a, const ResultSet& b, const char* table) {
  const auto ra = rows_of(a, table), rb = rows_of(b, table);
  REQUIRE(ra.size() == rb.size());
  double worst = 0;
  for (const auto& [keys, va] : ra) {
    const auto it = rb.find(keys);
    REQUIRE(it != rb.end());
    REQUIRE(it->second.size() == va.size());
    for (std::size_t i = 0; i < va.size(); ++i) {
      const double x = va[i], y = it->second[i];
      if (std::isnan(x) || std::isnan(y)) {
        CHECK(std::isnan(x) == std::isnan(y));
        continue;
      }
      worst = std::max(worst, std::fabs(x - y) / std::max(std::fabs(x), 1e-300));
    }
  }
  return worst;
}
}  // namespace

TEST_CASE("flow model: a bad flow_model is refused by name", "[models][network]") {
  try {
    load_scenario(kLoirEtCher, {{"territory.network.flow_model", "maxmin"}});
    FAIL("loaded a bad flow_model");
  } catch (const ScenarioError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("territory.network.flow_model: expected one of"));
    CHECK_THAT(std::string(e.what()), Catch::Contains("max_min"));
  }
  CHECK(load_scenario(kLoirEtCher).network.flow_model == FlowModel::Kind::SimGrid);
  CHECK(load_scenario(kLoirEtCher, {{"territory.network.flow_model", "max_min"}}).network.flow_model ==
        FlowModel::Kind::MaxMin);
}

TEST_CASE("flow model: Loir-et-Cher on the own max-min model counts what SimGrid counts - traffic within 1e-6",
          "[models][network]") {
  // Four months with a rollout step inside (day 90), sessions from homes on ADSL (degraded).
  const std::vector<Override> shorter = {{"scenario.horizon", "120 d"}, {"scenario.warmup", "14 d"}};
  std::vector<Override> own = shorter;
  own.push_back({"territory.network.flow_model", "max_min"});
  const ResultSet simgrid = test::run_once(load_scenario(kLoirEtCher, shorter));
  const ResultSet max_min = test::run_once(load_scenario(kLoirEtCher, own));
  for (const char* count : {"episodes", "served", "unserved", "unserved_network", "unserved_capacity",
                            "sessions_degraded", "sessions_failed", "abandoned"}) {
    INFO(count);
    CHECK(test::first(max_min, "summary", count) == test::first(simgrid, "summary", count));
  }
  CHECK(test::first(simgrid, "summary", "sessions_degraded") > 0);
  const double links = largest_gap(simgrid, max_min, "links");
  const double utilisation = largest_gap(simgrid, max_min, "utilisation");
  WARN("largest relative difference: links " << links << ", utilisation " << utilisation);
  CHECK(links < 1e-6);
  CHECK(utilisation < 1e-6);
}
