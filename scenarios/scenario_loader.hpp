#pragma once
// Turns a scenario file (YAML, SPEC.md "Scenario file") into a Scenario, validating
// everything before any simulation starts. Every problem found is reported at once.
#include <string>
#include <utility>
#include <vector>

#include "models/scenario.hpp"
#include "scenarios/diagnostics.hpp"

namespace maillage {

/** A change to the YAML tree before validation: key path ("demand.care_types.gp_acute.rate",
 *  "supply.practices[0].doctors") and a YAML value ("1.4 per year"). */
using Override = std::pair<std::string, std::string>;

/** Loads and validates a scenario file; relative data paths are relative to its folder.
 *  Throws ScenarioError listing every problem, and nothing else. Unless `force`, a scenario
 *  whose work is beyond the limits of workload.hpp (2e9 episodes a replication...) is
 *  refused too: almost always a typo in a rate or the horizon. */
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {}, bool force = false);

/** The same from YAML text; `file` names it in messages, `base_dir` resolves data paths. */
Scenario load_scenario_text(const std::string& yaml, const std::string& file, const std::string& base_dir,
                            const std::vector<Override>& overrides = {}, bool force = false);

/** A site-selection option to simulate: the plan's name and the candidates it opens
 *  (indices into the scenario's site_selection.candidates). */
using SiteOptionPlan = std::pair<std::string, std::vector<std::size_t>>;

/** The scenario of a file with one plan per option of its site_selection: the base without
 *  the sites it replaces, plus a site made from the template at each candidate the option
 *  opens. The file's own plans are left out: the options are compared with the scenario as
 *  it is. Throws ScenarioError (a scenario without site_selection included). */
Scenario load_site_options(const std::string& path, const std::vector<SiteOptionPlan>& options,
                           const std::vector<Override>& overrides = {});

}  // namespace maillage
