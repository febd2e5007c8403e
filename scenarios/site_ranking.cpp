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
#include "scenarios/care_type_label.hpp"
#include "scenarios/report_verdict.hpp"

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

/** The paired difference of the objective, plan minus other, over their common replications
 *  (positive: `other` is better). */
ConfidenceInterval paired_of(const SiteRanking& r, const std::string& plan, const std::string& other) {
  std::map<std::string, std::vector<double>> values;
  for (const auto& row : r.run.summary.rows)
    if (row.keys.at(0) == plan || row.keys.at(0) == other)
      values[row.keys[0]].push_back(objective_of(*r.scenario.site_selection, r.run.summary, row));
  return paired_difference(values[plan], values[other]);
}

/** Each option by its differences to the winner's set of sites. */
void find_differences(SiteRanking& r) {
  r.option_differences.clear();
  if (r.ranking.rows.empty()) return;
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
    OptionDifference d;
    d.option = o.name;
    d.winner = &o == w;
    if (!d.winner) {
      std::set_difference(o.sites.begin(), o.sites.end(), w->sites.begin(), w->sites.end(), std::back_inserter(d.in));
      std::set_difference(w->sites.begin(), w->sites.end(), o.sites.begin(), o.sites.end(), std::back_inserter(d.out));
    }
    r.option_differences.push_back(std::move(d));
  }
}

}  // namespace

void decide_selection(SiteRanking& r) {
  find_differences(r);
  r.choice = {}, r.today = {};
  if (!r.ranking.rows.empty()) {
    std::vector<const ResultTable::Row*> options;  // the ranking without the baseline, best first
    bool today = false;
    for (const auto& row : r.ranking.rows) {
      if (row.keys[0] == "baseline") today = true;
      else options.push_back(&row);
    }
    if (!options.empty()) {
      SelectionDecision& c = r.choice;
      c.winner = options[0]->keys[0];
      if (options.size() > 1) c.next = options[1]->keys[0];
      if (!r.sequential_outcome.empty()) {
        using K = SelectionDecision::Kind;
        c.kind = r.sequential_outcome == "equivalent" ? K::Equivalent : r.sequential_outcome == "separated" ? K::Separated : K::Cap;
        if (c.kind == K::Equivalent) {
          c.tied = {c.winner};
          for (const auto* row : options)
            if (row->keys[0] != c.winner && std::find(r.contention.begin(), r.contention.end(), row->keys[0]) != r.contention.end())
              c.tied.push_back(row->keys[0]);
        }
      } else if (options.size() == 1) {
        c.kind = SelectionDecision::Kind::Only;
      } else {
        // Fixed replications: the paired difference of the runner-up to the best option.
        const auto d = paired_of(r, c.next, c.winner);
        c.kind = d.low() > 0 ? SelectionDecision::Kind::Surely : SelectionDecision::Kind::NotDecided;
        // Not decided among all the options not surely worse than the best, not only the next.
        if (c.kind == SelectionDecision::Kind::NotDecided) {
          c.tied = {c.winner};
          for (std::size_t i = 1; i < options.size(); ++i)
            if (!(paired_of(r, options[i]->keys[0], c.winner).low() > 0)) c.tied.push_back(options[i]->keys[0]);
        }
        c.replications = r.ranking.value(*options[1], "replications");
        c.diff = d.mean, c.low = d.low(), c.high = d.high();
        c.winner_mean = r.ranking.value(*options[0], "objective");
        // The half-width shrinks as 1/sqrt(n): a guide, not a promise.
        const double half = (d.high() - d.low()) / 2;
        c.needed = d.mean > 0 && c.replications >= 2 && std::isfinite(half) ? std::ceil(c.replications * (half / d.mean) * (half / d.mean))
                                                                              : std::nan("");
      }
      // Against today: today's paired difference to the chosen option (positive: the option is better).
      if (today) {
        const auto d = paired_of(r, "baseline", c.winner);
        r.today.kind = d.low() > 0 ? AgainstToday::Kind::Better : d.high() < 0 ? AgainstToday::Kind::Worse : AgainstToday::Kind::NotSure;
        r.today.diff = d.mean, r.today.low = d.low(), r.today.high = d.high();
      }
    }
  }
  // The English words, for selection.csv, Python and tests.
  r.decision = decision_words(r, Lang::en);
  r.against_baseline = against_today_words(r, Lang::en);
  r.differences.clear();
  for (const auto& d : r.option_differences) r.differences.emplace_back(d.option, difference_words(r, d, Lang::en));
  r.verdict = verdict_lines(r, Lang::en);
  // selection.csv carries the differences too.
  if (r.ranking.rows.empty()) return;
  if (r.ranking.key_columns.back() != "differs_from_winner") r.ranking.key_columns.push_back("differs_from_winner");
  for (auto& row : r.ranking.rows) {
    std::string text = row.keys[0] == "baseline" ? "the current placement" : "";
    for (const auto& [name, t] : r.differences)
      if (name == row.keys[0]) text = t;
    if (row.keys.size() < r.ranking.key_columns.size()) row.keys.push_back(text);
    else row.keys.back() = text;
  }
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
  r.analysis = selection_verdict(*r.scenario.site_selection, r.screen, r.ranking);
  r.analysis.measure_label = wait_measure_label(r.scenario, r.analysis.measure);
  decide_selection(r);
  return r;
}

}  // namespace maillage
