#include "scenarios/site_ranking.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <cmath>
#include <map>
#include <stdexcept>
#include <thread>

#include "engine/confidence_interval.hpp"
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
  for (auto i : res.survivors) r.contention.push_back(names[i]);
  r.indifference_zone = so.delta;
  r.run.replications_note = "sequential ranking (KN++, Kim & Nelson 2006): " + std::to_string(n0) + " replications first, then " +
                            std::to_string(most) + " at most for the options in contention (cap " +
                            std::to_string(so.max_replications) + "); every table (summary, kpis, by_commune, utilisation, timeseries, links, cost_effectiveness) holds the same replications per plan: " + [&] {
                              std::string l;
                              for (const auto& [plan, n] : counts) l += (l.empty() ? "" : ", ") + plan + " " + std::to_string(n);
                              return l;
                            }();
}

/** How a planner recognises a candidate: its name, with its commune when the name does not
 *  say it ("MSP, Le Pecq"; "Clinique De Bazincourt (Chapet)"), or "ccas site-78123 in Chapet". */
std::string describe(const Scenario& sc, const SiteCandidate& c) {
  const std::string commune = c.commune < sc.communes.size() ? sc.communes[c.commune].name : "";
  if (c.name.empty()) return (c.host.empty() ? std::string("site") : c.host) + " " + c.id + (commune.empty() ? "" : " in " + commune);
  return c.name + (commune.empty() || c.name.find(commune) != std::string::npos ? "" : " (" + commune + ")");
}

/** "a", "a and b", "a, b and c". */
std::string listed(const std::vector<std::string>& items) {
  std::string l;
  for (std::size_t i = 0; i < items.size(); ++i) l += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return l;
}

/** A value of the objective as the tables print it: counts with thousands, else 2 decimals. */
std::string shown(const std::string& measure, double x) {
  char b[64];
  if (measure == "unserved" || measure == "ed_visits") {
    std::snprintf(b, sizeof b, "%.0f", std::fabs(x));
    std::string digits = b, out;
    for (std::size_t i = 0; i < digits.size(); ++i) out += (i > 0 && (digits.size() - i) % 3 == 0 ? "," : "") + std::string(1, digits[i]);
    return (x < 0 && out != "0" ? "-" : "") + out;
  }
  std::snprintf(b, sizeof b, "%.2f", x);
  return b;
}

/** The paired difference of the objective, plan minus other, over their common replications
 *  (positive: `other` is better). */
ConfidenceInterval paired_of(const SiteRanking& r, const std::string& plan, const std::string& other) {
  std::map<std::string, std::vector<double>> values;
  for (const auto& row : r.run.summary.rows)
    if (row.keys.at(0) == plan || row.keys.at(0) == other)
      values[row.keys[0]].push_back(objective_of(*r.scenario.site_selection, r.run.summary, row));
  return paired_difference(values[plan], values[other]);
}

std::string fmt_int(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.0f", x);
  return b;
}

/** Each option by its differences to the winner's set of sites. */
void describe_differences(SiteRanking& r) {
  if (r.ranking.rows.empty()) return;
  const SiteSelection& sel = *r.scenario.site_selection;
  auto find = [&](const std::string& name) -> const SiteOption* {
    for (const auto& o : r.screen.options)
      if (o.name == name) return &o;
    return nullptr;
  };
  // The winner among the options: today is not one of them.
  const SiteOption* w = nullptr;
  for (const auto& row : r.ranking.rows)
    if (!w) w = find(row.keys[0]);
  for (const auto& o : r.screen.options) {
    std::string text;
    if (&o == w) {
      text = "the winner";
    } else {
      std::vector<std::size_t> in, out;
      std::set_difference(o.sites.begin(), o.sites.end(), w->sites.begin(), w->sites.end(), std::back_inserter(in));
      std::set_difference(w->sites.begin(), w->sites.end(), o.sites.begin(), o.sites.end(), std::back_inserter(out));
      auto list = [&](const std::vector<std::size_t>& v) {
        std::vector<std::string> names;
        for (auto k : v) names.push_back(describe(r.scenario, sel.candidates.at(k)));
        return listed(names);
      };
      // Many sites: say how many first, so the sentence reads before its list.
      const std::string many = in.size() > 3 ? std::to_string(in.size()) + " other sites: " : "";
      text = o.name + " = " + w->name + " with " + (in.empty() ? std::string("the same sites") : many + list(in));
      if (!out.empty()) text += (in.empty() ? " less " : many.empty() ? " instead of " : "; instead of: ") + list(out);
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

}  // namespace

void decide_selection(SiteRanking& r) {
  describe_differences(r);
  if (r.ranking.rows.empty()) return;
  const SiteSelection& sel = *r.scenario.site_selection;
  const std::string m = objective_measure(sel.objective);
  auto v = [&](const ResultTable::Row& row, const char* c) { return r.ranking.value(row, c); };
  auto num = [](double x) {
    char b[64];
    std::snprintf(b, sizeof b, "%.4g", x);
    return std::string(b);
  };
  std::vector<const ResultTable::Row*> options;  // the ranking without the baseline, best first
  const ResultTable::Row* today = nullptr;
  for (const auto& row : r.ranking.rows) {
    if (row.keys[0] == "baseline") today = &row;
    else options.push_back(&row);
  }
  if (options.empty()) return;
  const std::string& winner = options[0]->keys[0];
  if (!r.sequential_outcome.empty()) {
    const std::string zone = sel.equivalent_relative ? num(100 * sel.equivalent_within) + "%" : num(sel.equivalent_within) + " (" + m + ")";
    std::string used;
    for (const auto& [name, n] : r.replications_used) used += (used.empty() ? "" : ", ") + name + " " + std::to_string(n);
    if (r.sequential_outcome == "equivalent") {
      std::vector<std::string> tied{winner};
      for (const auto* row : options)
        if (row->keys[0] != winner && std::find(r.contention.begin(), r.contention.end(), row->keys[0]) != r.contention.end())
          tied.push_back(row->keys[0]);
      r.decision = listed(tied) + " are equivalent within " + zone + (sel.equivalent_relative ? " (" + shown(m, r.indifference_zone) + " " + m + ")" : "") +
                   ": choose on other grounds (cost, hosts); " + winner + " has the best mean.";
    } else if (r.sequential_outcome == "separated") {
      r.decision = "Choose " + winner + ".";
    } else {
      r.decision = "Choose " + winner + " (best so far): the cap of " + std::to_string(sel.max_replications) +
                   " replications was reached before the others were separated or found equivalent within " + zone + ".";
    }
    r.verdict.push_back("Sequential ranking (KN++, Kim & Nelson 2006; indifference zone " + zone + "): replications used " + used + ".");
  } else if (options.size() == 1) {
    r.decision = "Choose " + winner + " (the only option).";
  } else {
    // Fixed replications: the paired difference of the runner-up to the best option.
    const auto d = paired_of(r, options[1]->keys[0], winner);
    if (d.low() > 0) r.decision = "Choose " + winner + ": it is surely better than " + options[1]->keys[0] + ", the next option.";
    else
      r.decision = "Not decided: " + winner + " and " + options[1]->keys[0] + " are not distinguishable with " +
                   fmt_int(v(*options[1], "replications")) + " replications; set site_selection.equivalent_within (e.g. 1%) and maillage select "
                   "adds replications until one is chosen or they are equivalent within it.";
  }
  r.verdict.insert(r.verdict.begin(), r.decision);
  // Against today: today's paired difference to the chosen option (positive: the option is better).
  if (today) {
    const auto d = paired_of(r, "baseline", winner);
    const std::string by = shown(m, std::fabs(d.mean)) + " [" + shown(m, d.low()) + ", " + shown(m, d.high()) + "], 95% paired";
    if (d.low() > 0) r.against_baseline = winner + " is surely better than the current placement on " + m + ": by " + by + ".";
    else if (d.high() < 0)
      r.against_baseline = winner + " is surely worse than the current placement on " + m + ", by " + shown(m, -d.mean) + " [" + shown(m, -d.high()) +
                           ", " + shown(m, -d.low()) + "], 95% paired: no option does better than today.";
    else r.against_baseline = winner + " is not surely better than the current placement on " + m + ": the difference is " + by + ".";
    r.verdict.push_back("Against today: " + r.against_baseline);
  }
  for (const auto& [name, text] : r.differences)
    if (name != winner) r.verdict.push_back(text + ".");
}

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
  decide_selection(r);
  return r;
}

}  // namespace maillage
