#include "models/experiment.hpp"

#include <algorithm>
#include <thread>
#include <sstream>
#include <map>
#include <functional>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/confidence_interval.hpp"
#include "engine/process_pool.hpp"
#include "engine/quantile_sketch.hpp"
#include "models/simulation.hpp"
#include "models/warmup.hpp"

namespace maillage {

namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
}

RunResult run_experiment(const Scenario& sc, const RunOptions& opt) {
  const int reps = opt.replications.value_or(sc.replications);
  const std::uint64_t seed = opt.seed.value_or(sc.seed);
  if (reps < 1) throw std::invalid_argument("replications must be at least 1");
  if (sc.auto_warmup) {
    const FoundWarmup found = find_warmup(sc, opt);
    RunResult r = run_experiment(with_warmup(sc, found.seconds), opt);
    r.warmup_note = found.note;
    return r;
  }
  std::vector<std::pair<std::string, const Scenario*>> plans{{"baseline", &sc}};
  for (const auto& [name, plan] : sc.plans) plans.emplace_back(name, plan.get());
  if (!opt.plans.empty()) {
    std::vector<std::pair<std::string, const Scenario*>> chosen;
    for (const auto& want : opt.plans) {
      auto it = std::find_if(plans.begin(), plans.end(), [&](const auto& p) { return p.first == want; });
      if (it == plans.end()) {
        std::string names;
        for (const auto& p : plans) names += (names.empty() ? "" : ", ") + p.first;
        throw std::invalid_argument("no plan \"" + want + "\" in the scenario (plans: " + names + ")");
      }
      chosen.push_back(*it);
    }
    plans = chosen;
  }

  // Replications run in batches: all of them at once, or with replications: auto, a few
  // more until the precision target is met. Replication r of every plan uses the same
  // streams, so batches change nothing of the pairing.
  const bool automatic = sc.auto_replications && !opt.replications;
  const double period_days = (sc.horizon - sc.warmup) / 86400.0;  // the measured period
  std::map<std::pair<std::size_t, int>, ResultSet> sets;  // (plan, replication)
  auto run_batch = [&](int from, int to) {
    std::vector<std::pair<std::size_t, int>> tasks;
    for (std::size_t p = 0; p < plans.size(); ++p)
      for (int r = from; r < to; ++r) tasks.emplace_back(p, r);
    QuantileSketch::prepare();
    const auto outcomes = run_in_processes(
        tasks.size(), opt.jobs,
        [&](std::size_t i) {
          const auto& [name, plan] = plans[tasks[i].first];
          Simulation sim(*plan, seed, opt.first_replication + tasks[i].second + 1);
          return sim.run(name, opt.verbose).serialise();
        },
        opt.progress);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (!outcomes[i].ok)
        throw std::runtime_error("plan " + plans[tasks[i].first].first + ", replication " +
                                 std::to_string(opt.first_replication + tasks[i].second + 1) + ": " + outcomes[i].bytes);
      sets[tasks[i]] = ResultSet::deserialise(outcomes[i].bytes);
    }
  };
  auto summary_so_far = [&]() {
    ResultTable t;
    for (const auto& [key, set] : sets) t.append(*set.find("summary"));
    return t;
  };
  // The worst relative half-width among the plans' precision measures, and which.
  auto worst_precision = [&](std::string& which) {
    const ResultTable kp = key_performance_indicators(summary_so_far(), period_days);
    double worst = 0;
    for (const auto& row : kp.rows) {
      if (std::find(sc.precision_measures.begin(), sc.precision_measures.end(), row.keys[1]) ==
          sc.precision_measures.end())
        continue;
      const double mean = row.values[0], hw = row.values[3];
      const double rel = hw == 0 ? 0 : (std::isnan(hw) || mean == 0) ? kInfinity : hw / std::fabs(mean);
      if (rel > worst) worst = rel, which = row.keys[0] + " " + row.keys[1];
    }
    return worst;
  };
  int done = 0;
  std::string note;
  if (!automatic) {
    run_batch(0, reps);
    done = reps;
    note = std::to_string(done) + " replications";
  } else {
    const int cap = std::max(2, sc.max_replications);
    const int step = std::max(2, opt.jobs > 0 ? opt.jobs : static_cast<int>(std::thread::hardware_concurrency()));
    done = std::min(cap, std::max(3, step));
    run_batch(0, done);
    std::string which;
    double worst = worst_precision(which);
    while (worst > sc.target_half_width && done < cap) {
      const int next = std::min(cap, done + step);
      run_batch(done, next);
      done = next;
      worst = worst_precision(which);
    }
    std::ostringstream o;
    o << done << " replications (replications: auto, target half-width " << 100 * sc.target_half_width << "%: ";
    if (worst <= sc.target_half_width)
      o << "met)";
    else
      o << "cap of " << cap << " reached; " << which << " at " << 100 * worst << "%)";
    note = o.str();
  }

  RunResult result;
  if (done < 5) note += "; warning: fewer than 5 replications, the intervals mean little";
  result.replications_note = note;
  result.warmup = sc.warmup;
  for (const auto& ct : sc.care_types) result.care_type_labels.emplace(ct.name, ct.label);
  // Plan by plan, replication by replication: the same files whatever the batches.
  for (std::size_t p = 0; p < plans.size(); ++p)
    for (int r = 0; r < done; ++r) {
      const ResultSet& set = sets.at({p, r});
      result.summary.append(*set.find("summary"));
      result.by_commune.append(*set.find("by_commune"));
      result.utilisation.append(*set.find("utilisation"));
      result.timeseries.append(*set.find("timeseries"));
      if (const ResultTable* links = set.find("links")) result.links.append(*links);
      // The same in every replication: kept once per plan.
      if (const ResultTable* cov = set.find("coverage"); cov && r == 0) result.coverage.append(*cov);
    }
  result.kpis = key_performance_indicators(result.summary, period_days);
  std::vector<std::pair<std::string, double>> annual;
  for (const auto& [name, plan] : plans) {
    const ResultTable t = cost_table(name, *plan);
    result.costs.append(t);
    double total = 0;
    for (const auto& row : t.rows) total += row.values[2];
    annual.emplace_back(name, total);
  }
  if (result.costs.rows.empty()) {
    result.costs = ResultTable{};
  } else {
    result.cost_effectiveness = cost_effectiveness(result.summary, annual, period_days / 365.0);
  }
  return result;
}

ResultTable cost_table(const std::string& plan, const Scenario& sc) {
  ResultTable t;
  t.key_columns = {"plan", "resource", "kind"};
  t.value_columns = {"capital_eur", "per_year_eur", "annual_eur"};
  auto add = [&](const std::string& id, const char* kind, const Cost& c) {
    if (c.given()) t.rows.push_back({{plan, id, kind}, {c.capital, c.per_year, c.annual()}});
  };
  for (const auto& x : sc.practices) add(x.id, "practice", x.cost);
  for (const auto& x : sc.remote_pools) add(x.id, "remote_pool", x.cost);
  for (const auto& x : sc.cabins) add(x.id, to_string(x.kind), x.cost);
  for (const auto& x : sc.hospitals) add(x.id, "hospital", x.cost);
  for (const auto& x : sc.hotlines) add(x.id, "hotline", x.cost);
  for (const auto& x : sc.buses) add(x.id, "bus", x.cost);
  return t;
}

std::string cost_verdict(double extra, double low, double high) {
  if (std::isnan(extra) || std::isnan(low) || std::isnan(high)) return "no sure gain";
  if (low > 0) return extra <= 0 ? "dominant" : "ratio";
  if (high < 0 || (high <= 0 && extra > 0)) return extra < 0 ? "cheaper, worse" : "dominated";
  return "no sure gain";
}

ResultTable cost_effectiveness(const ResultTable& summary, const std::vector<std::pair<std::string, double>>& annual,
                               double years) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ResultTable t;
  t.key_columns = {"plan", "verdict_served", "verdict_km"};
  t.value_columns = {"annual_cost_eur",          "extra_annual_cost_eur",
                     "extra_served_per_year",    "eur_per_extra_served",   "eur_per_extra_served_low",
                     "eur_per_extra_served_high", "km_avoided_per_year",   "eur_per_km_avoided",
                     "eur_per_km_avoided_low",   "eur_per_km_avoided_high"};
  // The wait, one care type at a time: the days off its mean wait (baseline - plan), with
  // its interval, and euros a year per day off. Summed over care types, days waited would
  // add a GP's hours to an ophthalmologist's months, and grow with every extra need served.
  const std::string wait_prefix = "wait_days_mean.";
  std::vector<std::pair<std::string, int>> waits;  // care type, summary column
  for (std::size_t i = 0; i < summary.value_columns.size(); ++i)
    if (summary.value_columns[i].rfind(wait_prefix, 0) == 0)
      waits.emplace_back(summary.value_columns[i].substr(wait_prefix.size()), static_cast<int>(i));
  for (const auto& [ct, column] : waits) {
    t.key_columns.push_back("verdict_wait." + ct);
    for (const char* c : {"wait_days_shorter", "wait_days_shorter_low", "wait_days_shorter_high", "eur_per_day_shorter",
                          "eur_per_day_shorter_low", "eur_per_day_shorter_high"})
      t.value_columns.push_back(std::string(c) + "." + ct);
  }
  // Km avoided: the km actually driven, baseline minus plan (travel_avoided_km leaves out
  // the detours full diaries cause, which a plan may also spare).
  const int served = summary.value_index("served"), km = summary.value_index("travel_km");
  auto values = [&](const std::string& plan, const std::function<double(const std::vector<double>&)>& f) {
    std::vector<double> v;
    for (const auto& r : summary.rows)
      if (r.keys[0] == plan) v.push_back(f(r.values));
    return v;
  };
  auto column_of = [](int c) {
    return [c](const std::vector<double>& v) { return v[static_cast<std::size_t>(c)]; };
  };
  double base_cost = kNaN;
  for (const auto& [plan, cost] : annual)
    if (plan == "baseline") base_cost = cost;
  for (const auto& [plan, cost] : annual) {
    std::vector<double> row{cost};
    std::vector<std::string> keys{plan};
    const bool compared = plan != "baseline" && !std::isnan(base_cost);
    const double extra = compared ? cost - base_cost : kNaN;
    row.push_back(extra);
    const std::string& plan_name = plan;  // C++17 lambdas cannot capture a structured binding (clang says so)
    // Euros per unit gained, only for a sure gain bought at a price: a gain's interval that
    // excludes 0 gives the ratio's. Otherwise a negative ratio would read as a price. The
    // gain is per year for a count (`per_year`), as it is for a level (a mean wait).
    auto ratio = [&](const std::function<double(const std::vector<double>&)>& f, double sign, bool per_year,
                     bool with_interval) {
      if (!compared) {
        keys.push_back("");
        row.insert(row.end(), with_interval ? 6 : 4, kNaN);
        return;
      }
      const double scale = per_year ? years : 1.0;
      const ConfidenceInterval d = paired_difference(values(plan_name, f), values("baseline", f), 0.95);
      const double gain = sign * d.mean / scale, lo = sign * (sign > 0 ? d.low() : d.high()) / scale,
                   hi = sign * (sign > 0 ? d.high() : d.low()) / scale;
      keys.push_back(cost_verdict(extra, lo, hi));
      const bool priced = keys.back() == "ratio";
      row.push_back(gain);
      if (with_interval) row.push_back(lo), row.push_back(hi);
      row.push_back(priced ? extra / gain : kNaN);
      row.push_back(priced ? extra / hi : kNaN);
      row.push_back(priced ? extra / lo : kNaN);
    };
    ratio(column_of(served), 1.0, true, false);  // more episodes served
    ratio(column_of(km), -1.0, true, false);     // fewer km driven
    for (const auto& w : waits) ratio(column_of(w.second), -1.0, false, true);  // a shorter mean wait
    t.rows.push_back({keys, row});
  }
  return t;
}

namespace {
/** A measure's base name: "served" of "served.gp_acute". */
std::string base_measure(const std::string& column) { return column.substr(0, column.find('.')); }
}  // namespace

bool is_count(const std::string& column) {
  const std::string b = base_measure(column);
  // Shares, waits and the stock still under way at the end do not scale with the period.
  return b != "unserved_share" && b.rfind("wait_days_", 0) != 0 && b != "in_progress" && b != "period_days" &&
         b.rfind("without_gp_", 0) != 0;  // residents without a médecin traitant: a stock
}

bool is_non_negative(const std::string& column) {
  const std::string b = base_measure(column);
  // Travel avoided (a cabin farther than the practice) and a detour (an emergency department
  // nearer than the practice) may be negative; every other measure may not.
  return b == "travel_avoided_unreferenced" || (b.rfind("travel_avoided_", 0) != 0 && b.rfind("travel_detour_", 0) != 0);
}

ResultTable key_performance_indicators(const ResultTable& summary, double period_days) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ResultTable kpis;
  kpis.key_columns = {"plan", "measure"};
  kpis.value_columns = {"mean", "ci_low", "ci_high", "half_width", "replications",
                        "diff", "diff_low", "diff_high", "diff_half_width", "diff_half_width_unpaired",
                        "period_days", "mean_per_year", "diff_per_year", "ci_adjusted"};
  // Plans in order of first appearance; each plan's values by replication.
  std::vector<std::string> plans;
  for (const auto& r : summary.rows)
    if (std::find(plans.begin(), plans.end(), r.keys[0]) == plans.end()) plans.push_back(r.keys[0]);
  auto values_of = [&](const std::string& plan, std::size_t m) {
    std::vector<double> v;
    for (const auto& r : summary.rows)
      if (r.keys[0] == plan) v.push_back(r.values[m]);
    return v;
  };
  const bool has_baseline = std::find(plans.begin(), plans.end(), "baseline") != plans.end();
  for (const auto& plan : plans)
    for (std::size_t m = 0; m < summary.value_columns.size(); ++m) {
      const std::string& column = summary.value_columns[m];
      if (column == "period_days") continue;
      const std::vector<double> values = values_of(plan, m);
      const ConfidenceInterval ci = confidence_interval(values, 0.95);
      double low = ci.low(), high = ci.high(), adjusted = 0;
      // A quantile from the sketch is known to its bucket only (0.5% relative): replications
      // that all land in the same bucket would show a zero-width interval.
      if (base_measure(column) == "wait_days_median" || base_measure(column) == "wait_days_p90") {
        const double a = QuantileSketch::default_accuracy;
        if (low > ci.mean * (1 - a) || high < ci.mean * (1 + a)) adjusted = 2;
        low = std::min(low, ci.mean * (1 - a)), high = std::max(high, ci.mean * (1 + a));
      }
      // Student-t knows no bounds: a count or a wait is never below 0.
      if (is_non_negative(column) && low < 0) low = 0, adjusted = 1;
      const double per_year = is_count(column) ? 365.0 / period_days : kNaN;
      std::vector<double> row{ci.mean, low,  high, ci.half_width, static_cast<double>(ci.n),
                              kNaN,    kNaN, kNaN, kNaN,          kNaN,
                              period_days, ci.mean * per_year, kNaN, adjusted};
      if (has_baseline && plan != "baseline") {
        const std::vector<double> base = values_of("baseline", m);
        const ConfidenceInterval d = paired_difference(values, base, 0.95);
        row[5] = d.mean, row[6] = d.low(), row[7] = d.high(), row[8] = d.half_width, row[12] = d.mean * per_year;
        // Independent runs: Welch's interval of the difference of two means.
        const ConfidenceInterval b = confidence_interval(base, 0.95);
        if (ci.n >= 2 && b.n >= 2) {
          const double sa = ci.half_width / student_t_quantile(0.95, ci.n - 1);
          const double sb = b.half_width / student_t_quantile(0.95, b.n - 1);
          const double se2 = sa * sa + sb * sb;
          const double df = se2 * se2 / (std::pow(sa, 4) / (ci.n - 1) + std::pow(sb, 4) / (b.n - 1));
          row[9] = se2 > 0 ? student_t_quantile(0.95, std::max(1, static_cast<int>(df))) * std::sqrt(se2) : 0.0;
        }
      }
      kpis.rows.push_back({{plan, column}, row});
    }
  return kpis;
}

}  // namespace maillage
