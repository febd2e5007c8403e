// Plan comparisons on constructed summaries: cost-effectiveness verdicts, intervals that
// respect the quantity, counts per year.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "models/experiment.hpp"
#include "scenarios/output_writer.hpp"

using namespace maillage;

namespace {
/** A summary of three replications per plan: (served, travel_km, wait_days_mean.gp) each. */
ResultTable summary(const std::vector<std::pair<std::string, std::vector<std::vector<double>>>>& plans) {
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"served", "travel_km", "wait_days_mean.gp"};
  for (const auto& [plan, reps] : plans)
    for (std::size_t r = 0; r < reps.size(); ++r) t.rows.push_back({{plan, std::to_string(r + 1)}, reps[r]});
  return t;
}

const ResultTable::Row& row_of(const ResultTable& t, const std::string& plan) {
  for (const auto& row : t.rows)
    if (row.keys[0] == plan) return row;
  FAIL("no plan " << plan);
  return t.rows[0];
}
}  // namespace

TEST_CASE("cost verdicts: a ratio only for a sure gain bought at a price", "[plans][costs]") {
  CHECK(cost_verdict(1000, 5, 15) == "ratio");
  CHECK(cost_verdict(-1000, 5, 15) == "dominant");
  CHECK(cost_verdict(0, 5, 15) == "dominant");
  CHECK(cost_verdict(1000, -15, -5) == "dominated");
  CHECK(cost_verdict(1000, 0, 0) == "dominated");  // costs more, surely gains nothing
  CHECK(cost_verdict(-1000, -15, -5) == "cheaper, worse");
  CHECK(cost_verdict(1000, -5, 15) == "no sure gain");
  CHECK(cost_verdict(1000, std::nan(""), std::nan("")) == "no sure gain");  // one replication
}

TEST_CASE("cost-effectiveness: dominated - dominant and ordinary plans", "[plans][costs]") {
  const ResultTable s = summary({
      {"baseline", {{100, 1000, 2}, {102, 1010, 2}, {98, 990, 2}}},
      {"dominant", {{110, 900, 1}, {112, 905, 1}, {108, 895, 1}}},    // cheaper, serves more, drives less
      {"dominated", {{90, 1100, 3}, {92, 1110, 3}, {88, 1090, 3}}},   // dearer, serves less, drives more
      {"ordinary", {{110, 1000, 2}, {112, 1010, 2}, {108, 990, 2}}},  // dearer, serves 10 more each time
  });
  const ResultTable ce =
      cost_effectiveness(s, {{"baseline", 5000}, {"dominant", 4000}, {"dominated", 6000}, {"ordinary", 6000}}, 1.0);
  REQUIRE(ce.key_columns == std::vector<std::string>{"plan", "verdict_served", "verdict_km", "verdict_wait.gp"});
  const auto& dominant = row_of(ce, "dominant");
  CHECK(dominant.keys[1] == "dominant");
  CHECK(dominant.keys[2] == "dominant");
  CHECK(dominant.keys[3] == "dominant");
  CHECK(std::isnan(ce.value(dominant, "eur_per_extra_served")));  // never a negative "price"
  CHECK(ce.value(dominant, "km_avoided_per_year") == Approx(100));
  const auto& dominated = row_of(ce, "dominated");
  CHECK(dominated.keys[1] == "dominated");
  CHECK(dominated.keys[2] == "dominated");
  CHECK(dominated.keys[3] == "dominated");
  CHECK(std::isnan(ce.value(dominated, "eur_per_extra_served")));
  CHECK(std::isnan(ce.value(dominated, "eur_per_km_avoided")));
  const auto& ordinary = row_of(ce, "ordinary");
  CHECK(ordinary.keys[1] == "ratio");
  CHECK(ce.value(ordinary, "eur_per_extra_served") == Approx(100));  // 1000 EUR for 10 more
  CHECK(ce.value(ordinary, "eur_per_extra_served_low") == Approx(100));
  CHECK(ordinary.keys[2] == "dominated");  // the same km, surely no fewer, for more money
  CHECK(std::isnan(ce.value(ordinary, "eur_per_km_avoided")));
  CHECK(row_of(ce, "baseline").keys[1].empty());
}

TEST_CASE("intervals respect the quantity: clipped at 0 - quantiles at least the sketch's resolution",
          "[plans][intervals]") {
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"episodes", "travel_avoided_km", "wait_days_median", "wait_days_mean", "period_days"};
  const double days = 73;
  t.rows = {{{"baseline", "1"}, {0, -30, 2, 1, days}},
            {{"baseline", "2"}, {0, 0, 2, 1, days}},
            {{"baseline", "3"}, {30, 30, 2, 1, days}}};
  const ResultTable k = key_performance_indicators(t, days);
  auto v = [&](const char* measure, const char* column) {
    for (const auto& row : k.rows)
      if (row.keys[1] == measure) return k.value(row, column);
    FAIL("no measure " << measure);
    return 0.0;
  };
  // A count: Student-t goes below 0; the interval stops there and says so.
  CHECK(v("episodes", "ci_low") == 0);
  CHECK(v("episodes", "ci_adjusted") == 1);
  CHECK(v("episodes", "ci_high") == Approx(10 + v("episodes", "half_width")));
  // Travel avoided can be negative: left as it is.
  CHECK(v("travel_avoided_km", "ci_low") < 0);
  CHECK(v("travel_avoided_km", "ci_adjusted") == 0);
  // Three medians in the same bucket: not a zero-width interval, the bucket's.
  CHECK(v("wait_days_median", "half_width") == 0);
  CHECK(v("wait_days_median", "ci_low") == Approx(2 * 0.995));
  CHECK(v("wait_days_median", "ci_high") == Approx(2 * 1.005));
  CHECK(v("wait_days_median", "ci_adjusted") == 2);
  // Per year: counts scale by 365 / 73 = 5, a mean wait does not; the period column is
  // a label, not a measure.
  CHECK(v("episodes", "period_days") == days);
  CHECK(v("episodes", "mean_per_year") == Approx(50));
  CHECK(std::isnan(v("wait_days_mean", "mean_per_year")));
  for (const auto& row : k.rows) CHECK(row.keys[1] != "period_days");
}

TEST_CASE("the printed summary names the period and warns of remote care without a reference", "[plans][intervals]") {
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"episodes", "travel_avoided_unreferenced", "period_days"};
  t.rows = {{{"baseline", "1"}, {100, 7, 73}}, {{"baseline", "2"}, {110, 7, 73}}};
  RunResult r;
  r.summary = t;
  r.kpis = key_performance_indicators(t, 73);
  std::ostringstream out;
  print_summary(r, out);
  CHECK_THAT(out.str(), Catch::Contains("counts over 73 days measured") && Catch::Contains("per year") &&
                            Catch::Contains("warning: 7 episodes served remotely have no in-person reference"));
}
