#pragma once
// `warmup: auto`: the warm-up found from the weekly series by MSER-5 (White 1997; rated
// best among truncation rules by Hoad, Robinson & Davies 2010) on a pilot of the baseline.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/result_table.hpp"
#include "models/experiment.hpp"
#include "models/scenario.hpp"

namespace maillage {

struct Truncation {
  std::size_t drop = 0;  ///< observations to discard at the start
  /** False when the statistic still falls at the half of the series (the search's end):
   *  the run is too short to show a steady state, and `drop` is only a lower bound. */
  bool reliable = true;
};

/** MSER-b: batch means of `batch` observations; the truncation d (in batches, at most half
 *  of them) minimising the squared standard error of the mean of the batches kept,
 *  sum_{j>d} (Z_j - mean_d)^2 / (k - d)^2. */
Truncation mser(const std::vector<double>& series, std::size_t batch = 5);

/** Per week, a plan's timeseries rows summed over its replications: the one place the weekly
 *  series is aggregated (MSER reads its means, the printed series shows them). */
struct WeeklyTotals {
  std::vector<double> episodes, served, unserved, ed_visits;
  std::vector<double> wait_served;  ///< sum over replications of served x mean wait (days)
  std::vector<double> wait_sum;     ///< sum of the replications' mean waits where known
  std::vector<double> wait_known;   ///< how many replications had a mean wait that week
  std::size_t weeks() const { return episodes.size(); }
  /** Needs of week w still in progress at the horizon (their waits are not known yet). */
  double in_progress(std::size_t w) const { return episodes[w] - served[w] - unserved[w]; }
};
WeeklyTotals weekly_totals(const ResultTable& timeseries, const std::string& plan);

/** Per week, the mean over replications of a timeseries table's measures that MSER reads
 *  (the mean wait weighted by the served, and the unserved share), up to the last week
 *  whose needs had all ended by the horizon (later weeks are censored: their long waits
 *  are not known yet). */
struct WeeklyMeans {
  std::vector<double> wait_days, unserved_share;
};
WeeklyMeans weekly_means(const ResultTable& timeseries, const std::string& plan);

struct FoundWarmup {
  double seconds = 0;
  std::string note;  ///< how it was found, for the summary and the report
};

/** Runs the baseline alone with no warm-up (at most 5 replications) and returns the
 *  longest MSER-5 truncation of its weekly mean wait and unserved share. */
FoundWarmup find_warmup(const Scenario& sc, const RunOptions& options);

/** The scenario and its plans with this warm-up. */
Scenario with_warmup(const Scenario& sc, double seconds);

}  // namespace maillage
