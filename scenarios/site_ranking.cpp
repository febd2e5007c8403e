#include "scenarios/site_ranking.hpp"

#include <stdexcept>

namespace maillage {

SiteRanking rank_sites(const std::string& path, const RunOptions& options, const std::vector<Override>& overrides) {
  SiteRanking r;
  {
    const Scenario base = load_scenario(path, overrides);  // every error of the file, its plans included
    if (!base.site_selection)
      throw ScenarioError({Diagnostic{path, 0, 0, "site_selection", "the scenario has no site_selection section to rank"}});
    r.screen = screen_sites(base);
  }
  std::vector<SiteOptionPlan> plans;
  for (const auto& o : r.screen.options) plans.emplace_back(o.name, o.sites);
  r.scenario = load_site_options(path, plans, overrides);
  RunOptions run = options;
  run.plans.clear();  // the baseline and every option
  r.run = run_experiment(r.scenario, run);
  r.ranking = rank_options(*r.scenario.site_selection, r.screen, r.run.summary);
  r.sites = option_sites(r.scenario, r.screen);
  r.verdict = selection_verdict(*r.scenario.site_selection, r.screen, r.ranking);
  return r;
}

}  // namespace maillage
