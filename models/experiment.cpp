#include "models/experiment.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/confidence_interval.hpp"
#include "engine/process_pool.hpp"
#include "models/simulation.hpp"

namespace maillage {

RunResult run_experiment(const Scenario& sc, const RunOptions& opt) {
  const int reps = opt.replications.value_or(sc.replications);
  const std::uint64_t seed = opt.seed.value_or(sc.seed);
  if (reps < 1) throw std::invalid_argument("replications must be at least 1");
  const std::string plan = "baseline";

  const auto outcomes = run_in_processes(
      static_cast<std::size_t>(reps), opt.jobs,
      [&](std::size_t i) {
        Simulation sim(sc, seed, static_cast<int>(i) + 1);
        return sim.run(plan, opt.verbose).serialise();
      },
      opt.progress);

  RunResult result;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok)
      throw std::runtime_error("plan " + plan + ", replication " + std::to_string(i + 1) + ": " + outcomes[i].bytes);
    const ResultSet set = ResultSet::deserialise(outcomes[i].bytes);
    result.summary.append(*set.find("summary"));
    result.by_commune.append(*set.find("by_commune"));
    result.utilisation.append(*set.find("utilisation"));
    if (const ResultTable* links = set.find("links")) result.links.append(*links);
    // The same in every replication: kept once.
    if (const ResultTable* cov = set.find("coverage"); cov && i == 0) result.coverage = *cov;
  }
  result.kpis = key_performance_indicators(result.summary);
  return result;
}

ResultTable key_performance_indicators(const ResultTable& summary) {
  ResultTable kpis;
  kpis.key_columns = {"plan", "measure"};
  kpis.value_columns = {"mean", "ci_low", "ci_high", "half_width", "replications"};
  // Plans in order of first appearance.
  std::vector<std::string> plans;
  for (const auto& r : summary.rows)
    if (std::find(plans.begin(), plans.end(), r.keys[0]) == plans.end()) plans.push_back(r.keys[0]);
  for (const auto& plan : plans)
    for (std::size_t m = 0; m < summary.value_columns.size(); ++m) {
      std::vector<double> values;
      for (const auto& r : summary.rows)
        if (r.keys[0] == plan) values.push_back(r.values[m]);
      const ConfidenceInterval ci = confidence_interval(values, 0.95);
      kpis.rows.push_back({{plan, summary.value_columns[m]},
                           {ci.mean, ci.low(), ci.high(), ci.half_width, static_cast<double>(ci.n)}});
    }
  return kpis;
}

}  // namespace maillage
