#pragma once
// Sequential ranking and selection: which of k simulated options is best (lower is better),
// adding replications only to the options still in contention. The procedure is KN++
// (Kim & Nelson 2006, "On the asymptotic validity of fully sequential selection procedures
// for steady-state simulation", Operations Research 54(3)), fully sequential on common
// random numbers: pairwise variances of the paired differences are re-estimated at every
// stage, and an option leaves as soon as another beats it by more than the shrinking
// continuation region. The indifference zone `delta` is what the planner calls equivalent;
// beyond KN++ we stop early, with a verdict of equivalence, once every pair still in
// contention has its 95% paired interval inside (-delta, delta) (checked before each
// screening, since KN++ alone would always end by picking one).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace maillage {

struct SequentialOptions {
  double delta = 0.0;      ///< indifference zone, in the objective's unit (> 0)
  double alpha = 0.05;     ///< 1 - the probability of a correct selection
  int first_stage = 10;    ///< n0: replications every option gets first (>= 2)
  int max_replications = 200;  ///< cap per option
};

struct SequentialResult {
  std::size_t winner = 0;                ///< index of the chosen option (best sample mean among survivors)
  std::vector<int> replications;         ///< per option: the replications it used
  std::vector<bool> eliminated;          ///< per option: left the contention
  std::vector<std::size_t> survivors;    ///< still in contention when the procedure stopped
  enum class Outcome { Separated, Equivalent, Cap } outcome = Outcome::Separated;
  std::vector<std::vector<double>> values;  ///< per option: its observations, replication order
};

/** Runs KN++ over k options. `simulate(option, replication)` returns option's objective in
 *  that replication (replication r of every option must share its random numbers: common
 *  random numbers). Deterministic: the same simulate gives the same result. Throws
 *  std::invalid_argument for fewer than one option, delta <= 0 or first_stage < 2. */
SequentialResult select_sequentially(std::size_t options,
                                     const std::function<double(std::size_t, int)>& simulate,
                                     const SequentialOptions& opt);

/** Same, with a batch callback: `simulate(options, first, last)` returns, for each option
 *  listed, its values for replications [first, last) — so a caller can run a stage in a
 *  process pool. */
SequentialResult select_sequentially_batched(
    std::size_t options,
    const std::function<std::vector<std::vector<double>>(const std::vector<std::size_t>&, int, int)>& simulate,
    const SequentialOptions& opt);

const char* to_string(SequentialResult::Outcome o);

}  // namespace maillage
