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

struct SiteRanking {
  Scenario scenario;            ///< the base with one plan per option
  SiteScreen screen;            ///< the analytic screen's options, in its order
  RunResult run;                ///< the simulations (the baseline and every option)
  ResultTable ranking;          ///< best first (rank_options)
  ResultTable sites;            ///< the sites of every option (option_sites)
  std::vector<std::string> verdict;  ///< who wins, by how much, and whether the screen was right
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

/** From the ranking and verdict of `r`: each option's differences to the winner (also as
 *  selection.csv's differs_from_winner), the decision among the options (choose X, X and Y
 *  are equivalent, or not decided), and the chosen option against today, which is never
 *  one of the options. */
void decide_selection(SiteRanking& r);

/** Loads the scenario, screens its site_selection, simulates the options with the run
 *  options (replications, seed, jobs) and ranks them. Throws ScenarioError for a bad file,
 *  std::invalid_argument for a selection without a feasible option, std::runtime_error
 *  when a simulation fails. */
SiteRanking rank_sites(const std::string& path, const RunOptions& options = {},
                       const std::vector<Override>& overrides = {});

}  // namespace maillage
