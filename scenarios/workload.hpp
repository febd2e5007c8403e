#pragma once
// How much work a scenario asks for, checked before anything runs: a typo in a rate
// ("1e9 per year") or a horizon would otherwise fill the memory for minutes before the
// run dies. The limits are far above any real territory (France: about 1e8 episodes a
// year); `--force` (load_scenario's force) lifts them.
#include <cstddef>
#include <string>

#include "models/scenario.hpp"

namespace maillage {

constexpr double kMaxEpisodesPerReplication = 2e9;
constexpr std::size_t kMaxSupplyItems = 1'000'000;  ///< practices, cabins, pools... together
constexpr std::size_t kMaxPlans = 10'000;

/** About how many episodes a replication simulates: horizon × Σ population × rate over the
 *  care types (residents of EHPADs for theirs), plus the EHPAD residents themselves. */
double estimated_episodes(const Scenario& sc);

/** Throws ScenarioError (naming `file`) when the scenario or one of its plans is beyond the limits. */
void check_workload(const Scenario& sc, const std::string& file);

}  // namespace maillage
