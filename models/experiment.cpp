#include "models/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/confidence_interval.hpp"
#include "engine/process_pool.hpp"
#include "models/simulation.hpp"

namespace maillage {

RunResult run_experiment(const Scenario& sc, const RunOptions& opt) {
  const int reps = opt.replications.value_or(sc.replications);
  const std::uint64_t seed = opt.seed.value_or(sc.seed);
  if (reps < 1) throw std::invalid_argument("replications must be at least 1");
  std::vector<std::pair<std::string, const Scenario*>> plans{{"baseline", &sc}};
  for (const auto& [name, plan] : sc.plans) plans.emplace_back(name, plan.get());
  if (!opt.plans.empty()) {
    std::vector<std::pair<std::string, const Scenario*>> chosen;
    for (const auto& want : opt.plans) {
      auto it = std::find_if(plans.begin(), plans.end(), [&](const auto& p) { return p.first == want; });
      if (it == plans.end()) {
        std::string names;
        for (const auto& p : plans) names += (names.empty() ? "" : ", ") + p.first;
        throw std::invalid_argument("no plan \"" + want + "\" in the scenario (plans: " + names + ")");
      }
      chosen.push_back(*it);
    }
    plans = chosen;
  }

  const std::size_t n = plans.size() * static_cast<std::size_t>(reps);
  const auto outcomes = run_in_processes(
      n, opt.jobs,
      [&](std::size_t i) {
        const auto& [name, plan] = plans[i / static_cast<std::size_t>(reps)];
        Simulation sim(*plan, seed, static_cast<int>(i % static_cast<std::size_t>(reps)) + 1);
        return sim.run(name, opt.verbose).serialise();
      },
      opt.progress);

  RunResult result;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok)
      throw std::runtime_error("plan " + plans[i / static_cast<std::size_t>(reps)].first + ", replication " +
                               std::to_string(i % static_cast<std::size_t>(reps) + 1) + ": " + outcomes[i].bytes);
    const ResultSet set = ResultSet::deserialise(outcomes[i].bytes);
    result.summary.append(*set.find("summary"));
    result.by_commune.append(*set.find("by_commune"));
    result.utilisation.append(*set.find("utilisation"));
    if (const ResultTable* links = set.find("links")) result.links.append(*links);
    // The same in every replication: kept once per plan.
    if (const ResultTable* cov = set.find("coverage"); cov && i % static_cast<std::size_t>(reps) == 0)
      result.coverage.append(*cov);
  }
  result.kpis = key_performance_indicators(result.summary);
  for (const auto& [name, plan] : plans) result.costs.append(cost_table(name, *plan));
  if (result.costs.rows.empty()) result.costs = ResultTable{};
  return result;
}

ResultTable cost_table(const std::string& plan, const Scenario& sc) {
  ResultTable t;
  t.key_columns = {"plan", "resource", "kind"};
  t.value_columns = {"capital_eur", "per_year_eur"};
  auto add = [&](const std::string& id, const char* kind, const Cost& c) {
    if (c.given()) t.rows.push_back({{plan, id, kind}, {c.capital, c.per_year}});
  };
  for (const auto& x : sc.practices) add(x.id, "practice", x.cost);
  for (const auto& x : sc.remote_pools) add(x.id, "remote_pool", x.cost);
  for (const auto& x : sc.cabins) add(x.id, to_string(x.kind), x.cost);
  for (const auto& x : sc.hospitals) add(x.id, "hospital", x.cost);
  for (const auto& x : sc.hotlines) add(x.id, "hotline", x.cost);
  for (const auto& x : sc.buses) add(x.id, "bus", x.cost);
  return t;
}

ResultTable key_performance_indicators(const ResultTable& summary) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ResultTable kpis;
  kpis.key_columns = {"plan", "measure"};
  kpis.value_columns = {"mean", "ci_low", "ci_high", "half_width", "replications",
                        "diff", "diff_low", "diff_high", "diff_half_width", "diff_half_width_unpaired"};
  // Plans in order of first appearance; each plan's values by replication.
  std::vector<std::string> plans;
  for (const auto& r : summary.rows)
    if (std::find(plans.begin(), plans.end(), r.keys[0]) == plans.end()) plans.push_back(r.keys[0]);
  auto values_of = [&](const std::string& plan, std::size_t m) {
    std::vector<double> v;
    for (const auto& r : summary.rows)
      if (r.keys[0] == plan) v.push_back(r.values[m]);
    return v;
  };
  const bool has_baseline = std::find(plans.begin(), plans.end(), "baseline") != plans.end();
  for (const auto& plan : plans)
    for (std::size_t m = 0; m < summary.value_columns.size(); ++m) {
      const std::vector<double> values = values_of(plan, m);
      const ConfidenceInterval ci = confidence_interval(values, 0.95);
      std::vector<double> row{ci.mean, ci.low(), ci.high(), ci.half_width, static_cast<double>(ci.n),
                              kNaN, kNaN, kNaN, kNaN, kNaN};
      if (has_baseline && plan != "baseline") {
        const std::vector<double> base = values_of("baseline", m);
        const ConfidenceInterval d = paired_difference(values, base, 0.95);
        row[5] = d.mean, row[6] = d.low(), row[7] = d.high(), row[8] = d.half_width;
        // Independent runs: Welch's interval of the difference of two means.
        const ConfidenceInterval b = confidence_interval(base, 0.95);
        if (ci.n >= 2 && b.n >= 2) {
          const double sa = ci.half_width / student_t_quantile(0.95, ci.n - 1);
          const double sb = b.half_width / student_t_quantile(0.95, b.n - 1);
          const double se2 = sa * sa + sb * sb;
          const double df = se2 * se2 / (std::pow(sa, 4) / (ci.n - 1) + std::pow(sb, 4) / (b.n - 1));
          row[9] = se2 > 0 ? student_t_quantile(0.95, std::max(1, static_cast<int>(df))) * std::sqrt(se2) : 0.0;
        }
      }
      kpis.rows.push_back({{plan, summary.value_columns[m]}, row});
    }
  return kpis;
}

}  // namespace maillage
