#pragma once
// Facility location, the two classics planners know: the p-median (least total weighted
// travel) and the maximal covering location problem (MCLP: most weight within a radius).
// Solved exactly by GLPK's branch-and-cut (Debian's libglpk) while the model is small
// enough, beyond that by greedy construction and vertex substitution (Teitz & Bart 1968),
// with its gap to a lower bound: the Lagrangian relaxation of the assignments (subgradient,
// one pass over the arcs a step) when a count is set, the LP relaxation under a budget.
// Measured in benchmarks/README.md. Knows nothing of health care.
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace maillage {

enum class LocationModel { PMedian, MaximalCovering };

/** Demand points, candidate sites, and which candidates each point would use.
 *  p-median: a point's cost is the least of its fallback and its arcs' costs to open sites.
 *  MCLP: a point is covered when one of its arcs leads to an open site (costs unused). */
struct LocationProblem {
  std::vector<double> weight;  ///< per demand point
  /** Per demand point: (candidate, cost) for the candidates it may use. */
  std::vector<std::vector<std::pair<std::size_t, double>>> arcs;
  /** Per demand point (p-median): its cost when no open candidate does better (an existing
   *  site, or a cap for "too far"). */
  std::vector<double> fallback;
  std::vector<double> price;  ///< per candidate, for the budget
  int open = 0;               ///< exactly this many candidates open; <= 0: no count (at least one)
  double budget = std::numeric_limits<double>::infinity();  ///< total price at most

  std::size_t candidates() const { return price.size(); }
};

struct LocationSolution {
  std::vector<std::size_t> open;  ///< the open candidates, ascending
  /** p-median: the total weighted cost; MCLP: the covered weight. */
  double value = 0.0;
  /** The best bound known on the optimum (the value itself when proven optimal). */
  double bound = 0.0;
  bool optimal = false;
  /** With a tie-break: its model's value of the set (else NaN). */
  double tie_value = std::numeric_limits<double>::quiet_NaN();
  std::string method;  ///< how it was found, for the output
  /** Relative gap between value and bound (0 when optimal). */
  double gap() const;
};

struct LocationOptions {
  /** Above this many arcs the exact model is not tried (the heuristic is used). */
  std::size_t exact_arc_limit = 200000;
  /** Under a budget, above this many arcs the heuristic's LP bound is not computed (its gap
   *  is unknown); with a count, the Lagrangian bound is computed at any size. */
  std::size_t bound_arc_limit = 2000000;
  /** GLPK's time limit per solve; on reaching it, its best solution and bound are kept. */
  double time_limit_s = 30.0;
};

/** A second model on the same candidates (and demand points): among sets whose values tie
 *  (within 1e-7 of the value, relative), the one better by this model comes first, so that
 *  the k best are not whichever of the tied sets the solver met first. */
struct LocationTieBreak {
  const LocationProblem* problem = nullptr;  ///< none: no tie-break
  LocationModel model = LocationModel::PMedian;
};

/** Whether `open` respects the count and the budget. */
bool feasible(const LocationProblem& problem, const std::vector<std::size_t>& open);

/** The objective of a set of open candidates (see LocationSolution::value). */
double location_value(const LocationProblem& problem, LocationModel model, const std::vector<std::size_t>& open);

/** Up to k distinct solutions, best first, none of them a set of `excluded` (nor, when
 *  solved exactly, a superset: under a budget one that adds sites to it). Exact: each
 *  next one is the optimum once the previous sets are excluded (no-good cuts), so they are
 *  the k best; with a tie-break, each is the best by the tie-break's model among the sets
 *  tied with that optimum (a second solve, the first's value held). Heuristic: the best
 *  local optimum found and its best single swaps, in the same order. Throws
 *  std::invalid_argument when no set is feasible (more to open than candidates, a budget
 *  below every choice). */
std::vector<LocationSolution> solve_location(const LocationProblem& problem, LocationModel model, int k,
                                             const LocationOptions& options = {}, const LocationTieBreak& tie = {},
                                             const std::vector<std::vector<std::size_t>>& excluded = {});

}  // namespace maillage
