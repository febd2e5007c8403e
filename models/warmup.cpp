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
  // Columns: week, episodes, served, unserved, wait_days_mean, ed_visits (see WeeklySeries).
  WeeklyTotals t;
  for (const auto& row : ts.rows) {
    if (row.keys[0] != plan) continue;
    const auto w = static_cast<std::size_t>(row.values[0]) - 1;
    if (w >= t.weeks())
      for (auto* v : {&t.episodes, &t.served, &t.unserved, &t.ed_visits, &t.wait_served, &t.wait_sum, &t.wait_known})
        v->resize(w + 1);
    t.episodes[w] += row.values[1], t.served[w] += row.values[2], t.unserved[w] += row.values[3];
    if (row.values.size() > 5) t.ed_visits[w] += row.values[5];  // tables made without the column: none
    if (row.values[2] > 0) t.wait_served[w] += row.values[2] * row.values[4];
    if (!std::isnan(row.values[4])) t.wait_sum[w] += row.values[4], t.wait_known[w] += 1;
  }
  return t;
}

WeeklyMeans weekly_means(const ResultTable& ts, const std::string& plan) {
  const WeeklyTotals t = weekly_totals(ts, plan);
  WeeklyMeans m;
  for (std::size_t w = 0; w < t.weeks(); ++w) {
    // Censored: a need of this week still in progress at the horizon (all later weeks too).
    if (t.episodes[w] > 0 && t.served[w] + t.unserved[w] < t.episodes[w] * (1 - 1e-9)) break;
    m.wait_days.push_back(t.served[w] > 0 ? t.wait_served[w] / t.served[w] : 0.0);
    m.unserved_share.push_back(t.episodes[w] > 0 ? t.unserved[w] / t.episodes[w] : 0.0);
  }
  return m;
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
  const Truncation a = mser(m.wait_days), b = mser(m.unserved_share);
  const std::size_t weeks = std::max(a.drop, b.drop);
  FoundWarmup f;
  f.seconds = static_cast<double>(weeks) * kWeek;
  std::ostringstream note;
  note << "warm-up " << weeks << " weeks, found by MSER-5 (White 1997) on the baseline's weekly mean wait and "
       << "unserved share (" << *o.replications << " pilot replications, " << m.wait_days.size()
       << " uncensored weeks)";
  if (!a.reliable || !b.reliable)
    note << "; warning: no steady state in the first half of the horizon, lengthen it";
  f.note = note.str();
  return f;
}

}  // namespace maillage
