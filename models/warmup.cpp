#include "models/warmup.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

#include "engine/calendar.hpp"

namespace maillage {

Truncation mser(const std::vector<double>& series, std::size_t batch) {
  const std::size_t k = batch == 0 ? 0 : series.size() / batch;
  if (k < 2) return {0, false};
  std::vector<double> z(k);
  for (std::size_t j = 0; j < k; ++j) {
    double s = 0;
    for (std::size_t i = 0; i < batch; ++i) s += series[j * batch + i];
    z[j] = s / static_cast<double>(batch);
  }
  // Suffix sums give every d's mean and squared deviations in one pass from the end.
  std::size_t best = 0;
  double best_value = INFINITY;
  double sum = 0, sum2 = 0;
  std::vector<double> value(k);
  for (std::size_t j = k; j-- > 0;) {
    sum += z[j], sum2 += z[j] * z[j];
    const double n = static_cast<double>(k - j);
    value[j] = (sum2 - sum * sum / n) / (n * n);
  }
  // Only the first half is searched: near the end a few batch means that happen to agree
  // give a spuriously small statistic (the known weakness of MSER that this rule avoids).
  for (std::size_t d = 0; d <= k / 2; ++d)
    if (value[d] < best_value) best_value = value[d], best = d;
  Truncation t;
  t.reliable = best < k / 2;  // still falling at the half: no steady state shows yet
  t.drop = best * batch;
  return t;
}

WeeklyTotals weekly_totals(const ResultTable& ts, const std::string& plan) {
  // Columns: week, episodes, served, unserved, wait_days_mean, ed_visits, then per care type
  // episodes.<ct>, served.<ct>, unserved.<ct>, wait_days_mean.<ct> (see WeeklySeries).
  WeeklyTotals t;
  struct Columns {
    int episodes, served, unserved, wait;
  };
  std::vector<Columns> cols;
  const std::string prefix = "wait_days_mean.";
  for (const auto& c : ts.value_columns) {
    if (c.rfind(prefix, 0) != 0) continue;
    const std::string name = c.substr(prefix.size());
    const Columns k{ts.value_index("episodes." + name), ts.value_index("served." + name), ts.value_index("unserved." + name),
                    ts.value_index(c)};
    if (k.episodes < 0 || k.served < 0 || k.unserved < 0) continue;
    cols.push_back(k);
    t.care_types.push_back({name, {}, {}, {}, {}});
  }
  for (const auto& row : ts.rows) {
    if (row.keys[0] != plan) continue;
    const auto w = static_cast<std::size_t>(row.values[0]) - 1;
    if (w >= t.weeks()) {
      for (auto* v : {&t.episodes, &t.served, &t.unserved, &t.ed_visits, &t.wait_served, &t.wait_sum, &t.wait_known})
        v->resize(w + 1);
      for (auto& c : t.care_types)
        for (auto* v : {&c.episodes, &c.served, &c.unserved, &c.wait_served}) v->resize(w + 1);
    }
    t.episodes[w] += row.values[1], t.served[w] += row.values[2], t.unserved[w] += row.values[3];
    if (row.values.size() > 5) t.ed_visits[w] += row.values[5];  // tables made without the column: none
    if (row.values[2] > 0) t.wait_served[w] += row.values[2] * row.values[4];
    if (!std::isnan(row.values[4])) t.wait_sum[w] += row.values[4], t.wait_known[w] += 1;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      auto& c = t.care_types[i];
      const auto v = [&](int column) { return row.values[static_cast<std::size_t>(column)]; };
      c.episodes[w] += v(cols[i].episodes), c.served[w] += v(cols[i].served), c.unserved[w] += v(cols[i].unserved);
      if (v(cols[i].served) > 0) c.wait_served[w] += v(cols[i].served) * v(cols[i].wait);
    }
  }
  return t;
}

namespace {
// Censored: a need of this week still under way when the run ended (all later weeks too).
bool censored(double episodes, double served, double unserved) {
  return episodes > 0 && served + unserved < episodes * (1 - 1e-9);
}
}  // namespace

WeeklyMeans weekly_means(const ResultTable& ts, const std::string& plan) {
  const WeeklyTotals t = weekly_totals(ts, plan);
  WeeklyMeans m;
  for (std::size_t w = 0; w < t.weeks(); ++w) {
    if (censored(t.episodes[w], t.served[w], t.unserved[w])) break;
    m.wait_days.push_back(t.served[w] > 0 ? t.wait_served[w] / t.served[w] : 0.0);
    m.unserved_share.push_back(t.episodes[w] > 0 ? t.unserved[w] / t.episodes[w] : 0.0);
    m.ed_visits.push_back(t.ed_visits[w]);
  }
  for (const auto& c : t.care_types) {
    // A care type booked weeks ahead is censored weeks before a same-day one: each reads its
    // own uncensored weeks.
    WeeklyMeans::CareType mine{c.name, {}};
    std::size_t unknown = 0;  // leading weeks with none served: the first known week's wait
    for (std::size_t w = 0; w < t.weeks() && !censored(c.episodes[w], c.served[w], c.unserved[w]); ++w) {
      if (c.served[w] > 0) {
        const double wait = c.wait_served[w] / c.served[w];
        if (mine.wait_days.size() == unknown) std::fill(mine.wait_days.begin(), mine.wait_days.end(), wait);
        mine.wait_days.push_back(wait);
      } else {
        // A rare care type's empty week is no transient: it repeats the week before.
        if (mine.wait_days.size() == unknown) ++unknown;
        mine.wait_days.push_back(mine.wait_days.empty() ? 0.0 : mine.wait_days.back());
      }
    }
    m.care_types.push_back(std::move(mine));
  }
  return m;
}

WarmupChoice choose_warmup(const WeeklyMeans& m) {
  // Each series that can show the start: a wait still climbing as diaries fill (each care
  // type's own: an ophthalmologist's months hide a GP's hours in the mean), the share given
  // up, and the ED visits, which keep climbing when practices near their capacity overflow
  // while the waits look level (Loiret, session 7).
  std::vector<std::pair<std::string, const std::vector<double>*>> series{
      {"the mean wait over all care types", &m.wait_days}, {"the unserved share", &m.unserved_share}, {"ED visits a week", &m.ed_visits}};
  for (const auto& c : m.care_types) series.emplace_back("the mean wait of " + c.name, &c.wait_days);
  WarmupChoice choice;
  std::vector<std::pair<std::string, std::size_t>> drops;
  for (const auto& [name, values] : series) {
    const Truncation t = mser(*values);
    if (!t.reliable) choice.unreliable.push_back(name);
    drops.emplace_back(name, t.drop);
    choice.weeks = std::max(choice.weeks, t.drop);
  }
  if (choice.weeks > 0)
    for (const auto& [name, drop] : drops)
      if (drop == choice.weeks) choice.set_by.push_back(name);
  return choice;
}

Scenario with_warmup(const Scenario& sc, double seconds) {
  Scenario out = sc;
  out.warmup = seconds, out.auto_warmup = false;
  for (auto& [name, plan] : out.plans) {
    auto copy = std::make_shared<Scenario>(*plan);
    copy->warmup = seconds, copy->auto_warmup = false;
    plan = copy;
  }
  return out;
}

FoundWarmup find_warmup(const Scenario& sc, const RunOptions& options) {
  Scenario pilot = with_warmup(sc, 0);
  pilot.plans.clear();
  pilot.auto_replications = false;
  RunOptions o = options;
  o.plans.clear();
  o.replications = std::min(5, options.replications.value_or(sc.auto_replications ? 5 : sc.replications));
  const RunResult r = run_experiment(pilot, o);
  const WeeklyMeans m = weekly_means(r.timeseries, "baseline");
  const WarmupChoice c = choose_warmup(m);
  FoundWarmup f;
  f.seconds = static_cast<double>(c.weeks) * kWeek;
  auto listed = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  };
  std::ostringstream note;
  note << "warm-up " << c.weeks << " weeks, found by MSER-5 (White 1997) on the baseline's weekly series: mean wait per "
       << "care type and over all, unserved share, ED visits (" << *o.replications << " pilot replications, "
       << m.wait_days.size() << " uncensored weeks); "
       << (c.set_by.empty() ? "no series shows a start-up transient" : "set by " + listed(c.set_by));
  if (!c.reliable())
    note << "; warning: no steady state in the first half of the horizon, lengthen it (still moving: " << listed(c.unreliable) << ")";
  f.note = note.str();
  return f;
}

}  // namespace maillage
