#pragma once
// `maillage select`: the site-selection study of a scenario file, from the analytic screen
// to the options simulated on common random numbers and ranked. What the CLI and the
// Python package call.
#include <string>
#include <utility>
#include <vector>

#include "models/experiment.hpp"
#include "models/site_selection.hpp"
#include "scenarios/scenario_loader.hpp"

namespace maillage {

/** The decision among the options, as data (scenarios/report_verdict words it). */
struct SelectionDecision {
  enum class Kind {
    None,
    Only,         ///< one option: choose it
    Surely,       ///< fixed replications: the winner is surely better than `next`
    NotDecided,   ///< fixed replications: the winner and `next` are not distinguishable
    Equivalent,   ///< sequential: `tied` are equivalent within the zone
    Separated,    ///< sequential: the winner is separated from the others
    Cap,          ///< sequential: the cap was reached first
  };
  Kind kind = Kind::None;
  std::string winner, next;        ///< the best option and the next one
  /** Equivalent: the options in contention; NotDecided: those not surely worse than the
   *  winner. The winner first. */
  std::vector<std::string> tied;
  /** NotDecided: the replications each had, the paired difference next minus winner, and
   *  how many replications would separate them if it is what it seems (NaN: unknown). */
  double replications = 0, diff = 0, low = 0, high = 0, needed = 0;
  double winner_mean = 0;  ///< NotDecided: the winner's mean, to say the difference as a share
};

/** The chosen option against the current placement (paired, the option's gain). */
struct AgainstToday {
  enum class Kind { None, Better, Worse, NotSure };
  Kind kind = Kind::None;
  double diff = 0, low = 0, high = 0;  ///< today minus the option: positive, the option is better
};

/** An option by its differences to the winner: the candidates it opens that the winner
 *  does not (`in`) and the winner's it leaves out (`out`). */
struct OptionDifference {
  std::string option;
  bool winner = false;
  std::vector<std::size_t> in, out;  ///< candidate indices
};

struct SiteRanking {
  Scenario scenario;            ///< the base with one plan per option
  SiteScreen screen;            ///< the analytic screen's options, in its order
  RunResult run;                ///< the simulations (the baseline and every option)
  ResultTable ranking;          ///< best first (rank_options)
  ResultTable sites;            ///< the sites of every option (option_sites)
  SelectionVerdict analysis;    ///< the model's verdict on the ranking (selection_verdict)
  SelectionDecision choice;     ///< the decision among the options
  AgainstToday today;           ///< the chosen option against the current placement
  std::vector<OptionDifference> option_differences;  ///< per option, screen order
  /** In English, for selection.csv, the Python API and tests (report_verdict.hpp words them
   *  in either language): the whole verdict, line by line; */
  std::vector<std::string> verdict;
  /** "Choose option-1.", "option-1 and option-2 are equivalent within 1%: ..." (with
   *  site_selection.equivalent_within), or why not yet. Among the options only. */
  std::string decision;
  /** Whether the chosen option is surely better than the current placement, by how much
   *  (today is never one of the options, nor among the equivalent ones). */
  std::string against_baseline;
  /** Per option (screen order): its differences to the winner, in words. */
  std::vector<std::pair<std::string, std::string>> differences;
  /** Sequential ranking: per option the replications it used; the outcome (separated,
   *  equivalent, cap); the indifference zone in the objective's unit. */
  std::vector<std::pair<std::string, int>> replications_used;
  std::string sequential_outcome;
  /** The options still in contention when the sequential ranking stopped (equivalent ones). */
  std::vector<std::string> contention;
  double indifference_zone = 0.0;
};

/** From the ranking and analysis of `r`: each option's differences to the winner (also as
 *  selection.csv's differs_from_winner), the decision among the options (choose X, X and Y
 *  are equivalent, or not decided), and the chosen option against today, which is never
 *  one of the options; then the English verdict, decision and differences. */
void decide_selection(SiteRanking& r);

/** Loads the scenario, screens its site_selection, simulates the options with the run
 *  options (replications, seed, jobs) and ranks them. Throws ScenarioError for a bad file,
 *  std::invalid_argument for a selection without a feasible option, std::runtime_error
 *  when a simulation fails. */
SiteRanking rank_sites(const std::string& path, const RunOptions& options = {},
                       const std::vector<Override>& overrides = {});

}  // namespace maillage
