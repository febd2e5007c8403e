#include "scenarios/site_ranking.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <cmath>
#include <map>
#include <stdexcept>
#include <thread>

#include "models/sequential_selection.hpp"

namespace maillage {

namespace {

/** The stages' per-replication tables as one run's: plan by plan, replication by
 *  replication, each plan with the replications the procedure kept for it (the same as
 *  the summary), so that by_commune, utilisation, links and timeseries agree with the
 *  summary and kpis. Costs and coverage do not depend on replications: the first stage's,
 *  which ran every plan. */
RunResult gather_stages(const std::vector<RunResult>& stages, const std::vector<std::pair<std::string, int>>& counts) {
  RunResult out = stages.at(0);
  const std::vector<ResultTable RunResult::*> tables{&RunResult::by_commune, &RunResult::utilisation, &RunResult::links,
                                                     &RunResult::timeseries};
  for (auto table : tables) {
    ResultTable& t = out.*table;
    t.rows.clear();
    for (const auto& [plan, n] : counts)
      for (const auto& stage : stages)
        for (const auto& row : (stage.*table).rows)
          if (row.keys.size() > 1 && row.keys[0] == plan && std::stoi(row.keys[1]) <= n) t.rows.push_back(row);
  }
  return out;
}

/** The sequential ranking (KN++, see models/sequential_selection.hpp): every plan gets the
 *  first stage, then only the options still in contention (and the baseline, so that the
 *  winner is compared to today on the same replications) get more. Replication r always
 *  has the streams it would have in one run, and values are kept only up to where the
 *  procedure stopped, so the outputs do not depend on the process pool's size. */
void rank_sequentially(SiteRanking& r, const RunOptions& options) {
  const SiteSelection& sel = *r.scenario.site_selection;
  const int n0 = std::max(2, options.replications.value_or(r.scenario.replications));
  const int batch = std::max(1, options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<std::string> names;
  for (const auto& o : r.screen.options) names.push_back(o.name);
  std::map<std::pair<std::string, int>, ResultTable::Row> rows;  // (plan, replication) -> summary row
  ResultTable layout;
  std::vector<RunResult> batches;  // every stage's detailed tables, in replication order
  auto run = [&](std::vector<std::string> plans, int first, int last) {
    RunOptions o = options;
    o.plans = std::move(plans);
    o.plans.insert(o.plans.begin(), "baseline");
    o.first_replication = first;
    o.replications = last - first;
    RunResult got = run_experiment(r.scenario, o);
    batches.push_back(got);
    if (layout.value_columns.empty()) layout = got.summary, layout.rows.clear();
    std::map<std::string, int> next;
    for (auto& row : got.summary.rows) rows[{row.keys.at(0), first + next[row.keys.at(0)]++}] = row;
  };
  run(names, 0, n0);
  auto value = [&](const std::string& plan, int rep) { return objective_of(sel, layout, rows.at({plan, rep})); };

  SequentialOptions so;
  so.first_stage = n0;
  so.max_replications = std::max(n0, sel.max_replications);
  if (sel.equivalent_relative) {
    double best = INFINITY;
    for (const auto& n : names) {
      double s = 0;
      for (int i = 0; i < n0; ++i) s += value(n, i);
      best = std::min(best, std::fabs(s / n0));
    }
    so.delta = sel.equivalent_within * best;
    if (!(so.delta > 0)) so.delta = sel.equivalent_within;  // a best of zero: the share as a value
  } else {
    so.delta = sel.equivalent_within;
  }
  int have = n0;  // replications run for the plans in contention (fetched ahead by a batch)
  const auto res = select_sequentially_batched(
      names.size(),
      [&](const std::vector<std::size_t>& alive, int first, int last) {
        if (last > have) {
          std::vector<std::string> plans;
          for (std::size_t a : alive) plans.push_back(names[a]);
          const int to = std::min(so.max_replications, std::max(last, have + batch));
          // Options that left earlier are not run again; those alive have all of [0, have).
          run(plans, have, to);
          have = to;
        }
        std::vector<std::vector<double>> out;
        for (std::size_t a : alive) {
          out.emplace_back();
          for (int i = first; i < last; ++i) out.back().push_back(value(names[a], i));
        }
        return out;
      },
      so);

  // The summary as if each plan had run its own replications: options as many as the
  // procedure gave them, the baseline as many as the most.
  const int most = *std::max_element(res.replications.begin(), res.replications.end());
  ResultTable summary = layout;
  auto take = [&](const std::string& plan, int n) {
    for (int i = 0; i < n; ++i) summary.rows.push_back(rows.at({plan, i}));
  };
  take("baseline", most);
  for (std::size_t i = 0; i < names.size(); ++i) take(names[i], res.replications[i]);
  std::vector<std::pair<std::string, int>> counts{{"baseline", most}};
  for (std::size_t i = 0; i < names.size(); ++i) counts.emplace_back(names[i], res.replications[i]);
  r.run = gather_stages(batches, counts);
  r.run.summary = summary;
  const double period_days = (r.scenario.horizon - r.scenario.warmup) / 86400.0;
  r.run.kpis = key_performance_indicators(summary, period_days);
  if (!r.run.costs.rows.empty()) {
    // Recomputed on every replication kept, not the first stage's.
    std::vector<std::pair<std::string, double>> annual;
    for (const auto& [plan, n] : counts) {
      double total = 0;
      for (const auto& row : r.run.costs.rows)
        if (row.keys.at(0) == plan) total += r.run.costs.value(row, "annual_eur");
      annual.emplace_back(plan, total);
    }
    r.run.cost_effectiveness = cost_effectiveness(summary, annual, period_days / 365.0);
  }
  r.replications_used.clear();
  for (std::size_t i = 0; i < names.size(); ++i) r.replications_used.emplace_back(names[i], res.replications[i]);
  r.sequential_outcome = to_string(res.outcome);
  r.indifference_zone = so.delta;
  r.run.replications_note = "sequential ranking (KN++, Kim & Nelson 2006): " + std::to_string(n0) + " replications first, then " +
                            std::to_string(most) + " at most for the options in contention (cap " +
                            std::to_string(so.max_replications) + "); every table (summary, kpis, by_commune, utilisation, timeseries, links, cost_effectiveness) holds the same replications per plan: " + [&] {
                              std::string l;
                              for (const auto& [plan, n] : counts) l += (l.empty() ? "" : ", ") + plan + " " + std::to_string(n);
                              return l;
                            }();
}

/** "the msp Le Pecq (Le Pecq)": how a planner recognises a candidate. */
std::string describe(const Scenario& sc, const SiteCandidate& c) {
  std::string s = (c.host.empty() ? std::string("site") : c.host) + " " + (c.name.empty() ? c.id : c.name);
  if (c.commune < sc.communes.size()) s += " (" + sc.communes[c.commune].name + ")";
  return s;
}

/** Each option by its differences to the winner's set of sites. */
void describe_differences(SiteRanking& r) {
  if (r.ranking.rows.empty()) return;
  const SiteSelection& sel = *r.scenario.site_selection;
  const std::string winner = r.ranking.rows[0].keys[0];
  auto find = [&](const std::string& name) -> const SiteOption* {
    for (const auto& o : r.screen.options)
      if (o.name == name) return &o;
    return nullptr;
  };
  const SiteOption* w = find(winner);
  for (const auto& o : r.screen.options) {
    std::string text;
    if (o.name == winner) {
      text = "the winner";
    } else if (!w) {
      text = "adds " + std::to_string(o.sites.size()) + " sites to the current placement (the winner)";
    } else {
      std::vector<std::size_t> in, out;
      std::set_difference(o.sites.begin(), o.sites.end(), w->sites.begin(), w->sites.end(), std::back_inserter(in));
      std::set_difference(w->sites.begin(), w->sites.end(), o.sites.begin(), o.sites.end(), std::back_inserter(out));
      auto list = [&](const std::vector<std::size_t>& v) {
        std::string l;
        for (std::size_t i = 0; i < v.size(); ++i)
          l += (i == 0 ? "" : i + 1 == v.size() ? " and " : ", ") + describe(r.scenario, sel.candidates.at(v[i]));
        return l;
      };
      text = o.name + " = " + winner + " with the " + (in.empty() ? std::string("same sites") : list(in));
      if (!out.empty()) text += (in.empty() ? " less " : " instead of ") + list(out);
      else if (!in.empty()) text += " added";
    }
    r.differences.emplace_back(o.name, text);
  }
  // selection.csv carries them too.
  r.ranking.key_columns.push_back("differs_from_winner");
  for (auto& row : r.ranking.rows) {
    std::string text = row.keys[0] == "baseline" ? "the current placement" : "";
    for (const auto& [name, t] : r.differences)
      if (name == row.keys[0]) text = t;
    row.keys.push_back(text);
  }
}

/** The verdict's decision: choose X, or X and Y are equivalent; then against today. */
void decide(SiteRanking& r) {
  if (r.ranking.rows.empty()) return;
  const SiteSelection& sel = *r.scenario.site_selection;
  const std::string m = objective_measure(sel.objective);
  auto v = [&](const ResultTable::Row& row, const char* c) { return r.ranking.value(row, c); };
  auto num = [](double x) {
    char b[64];
    std::snprintf(b, sizeof b, "%.4g", x);
    return std::string(b);
  };
  const std::string& winner = r.ranking.rows[0].keys[0];
  if (!r.sequential_outcome.empty()) {
    const std::string zone = sel.equivalent_relative ? num(100 * sel.equivalent_within) + "%" : num(sel.equivalent_within) + " (" + m + ")";
    std::string used;
    for (const auto& [name, n] : r.replications_used) used += (used.empty() ? "" : ", ") + name + " " + std::to_string(n);
    if (r.sequential_outcome == "equivalent") {
      std::string tied;
      for (const auto& row : r.ranking.rows)
        if (row.keys[0] != "baseline" && !(v(row, "diff_low") > r.indifference_zone) && row.keys[0] != winner)
          tied += " and " + row.keys[0];
      r.decision = winner + tied + " are equivalent within " + zone + ": choose on other grounds (cost, hosts).";
    } else if (r.sequential_outcome == "separated") {
      r.decision = "Choose " + winner + ".";
    } else {
      r.decision = "Choose " + winner + " (best so far): the cap of " + std::to_string(sel.max_replications) +
                   " replications was reached before the others were separated or found equivalent within " + zone + ".";
    }
    r.verdict.insert(r.verdict.begin(), r.decision);
    r.verdict.push_back("Sequential ranking (KN++, Kim & Nelson 2006; indifference zone " + zone + "): replications used " + used + ".");
  }
  // Against today: the baseline's paired difference to the winner (positive: the winner is better).
  for (const auto& row : r.ranking.rows) {
    if (row.keys[0] != "baseline" || winner == "baseline") continue;
    const double d = v(row, "diff_to_winner"), lo = v(row, "diff_low"), hi = v(row, "diff_high");
    r.against_baseline = winner + (lo > 0 ? " is surely better than the current placement" : " is not surely better than the current placement") +
                         " on " + m + ": by " + num(d) + " [" + num(lo) + ", " + num(hi) + "], 95% paired.";
    r.verdict.push_back(r.against_baseline);
  }
  for (const auto& [name, text] : r.differences)
    if (name != winner) r.verdict.push_back(text + ".");
}

}  // namespace

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
  if (r.scenario.site_selection->equivalent_within > 0) {
    rank_sequentially(r, options);
  } else {
    RunOptions run = options;
    run.plans.clear();  // the baseline and every option
    r.run = run_experiment(r.scenario, run);
  }
  r.ranking = rank_options(*r.scenario.site_selection, r.screen, r.run.summary);
  r.sites = option_sites(r.scenario, r.screen);
  r.verdict = selection_verdict(*r.scenario.site_selection, r.screen, r.ranking);
  describe_differences(r);
  decide(r);
  return r;
}

}  // namespace maillage
