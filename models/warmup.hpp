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
  /** One care type's weeks (from its `<measure>.<care type>` columns). */
  struct CareType {
    std::string name;
    std::vector<double> episodes, served, unserved, wait_served;
    double in_progress(std::size_t w) const { return episodes[w] - served[w] - unserved[w]; }
  };
  std::vector<CareType> care_types;  ///< none in a table written before they were
  std::size_t weeks() const { return episodes.size(); }
  /** Needs of week w still under way when the run ended (their waits are not known yet). */
  double in_progress(std::size_t w) const { return episodes[w] - served[w] - unserved[w]; }
};
WeeklyTotals weekly_totals(const ResultTable& timeseries, const std::string& plan);

/** Per week, what MSER reads of a plan's timeseries table, over its replications: the mean
 *  wait weighted by the served (over all care types, and each care type's), the unserved
 *  share and the ED visits (summed: MSER's truncation does not depend on the scale). Each
 *  series stops before its first censored week (a need still under way when the run ended:
 *  its long wait is not known yet): a care type's at its own, the others at any care type's. */
struct WeeklyMeans {
  std::vector<double> wait_days, unserved_share, ed_visits;
  struct CareType {
    std::string name;
    std::vector<double> wait_days;  ///< a week with none served repeats the week before
  };
  std::vector<CareType> care_types;
};
WeeklyMeans weekly_means(const ResultTable& timeseries, const std::string& plan);

/** The warm-up MSER-5 finds on every weekly series that can show a start-up transient: the
 *  largest truncation among them, and which series set it. */
struct WarmupChoice {
  std::size_t weeks = 0;
  std::vector<std::string> set_by;     ///< the series whose truncation is `weeks` (none when 0)
  std::vector<std::string> unreliable; ///< the series still moving at half their length
  bool reliable() const { return unreliable.empty(); }
};
WarmupChoice choose_warmup(const WeeklyMeans& means);

struct FoundWarmup {
  double seconds = 0;
  std::string note;  ///< how it was found, for the summary and the report
};

/** Runs the baseline alone with no warm-up (at most 5 replications) and returns the warm-up
 *  choose_warmup finds on its weekly series, with a note saying which series set it. */
FoundWarmup find_warmup(const Scenario& sc, const RunOptions& options);

/** The scenario and its plans with this warm-up. */
Scenario with_warmup(const Scenario& sc, double seconds);

}  // namespace maillage
