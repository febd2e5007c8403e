#pragma once
// Runs a scenario's replications, each simulation in its own process, and gathers the
// tables with their confidence intervals. What the CLI and the Python package call.
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/result_table.hpp"
#include "models/scenario.hpp"

namespace maillage {

struct RunOptions {
  std::optional<int> replications;   ///< default: the scenario's
  std::optional<std::uint64_t> seed; ///< default: the scenario's
  int jobs = 0;                      ///< processes at once; 0 = one per core
  bool verbose = false;              ///< SimGrid's own log
  /** The first replication's index: a sequential procedure adds replications n, n+1... with
   *  the streams they would have had in one run. */
  int first_replication = 0;
  /** The plans to run, by name ("baseline" is the scenario itself); empty: all of them. */
  std::vector<std::string> plans;
  /** Called after each simulation with (done, total). */
  std::function<void(std::size_t, std::size_t)> progress;
};

struct RunResult {
  ResultTable summary;      ///< one row per plan and replication
  ResultTable by_commune;   ///< one row per plan, replication and commune
  ResultTable utilisation;  ///< one row per plan, replication and resource
  ResultTable kpis;         ///< one row per plan and measure: mean and 95% interval
  ResultTable links;        ///< one row per plan, replication and network link (with a network)
  ResultTable coverage;     ///< THD coverage: population share per technology and date (with a network)
  ResultTable costs;        ///< one row per plan and resource with a cost: capital and per year
  /** One row per plan: its annual cost, and against the baseline the extra cost per extra
   *  served episode, per km of travel avoided and, care type by care type, per day off its
   *  mean wait, with intervals. */
  ResultTable cost_effectiveness;
  /** How many replications ran and why: the scenario's count, or with replications: auto,
   *  whether the precision target was met or the cap reached. */
  std::string replications_note;
  double warmup = 0;         ///< the warm-up used, in seconds (found, with warmup: auto)
  std::string warmup_note;   ///< with warmup: auto, how it was found
  ResultTable timeseries;   ///< week by week from the start (warm-up included), per plan and replication
  /** The care types' display names by key, for what a person reads (reports, printed
   *  tables); the tables keep the keys. A key not here is shown as it is. */
  std::map<std::string, CareTypeLabel> care_type_labels;
};

/** Runs every plan's replications on common random numbers: replication r of every plan
 *  sees the same patients. Throws std::invalid_argument for an unknown plan, and
 *  std::runtime_error naming the plan and replication when a simulation fails (a broken
 *  conservation check included). */
RunResult run_experiment(const Scenario& scenario, const RunOptions& options = {});

/** The resources of a plan that carry a cost, with their capital and yearly costs. */
ResultTable cost_table(const std::string& plan, const Scenario& scenario);

/** The verdict of a plan on one measure from its extra annual cost and the 95% interval of
 *  its yearly gain: "dominant" (a sure gain for no more money), "ratio" (a sure gain at a
 *  price: euros per unit), "dominated" (more money, surely no better), "cheaper, worse" (a
 *  sure loss for less money), "no sure gain" (the interval includes 0, or is missing). */
std::string cost_verdict(double extra_cost, double gain_low, double gain_high);

/** The cost-effectiveness table from the summary and each plan's annual cost; `years` is
 *  the measured period in years (to turn differences into yearly ones). Keys: the plan and
 *  its verdict per measure (cost_verdict; empty for the baseline); euros per unit only
 *  where the verdict is "ratio". The wait is judged care type by care type (the summary's
 *  `wait_days_mean.<care type>`): the days off its mean wait, never days summed over care
 *  types (a same-day need's hours and a specialist's months), nor a total that grows with
 *  the needs served. */
ResultTable cost_effectiveness(const ResultTable& summary, const std::vector<std::pair<std::string, double>>& annual_costs,
                               double years);

/** Whether a measure (of summary's columns) counts over the measured period, so scales to a
 *  year (episodes, km...; not shares, waits, the stock in progress). */
bool is_count(const std::string& column);
/** Whether a measure can never be negative (all but travel avoided and detour). */
bool is_non_negative(const std::string& column);

/** Mean and 95% Student-t interval of every measure of `summary`, per plan; for the other
 *  plans, the difference to the baseline with its paired interval (replication by
 *  replication) and, to show what pairing gained, the half-width an unpaired comparison
 *  of independent runs would have had. Over a measured period of `period_days`: counts
 *  also per year (mean_per_year, diff_per_year). ci_low/ci_high respect the quantity:
 *  ci_adjusted is 1 when the low bound of a non-negative measure was clipped at 0, 2 when a
 *  quantile's interval was widened to the sketch's resolution (0.5% relative); half_width
 *  stays Student-t's. */
ResultTable key_performance_indicators(const ResultTable& summary,
                                       double period_days = std::numeric_limits<double>::quiet_NaN());

}  // namespace maillage
