#include "models/site_selection.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "engine/confidence_interval.hpp"
#include "models/scenario.hpp"

namespace maillage {
namespace {

constexpr double kMinute = 60.0;

bool uses(const CareType& ct, SiteKind kind) {
  for (auto o : ct.pathway) {
    if (kind == SiteKind::Cabin && o == PathwayOption::Cabin) return true;
    if (kind == SiteKind::Practice && (o == PathwayOption::OwnGp || o == PathwayOption::AnyGp)) return true;
  }
  return false;
}

std::string fmt(double v, int digits) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << v;
  return s.str();
}

/** The simulated value of a measure in one row (derived ones computed). */
double measure_of(const SiteSelection& sel, const ResultTable& t, const ResultTable::Row& row, const std::string& m) {
  if (m == "travel_min_per_served") {
    const double served = t.value(row, "served");
    return served > 0 ? t.value(row, "travel_min") / served : std::nan("");
  }
  if (m == "site_wait_days_mean") {  // the served needs of the sites' care types, pooled
    double waited = 0, served = 0;
    for (const auto& ct : sel.care_types) {
      const double n = measure_of(sel, t, row, "served." + ct);
      if (n > 0) waited += n * measure_of(sel, t, row, "wait_days_mean." + ct), served += n;
    }
    return served > 0 ? waited / served : std::nan("");
  }
  if (t.value_index(m) < 0) throw std::invalid_argument("the summary has no measure \"" + m + "\"");
  return t.value(row, m);
}

}  // namespace

const char* to_string(SiteObjective o) {
  switch (o) {
    case SiteObjective::Unserved: return "unserved";
    case SiteObjective::Travel: return "travel";
    case SiteObjective::Wait: return "wait";
    case SiteObjective::CoverageWithin: return "coverage_within";
    case SiteObjective::EdVisits: return "ed_visits";
  }
  return "?";
}

std::vector<std::string> site_care_types(const std::vector<CareType>& care_types, SiteKind kind) {
  std::vector<std::string> out;
  for (const auto& ct : care_types)
    if (!ct.residents && uses(ct, kind) && (kind != SiteKind::Cabin || ct.remote_share > 0)) out.push_back(ct.name);
  return out;
}

std::vector<std::string> site_wait_measures(const SiteSelection& sel) {
  if (sel.care_types.empty()) return {"wait_days_mean"};
  std::vector<std::string> out;
  for (const auto& ct : sel.care_types) out.push_back("wait_days_mean." + ct);
  return out;
}

std::string objective_measure(const SiteSelection& sel) {
  switch (sel.objective) {
    case SiteObjective::Travel: return "travel_min_per_served";
    case SiteObjective::Wait: return sel.care_types.size() > 1 ? "site_wait_days_mean" : site_wait_measures(sel)[0];
    case SiteObjective::EdVisits: return "ed_visits";
    case SiteObjective::Unserved:
    case SiteObjective::CoverageWithin: return "unserved";
  }
  return "unserved";
}

SiteScreen screen_sites(const Scenario& sc) {
  if (!sc.site_selection) throw std::invalid_argument("the scenario has no site_selection");
  const SiteSelection& sel = *sc.site_selection;
  SiteScreen screen;
  const std::size_t n_communes = sc.communes.size();

  // Demand: needs a year per commune from the care types that can use such a site.
  std::vector<double> need(n_communes, 0.0);
  double reach = 0.0;
  for (const auto& ct : sc.care_types) {
    if (ct.residents || !uses(ct, sel.kind)) continue;
    const double share = sel.kind == SiteKind::Cabin ? ct.remote_share : 1.0;
    for (std::size_t c = 0; c < n_communes; ++c) need[c] += sc.communes[c].population * ct.rate * 365 * 86400.0 * share;
    reach = std::max(reach, ct.max_travel);
  }
  const double total = std::accumulate(need.begin(), need.end(), 0.0);
  if (total <= 0)
    throw std::invalid_argument(std::string("no care type can use the new sites: none has `") +
                                (sel.kind == SiteKind::Cabin ? "cabin` in its pathway with a remote_share" : "own_gp or any_gp` in its pathway"));
  const double radius = sel.objective == SiteObjective::CoverageWithin ? sel.within : reach;

  // The base's sites of that kind that stay: they already serve their surroundings.
  std::vector<std::size_t> existing;
  auto stays = [&](const std::string& id) { return std::find(sel.replaces.begin(), sel.replaces.end(), id) == sel.replaces.end(); };
  if (sel.kind == SiteKind::Cabin) {
    for (const auto& cab : sc.cabins)
      if (cab.ehpad < 0 && stays(cab.id)) existing.push_back(cab.commune);
  } else {
    for (const auto& p : sc.practices)
      if (p.new_patients && stays(p.id)) existing.push_back(p.commune);
  }

  // Candidates in one commune are the same to a distance-based screen: one stands for them,
  // by a stated rule (docs/scenario.md): the host earliest in prefer_hosts (unlisted hosts
  // after), then the lowest annual cost, then the first listed, whose equals by host and cost
  // are named as its alternates.
  auto host_rank = [&](const SiteCandidate& c) {
    const auto it = std::find(sel.prefer_hosts.begin(), sel.prefer_hosts.end(), c.host);
    return static_cast<std::size_t>(it - sel.prefer_hosts.begin());
  };
  std::vector<std::size_t> order(sel.candidates.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = sel.candidates[a];
    const auto& y = sel.candidates[b];
    return std::make_tuple(x.commune, host_rank(x), sel.annual_cost(x)) < std::make_tuple(y.commune, host_rank(y), sel.annual_cost(y));
  });
  std::vector<std::size_t> site_of;  // problem candidate -> candidate index
  screen.alternates.assign(sel.candidates.size(), {});
  std::size_t by_host = 0, by_cost = 0, equal = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& c = sel.candidates[order[i]];
    if (i == 0 || c.commune != sel.candidates[site_of.back()].commune) {
      site_of.push_back(order[i]);
      continue;
    }
    const auto& kept = sel.candidates[site_of.back()];
    if (host_rank(c) != host_rank(kept)) ++by_host;
    else if (sel.annual_cost(c) != sel.annual_cost(kept)) ++by_cost;
    else ++equal, screen.alternates[site_of.back()].push_back(order[i]), screen.alternates[order[i]].push_back(site_of.back());
  }
  std::sort(site_of.begin(), site_of.end());  // the problem in the candidates' order
  if (by_host > 0) screen.notes.push_back({ScreenNote::Kind::AsideForHost, double(by_host)});
  if (by_cost > 0) screen.notes.push_back({ScreenNote::Kind::AsideForCost, double(by_cost)});
  if (equal > 0) {
    ScreenNote n{ScreenNote::Kind::TieInCommune, double(equal)};
    n.by_hosts = !sel.prefer_hosts.empty();
    screen.notes.push_back(n);
  }
  if (sel.open > static_cast<int>(site_of.size()))
    throw std::invalid_argument("site_selection.open: " + std::to_string(sel.open) + " sites asked but the candidates are in " +
                                std::to_string(site_of.size()) + " distinct communes; a distance-based screen opens at most one "
                                "site per commune");

  // Travel to the nearest remaining site, and from each commune to each candidate: only
  // within the radius matters (beyond it a commune counts at the radius), so Dijkstra runs
  // stop there and nothing is cached (France: thousands of sources).
  std::vector<double> nearest(n_communes, std::numeric_limits<double>::infinity());
  for (auto e : existing)  // travel is symmetric on this graph
    for (const auto& [c, trip] : sc.roads->trips_within(e, radius)) nearest[c] = std::min(nearest[c], trip.seconds);
  LocationProblem median;  // weights: all the need; cost: travel, capped by the radius
  median.open = sel.open;
  median.budget = sel.budget;
  for (auto k : site_of) median.price.push_back(sel.annual_cost(sel.candidates[k]));
  median.weight = need;
  median.arcs.assign(n_communes, {});
  median.fallback.resize(n_communes);
  for (std::size_t c = 0; c < n_communes; ++c) median.fallback[c] = std::min(radius, nearest[c]);
  for (std::size_t s = 0; s < site_of.size(); ++s)
    for (const auto& [c, trip] : sc.roads->trips_within(sel.candidates[site_of[s]].commune, radius))
      median.arcs[c].emplace_back(s, trip.seconds);
  LocationProblem covering_problem = median;  // weights: the need not yet within the radius
  double already = 0.0;
  for (std::size_t c = 0; c < n_communes; ++c)
    if (nearest[c] <= radius) already += need[c], covering_problem.weight[c] = 0.0;

  const int k = std::max(1, sel.options);
  bool covering = sel.objective == SiteObjective::Unserved || sel.objective == SiteObjective::CoverageWithin;
  // Each model breaks its ties by the other: of two sets covering the same need, the one
  // with less travel comes first (and the reverse), not whichever the solver met first.
  const LocationTieBreak by_travel{&median, LocationModel::PMedian}, by_coverage{&covering_problem, LocationModel::MaximalCovering};
  std::vector<LocationSolution> found;  // the primary model's k best
  if (covering) {
    // When two options both leave no need beyond reach, they tie, and so may many more:
    // the covering model cannot rank them, so travel (the p-median) does.
    const double open_need = std::accumulate(covering_problem.weight.begin(), covering_problem.weight.end(), 0.0);
    found = solve_location(covering_problem, LocationModel::MaximalCovering, std::max(k, 2), sel.solver, by_travel);
    if (found.size() >= 2 && found[1].optimal && found[1].value >= open_need * (1 - 1e-12)) {
      covering = false;
      found.clear();
      screen.notes.push_back({ScreenNote::Kind::CoverageCannotRank, 0, radius / kMinute});
    }
  }
  screen.model = covering ? LocationModel::MaximalCovering : LocationModel::PMedian;
  const LocationProblem& prob = covering ? covering_problem : median;
  const LocationProblem& other_prob = covering ? median : covering_problem;
  screen.radius_minutes = radius / kMinute;
  if (sel.objective == SiteObjective::Wait || sel.objective == SiteObjective::EdVisits) {
    ScreenNote n{ScreenNote::Kind::NoStaticCounterpart};
    n.objective = sel.objective;
    screen.notes.push_back(n);
  }
  if (sel.objective == SiteObjective::Unserved) screen.notes.push_back({ScreenNote::Kind::UnservedWithin, 0, radius / kMinute});

  // The primary model's k-1 best, then the other model's best set not among them: two views
  // of the map for the simulation to judge. When a set is best for both models, the other
  // model's next best joins (not the primary's k-th, often a near-tie that adds nothing).
  if (covering) found.resize(std::min(found.size(), static_cast<std::size_t>(k)));  // the k best come first
  else found = solve_location(prob, screen.model, k, sel.solver, by_coverage);
  const LocationModel other = covering ? LocationModel::PMedian : LocationModel::MaximalCovering;
  std::vector<std::pair<LocationSolution, std::string>> chosen;
  const char* primary_name = covering ? "MCLP" : "p-median";
  const char* other_name = covering ? "p-median" : "MCLP";
  for (std::size_t i = 0; i < found.size() && (k == 1 || static_cast<int>(i) < k - 1); ++i) chosen.emplace_back(found[i], primary_name);
  if (k > 1 && !found.empty()) {
    std::vector<std::vector<std::size_t>> taken;
    for (const auto& c : chosen) taken.push_back(c.first.open);
    const auto alt = solve_location(other_prob, other, 1, sel.solver, covering ? by_coverage : by_travel, taken);
    if (!alt.empty()) chosen.emplace_back(alt[0], other_name);
    else if (found.size() >= static_cast<std::size_t>(k)) chosen.emplace_back(found[static_cast<std::size_t>(k) - 1], primary_name);
  }
  auto coverage_share = [&](const std::vector<std::size_t>& open) {
    return (already + location_value(covering_problem, LocationModel::MaximalCovering, open)) / total;
  };
  auto mean_travel = [&](const std::vector<std::size_t>& open) {
    return location_value(median, LocationModel::PMedian, open) / total / kMinute;
  };
  // Everything in the primary model's terms, best first (ties by the other model).
  for (auto& [s, by] : chosen) {
    std::string how = std::string(by) + ", " + s.method;
    if (!s.optimal) {
      const double g = s.gap();
      how += std::isfinite(g) ? ", gap <= " + fmt(100 * g, 2) + "%" : ", gap unknown (too large for the LP bound)";
    }
    SiteOption o;
    for (auto j : s.open) o.sites.push_back(site_of[j]);
    for (auto j : o.sites) o.annual_cost += sel.annual_cost(sel.candidates[j]);
    o.analytic_value = covering ? coverage_share(s.open) : mean_travel(s.open);
    o.other_value = covering ? mean_travel(s.open) : coverage_share(s.open);
    o.found_by = how;
    screen.options.push_back(std::move(o));
  }
  std::stable_sort(screen.options.begin(), screen.options.end(), [&](const SiteOption& a, const SiteOption& b) {
    if (a.analytic_value != b.analytic_value) return covering ? a.analytic_value > b.analytic_value : a.analytic_value < b.analytic_value;
    return covering ? a.other_value < b.other_value : a.other_value > b.other_value;
  });
  for (std::size_t i = 0; i < screen.options.size(); ++i) {
    screen.options[i].analytic_rank = static_cast<int>(i) + 1;
    screen.options[i].name = "option-" + std::to_string(i + 1);
  }
  return screen;
}

double objective_of(const SiteSelection& sel, const ResultTable& summary, const ResultTable::Row& row) {
  return measure_of(sel, summary, row, objective_measure(sel));
}

ResultTable rank_options(const SiteSelection& sel, const SiteScreen& screen, const ResultTable& summary) {
  const std::string m = objective_measure(sel);
  // Per plan, the replications' values in replication order.
  std::vector<std::string> plans;
  std::map<std::string, std::map<std::string, std::vector<double>>> values;  // plan -> measure -> reps
  // The wait of each care type the sites serve, not the mean over every care type.
  std::vector<std::string> shown{m, "unserved"};
  for (const auto& w : site_wait_measures(sel)) shown.push_back(w);
  shown.insert(shown.end(), {"travel_km", "travel_min_per_served"});
  const std::set<std::string> measures(shown.begin(), shown.end());  // the objective is among the others
  for (const auto& row : summary.rows) {
    const std::string& plan = row.keys.at(0);
    if (!values.count(plan)) plans.push_back(plan);
    for (const auto& s : measures) values[plan][s].push_back(measure_of(sel, summary, row, s));
  }
  auto mean = [&](const std::string& plan) { return confidence_interval(values[plan][m]).mean; };
  // Every objective measure is better lower.
  std::stable_sort(plans.begin(), plans.end(), [&](const std::string& a, const std::string& b) { return mean(a) < mean(b); });

  ResultTable t;
  t.key_columns = {"option", "found_by"};
  t.value_columns = {"rank", "analytic_rank", "analytic_value", "sites", "annual_cost", "objective", "objective_low", "objective_high"};
  for (std::size_t i = 1; i < shown.size(); ++i)
    for (const char* suffix : {"", "_low", "_high"}) t.value_columns.push_back(shown[i] + suffix);
  for (const char* c : {"diff_to_winner", "diff_low", "diff_high", "replications"}) t.value_columns.push_back(c);

  const std::string& winner = plans.front();
  for (std::size_t r = 0; r < plans.size(); ++r) {
    const std::string& plan = plans[r];
    const auto it = std::find_if(screen.options.begin(), screen.options.end(), [&](const SiteOption& o) { return o.name == plan; });
    const bool option = it != screen.options.end();
    ResultTable::Row row;
    row.keys = {plan, option ? it->found_by : (sel.replaces.empty() ? "the scenario as it is (no new site)" : "the scenario as it is (its current sites)")};
    const double nan = std::nan("");
    row.values = {static_cast<double>(r + 1), option ? double(it->analytic_rank) : nan, option ? it->analytic_value : nan,
                  option ? double(it->sites.size()) : nan, option ? it->annual_cost : nan};
    const auto ci = confidence_interval(values[plan][m]);
    row.values.insert(row.values.end(), {ci.mean, ci.low(), ci.high()});
    for (std::size_t i = 1; i < shown.size(); ++i) {
      const auto c = confidence_interval(values[plan][shown[i]]);
      row.values.insert(row.values.end(), {c.mean, c.low(), c.high()});
    }
    const auto d = paired_difference(values[plan][m], values[winner][m]);
    row.values.insert(row.values.end(), {d.mean, d.low(), d.high(), double(values[plan][m].size())});
    t.rows.push_back(std::move(row));
  }
  return t;
}

SelectionVerdict selection_verdict(const SiteSelection& sel, const SiteScreen& screen, const ResultTable& ranking) {
  SelectionVerdict out;
  out.measure = objective_measure(sel);
  if (ranking.rows.empty()) return out;
  auto v = [&](const ResultTable::Row& r, const char* c) { return ranking.value(r, c); };
  const auto& first = ranking.rows[0];
  out.winner = first.keys[0];
  out.mean = v(first, "objective"), out.low = v(first, "objective_low"), out.high = v(first, "objective_high");
  if (ranking.rows.size() > 1) {
    const auto& second = ranking.rows[1];
    out.second = second.keys[0];
    const double d = v(second, "diff_to_winner"), lo = v(second, "diff_low"), hi = v(second, "diff_high");
    out.diff = d, out.diff_low = lo, out.diff_high = hi, out.replications = v(second, "replications");
    if (d == 0 && lo == 0 && hi == 0) {
      out.tie = true;
      return out;
    }
    if (!(lo > 0) && !(sel.equivalent_within > 0)) {  // the sequential ranking says it in its decision
      // The half-width shrinks as 1/sqrt(n): how many replications would separate them, if
      // the difference is what it seems (a guide, not a promise).
      out.not_sure = true;
      const double n = out.replications, half = (hi - lo) / 2;
      out.replications_needed = d > 0 && n >= 2 && std::isfinite(half) ? std::ceil(n * (half / d) * (half / d)) : std::nan("");
    }
  }
  out.no_option_better = std::isnan(v(first, "analytic_rank"));
  // The screen's first choice against the simulation.
  const auto top = std::find_if(ranking.rows.begin(), ranking.rows.end(), [&](const ResultTable::Row& r) { return v(r, "analytic_rank") == 1.0; });
  if (top != ranking.rows.end()) {
    out.screen_first = top->keys[0];
    out.screen_rank = static_cast<int>(v(*top, "rank"));
    out.screen_diff = v(*top, "diff_to_winner"), out.screen_low = v(*top, "diff_low"), out.screen_high = v(*top, "diff_high");
    const bool first_option = std::all_of(ranking.rows.begin(), top, [&](const ResultTable::Row& r) { return std::isnan(v(r, "analytic_rank")); });
    out.screen = first_option ? SelectionVerdict::Screen::Confirmed
                 : out.screen_low > 0 ? SelectionVerdict::Screen::Overturned
                                      : SelectionVerdict::Screen::NotOverturned;
  }
  out.notes = screen.notes;
  return out;
}

ResultTable option_sites(const Scenario& sc, const SiteScreen& screen) {
  ResultTable t;
  t.key_columns = {"option", "id", "insee", "commune", "host", "name", "alternates"};
  t.value_columns = {"lat", "lon", "annual_cost"};
  const SiteSelection& sel = *sc.site_selection;
  for (const auto& o : screen.options)
    for (auto k : o.sites) {
      const auto& c = sel.candidates[k];
      const Commune& commune = sc.communes[c.commune];
      std::string alternates;
      if (k < screen.alternates.size())
        for (auto a : screen.alternates[k]) alternates += (alternates.empty() ? "" : " ") + sel.candidates[a].id;
      t.rows.push_back({{o.name, c.id, commune.insee, commune.name, c.host, c.name, alternates},
                        {c.lat.value_or(commune.lat), c.lon.value_or(commune.lon), sel.annual_cost(c)}});
    }
  return t;
}

}  // namespace maillage
