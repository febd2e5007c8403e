#include "models/road_calibration.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

namespace maillage {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/** The trip of every observed pair in a graph: one bounded-free Dijkstra per source. */
std::vector<Trip> trips_of(const RoadGraph& g, const std::vector<ObservedTrip>& obs) {
  std::vector<Trip> out(obs.size(), Trip{kInf, kInf});
  std::vector<Trip> row(g.size(), Trip{kInf, kInf});
  for (std::size_t i = 0; i < obs.size();) {
    std::size_t j = i;
    const auto reached = g.trips_within(obs[i].from, kInf);
    for (const auto& [c, t] : reached) row[c] = t;
    for (; j < obs.size() && obs[j].from == obs[i].from; ++j) out[j] = obs[j].to == obs[i].from ? Trip{} : row[obs[j].to];
    for (const auto& [c, t] : reached) row[c] = Trip{kInf, kInf};
    i = j;
  }
  return out;
}

FitErrors errors(const std::vector<double>& model, const std::vector<double>& observed) {
  std::vector<double> e;
  for (std::size_t i = 0; i < model.size(); ++i)
    if (observed[i] > 0 && !std::isnan(observed[i])) e.push_back(std::fabs(model[i] - observed[i]) / observed[i]);
  FitErrors f;
  f.pairs = e.size();
  if (e.empty()) return f;
  std::sort(e.begin(), e.end());
  auto q = [&](double p) {  // linear interpolation between order statistics
    const double x = p * static_cast<double>(e.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(x));
    return e[lo] + (x - static_cast<double>(lo)) * (e[std::min(lo + 1, e.size() - 1)] - e[lo]);
  };
  f.median = q(0.5), f.p90 = q(0.9);
  return f;
}

/** Solves A x = b (Gaussian elimination, partial pivoting); false when singular. */
bool solve(std::vector<std::vector<double>> a, std::vector<double> b, std::vector<double>& x) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[p][c])) p = r;
    if (std::fabs(a[p][c]) < 1e-12 * (1 + std::fabs(a[c][c]))) return false;
    std::swap(a[p], a[c]), std::swap(b[p], b[c]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  x.assign(n, 0);
  for (std::size_t c = n; c-- > 0;) {
    double s = b[c];
    for (std::size_t k = c + 1; k < n; ++k) s -= a[c][k] * x[k];
    x[c] = s / a[c][c];
  }
  return true;
}

/** Detour by least squares on the km's relative error: d = sum(g/k) / sum((g/k)^2). */
double fit_detour(const std::vector<double>& straight_m, const std::vector<ObservedTrip>& obs,
                  const std::vector<std::size_t>& use, double fallback) {
  double num = 0, den = 0;
  for (std::size_t i : use)
    if (obs[i].metres > 0) {
      const double r = straight_m[i] / obs[i].metres;
      num += r, den += r * r;
    }
  return den > 0 ? std::clamp(num / den, 1.0, 10.0) : fallback;
}

/** The speed curve fitted to trips of `road_m` metres taking `seconds`: minutes = access +
 *  sum over bands of km in the band x minutes per km, weighted least squares on the
 *  relative error. Bands are grouped (sharing one speed) until every group has data and a
 *  positive, finite speed, and the access is not negative. */
SpeedCurve fit_curve(const std::vector<double>& starts, const std::vector<double>& road_m, const std::vector<double>& seconds,
                     const std::vector<std::size_t>& use) {
  SpeedCurve shape;
  for (double s : starts) shape.bands.emplace_back(s, 1.0);
  std::vector<std::vector<double>> km(use.size());
  for (std::size_t r = 0; r < use.size(); ++r) {
    km[r] = shape.stretches(road_m[use[r]]);
    for (double& x : km[r]) x /= 1000;
  }
  const std::size_t nb = starts.size();
  std::vector<std::size_t> group(nb);  // band -> group: the first band of its group
  for (std::size_t b = 0; b < nb; ++b) {
    std::size_t reach = 0;
    for (const auto& row : km) reach += row[b] > 0;
    group[b] = (b > 0 && reach < 3) ? group[b - 1] : b;  // fewer than 3 trips reach it
  }
  bool with_access = true;
  std::vector<double> pace(nb, 1.0);  // minutes per km, by band
  double access = 0;
  for (int round = 0; round < 2 * static_cast<int>(nb) + 2; ++round) {
    std::vector<std::size_t> firsts;
    for (std::size_t b = 0; b < nb; ++b)
      if (group[b] == b) firsts.push_back(b);
    const std::size_t off = with_access ? 1 : 0, n = off + firsts.size();
    std::vector<std::vector<double>> a(n, std::vector<double>(n, 0));
    std::vector<double> rhs(n, 0), x;
    for (std::size_t r = 0; r < use.size(); ++r) {
      const double t = seconds[use[r]] / 60, w = 1 / (t * t);
      std::vector<double> row(n, 0);
      if (with_access) row[0] = 1;
      for (std::size_t b = 0; b < nb; ++b)
        row[off + static_cast<std::size_t>(std::find(firsts.begin(), firsts.end(), group[b]) - firsts.begin())] += km[r][b];
      for (std::size_t i = 0; i < n; ++i) {
        rhs[i] += w * row[i] * t;
        for (std::size_t j = 0; j < n; ++j) a[i][j] += w * row[i] * row[j];
      }
    }
    if (!solve(a, rhs, x)) {  // not enough variety: one speed for all
      std::fill(group.begin(), group.end(), 0);
      if (firsts.size() == 1) with_access = false;
      continue;
    }
    if (with_access && x[0] < 0) {
      with_access = false;
      continue;
    }
    access = with_access ? x[0] : 0;
    // The first group whose speed is not positive or beyond 250 km/h joins the one before.
    std::size_t bad = nb;
    for (std::size_t g = 0; g < firsts.size(); ++g)
      if (!(x[off + g] > 60.0 / 250)) bad = firsts[g];
    if (bad == nb) {
      for (std::size_t b = 0; b < nb; ++b)
        pace[b] = x[off + static_cast<std::size_t>(std::find(firsts.begin(), firsts.end(), group[b]) - firsts.begin())];
      break;
    }
    const std::size_t into = bad == 0 ? firsts.at(std::min<std::size_t>(1, firsts.size() - 1)) : group[bad - 1];
    for (auto& g : group)
      if (g == bad || g == into) g = std::min(bad, into);
  }
  SpeedCurve c;
  c.access_s = access * 60;
  for (std::size_t b = 0; b < nb; ++b)
    if (group[b] == b) c.bands.emplace_back(starts[b], 1000 / (60 * pace[b]));  // one band per group
  return c;
}

}  // namespace

std::vector<double> default_band_starts_m() { return {0, 5000, 15000, 40000, 100000}; }

RoadCalibration calibrate_roads(const std::vector<Commune>& communes, const RoadGraph& current, const KnnRoads& start,
                                std::vector<ObservedTrip> observed, int folds) {
  if (folds < 2) throw std::invalid_argument("calibration needs at least 2 folds");
  std::sort(observed.begin(), observed.end(),
            [](const ObservedTrip& a, const ObservedTrip& b) { return std::tie(a.from, a.to) < std::tie(b.from, b.to); });
  // Straight-line shortest paths of the knn graph (detour 1): the road km are detour x these.
  const RoadGraph straight = RoadGraph::knn(communes, start.k, 1.0, 1.0);
  std::vector<Trip> base = trips_of(straight, observed), now = trips_of(current, observed);
  RoadCalibration cal;
  std::vector<ObservedTrip> obs;
  std::vector<double> g, before_s, before_m;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (!(observed[i].seconds > 0) || !std::isfinite(base[i].metres) || observed[i].from == observed[i].to) {
      ++cal.left_out;
      continue;
    }
    obs.push_back(observed[i]), g.push_back(base[i].metres), before_s.push_back(now[i].seconds), before_m.push_back(now[i].metres);
  }
  if (obs.size() < 2 * static_cast<std::size_t>(folds))
    throw std::invalid_argument("calibration needs at least " + std::to_string(2 * folds) + " usable pairs, got " +
                                std::to_string(obs.size()));
  std::vector<double> seconds(obs.size()), metres(obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) seconds[i] = obs[i].seconds, metres[i] = obs[i].metres;
  const std::vector<double> starts = [&] {
    std::vector<double> s;
    if (start.curve)
      for (const auto& b : start.curve->bands) s.push_back(b.first);
    return s.empty() ? default_band_starts_m() : s;
  }();

  // Fits on some pairs; returns the model's (seconds, metres) for every pair.
  auto fit = [&](const std::vector<std::size_t>& use, KnnRoads& model) {
    model = start;
    model.detour = fit_detour(g, obs, use, start.detour);
    std::vector<double> road(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) road[i] = model.detour * g[i];
    model.curve = fit_curve(starts, road, seconds, use);
    std::vector<double> s(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) s[i] = model.curve->seconds(road[i]);
    return std::pair{s, road};
  };
  std::vector<std::size_t> all(obs.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto [fitted_s, fitted_m] = fit(all, cal.fitted);
  std::vector<double> held_s(obs.size());
  for (int f = 0; f < folds; ++f) {
    std::vector<std::size_t> train;
    for (std::size_t i = 0; i < obs.size(); ++i)
      if (static_cast<int>(i % static_cast<std::size_t>(folds)) != f) train.push_back(i);
    KnnRoads m;
    const auto predicted = fit(train, m).first;
    for (std::size_t i = static_cast<std::size_t>(f); i < obs.size(); i += static_cast<std::size_t>(folds)) held_s[i] = predicted[i];
  }
  cal.folds = folds;
  cal.before = errors(before_s, seconds);
  cal.after = errors(fitted_s, seconds);
  cal.held_out = errors(held_s, seconds);
  cal.km_before = errors(before_m, metres);
  cal.km_after = errors(fitted_m, metres);
  return cal;
}

}  // namespace maillage
