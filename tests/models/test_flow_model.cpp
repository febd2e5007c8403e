#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

namespace {
const std::string kLoirEtCher = std::string(MAILLAGE_SOURCE_DIR) + "/scenarios/loir-et-cher.yaml";

/** Cells of two tables that differ in any bit (rows by position: the same run order), and
 *  the largest relative difference among them. */
std::size_t differing_cells(const ResultTable& a, const ResultTable& b, double& worst) {
  REQUIRE(a.rows.size() == b.rows.size());
  std::size_t n = 0;
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    REQUIRE(a.rows[r].keys == b.rows[r].keys);
    REQUIRE(a.rows[r].values.size() == b.rows[r].values.size());
    for (std::size_t i = 0; i < a.rows[r].values.size(); ++i) {
      const double x = a.rows[r].values[i], y = b.rows[r].values[i];
      if (std::memcmp(&x, &y, sizeof x) == 0) continue;
      ++n;
      worst = std::max(worst, std::fabs(x - y) / std::max(std::fabs(x), 1e-300));
    }
  }
  return n;
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
  CHECK(load_scenario(kLoirEtCher).network.flow_model == FlowModel::Kind::MaxMin);  // the default
  CHECK(load_scenario(kLoirEtCher, {{"territory.network.flow_model", "simgrid"}}).network.flow_model ==
        FlowModel::Kind::SimGrid);
}

TEST_CASE("flow model: Loir-et-Cher on the own max-min model gives SimGrid's results bit for bit",
          "[models][network]") {
  // Four months with a rollout step inside (day 90), sessions from homes on ADSL (degraded).
  const std::vector<Override> shorter = {{"scenario.horizon", "120 d"}, {"scenario.warmup", "14 d"}};
  std::vector<Override> own = shorter, reference = shorter;
  own.push_back({"territory.network.flow_model", "max_min"});
  reference.push_back({"territory.network.flow_model", "simgrid"});
  const ResultSet simgrid = test::run_once(load_scenario(kLoirEtCher, reference));
  const ResultSet max_min = test::run_once(load_scenario(kLoirEtCher, own));
  CHECK(test::first(simgrid, "summary", "sessions_degraded") > 0);
  REQUIRE(simgrid.names == max_min.names);
  for (std::size_t t = 0; t < simgrid.names.size(); ++t) {
    INFO("table " << simgrid.names[t]);
    double worst = 0;
    const std::size_t cells = differing_cells(simgrid.tables[t], max_min.tables[t], worst);
    INFO(cells << " cells differ, by up to " << worst << " relative");
    CHECK(cells == 0);
  }
  CHECK(simgrid.serialise() == max_min.serialise());
}
