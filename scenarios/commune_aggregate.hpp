#pragma once
// Per plan and commune, every by_commune measure over the replications: its mean and 95%
// interval, and its paired difference to the baseline. Computed once per run and read by
// the GIS layers (every measure) and the report's maps (a few), so both show the same
// numbers.
#include <string>
#include <vector>

#include "engine/confidence_interval.hpp"
#include "models/experiment.hpp"

namespace maillage {

struct Scenario;

struct CommuneAggregate {
  struct Cell {
    ConfidenceInterval value;  ///< over the replications
    ConfidenceInterval diff;   ///< paired, plan minus baseline; mean NaN for the baseline
  };
  std::vector<std::string> plans;     ///< by_commune's order; the baseline ("baseline", else the first) first
  std::vector<std::string> measures;  ///< by_commune's value columns
  /** [plan][commune (scenario order)]: empty where the plan has no row for the commune,
   *  else one cell per measure. */
  std::vector<std::vector<std::vector<Cell>>> cells;

  int plan_index(const std::string& plan) const;
  int measure_index(const std::string& measure) const;
  /** Per commune, the mean of `measure` for `plan` (NaN where none); empty when the run has
   *  no such plan or measure. */
  std::vector<double> means(const std::string& plan, const std::string& measure) const;
  /** Per commune, the paired difference of `measure`, `plan` minus `other`, over the
   *  replications both have (NaN where either has none). Empty like means(). */
  std::vector<double> differences(const std::string& plan, const std::string& other, const std::string& measure) const;

  /** Per [plan][commune][measure], the replication values (aligned by number; empty
   *  where the plan has no row for the commune), kept for differences between
   *  plans other than the baseline (select: an option against the winner). */
  std::vector<std::vector<std::vector<std::vector<double>>>> replications;
};

CommuneAggregate aggregate_communes(const RunResult& result, const Scenario& scenario);

}  // namespace maillage
