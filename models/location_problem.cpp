#include "models/location_problem.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace maillage {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/** Both models as one: a p-median whose covering arcs cost 0 and whose fallback is 1, so
 *  that MCLP's covered weight is the total weight minus the p-median cost. */
struct Costs {
  std::vector<double> weight, fallback;
  std::vector<std::vector<std::pair<std::size_t, double>>> arcs;  ///< only arcs that beat the fallback
};

Costs costs_of(const LocationProblem& p, LocationModel model) {
  Costs c;
  c.weight = p.weight;
  c.arcs.resize(p.weight.size());
  c.fallback.resize(p.weight.size());
  for (std::size_t i = 0; i < p.weight.size(); ++i) {
    c.fallback[i] = model == LocationModel::MaximalCovering ? 1.0 : p.fallback.at(i);
    for (const auto& [j, d] : p.arcs[i]) {
      const double cost = model == LocationModel::MaximalCovering ? 0.0 : d;
      if (cost < c.fallback[i]) c.arcs[i].emplace_back(j, cost);
    }
  }
  return c;
}

double weighted_cost(const Costs& c, const std::vector<char>& is_open) {
  double total = 0.0;
  for (std::size_t i = 0; i < c.weight.size(); ++i) {
    double best = c.fallback[i];
    for (const auto& [j, d] : c.arcs[i])
      if (is_open[j]) best = std::min(best, d);
    total += c.weight[i] * best;
  }
  return total;
}

double total_weight(const LocationProblem& p) { return std::accumulate(p.weight.begin(), p.weight.end(), 0.0); }

/** The model's value from the unified cost. */
double value_of(const LocationProblem& p, LocationModel model, double cost) {
  return model == LocationModel::MaximalCovering ? total_weight(p) - cost : cost;
}

std::vector<char> indicator(std::size_t n, const std::vector<std::size_t>& open) {
  std::vector<char> v(n, 0);
  for (auto j : open) v.at(j) = 1;
  return v;
}

std::vector<std::size_t> members(const std::vector<char>& is_open) {
  std::vector<std::size_t> s;
  for (std::size_t j = 0; j < is_open.size(); ++j)
    if (is_open[j]) s.push_back(j);
  return s;
}

// ---- exact: GLPK branch-and-cut -------------------------------------------------------

struct GlpkDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

/** max sum_a w_i (f_i - d_a) x_a  s.t.  sum_{a of i} x_a <= 1,  x_a <= y_j,  count, budget.
 *  With a tie-break, a second set of assignment columns for its costs, linked to the same
 *  y: its objective is used once the first's optimum is held by a row. */
class ExactModel {
public:
  ExactModel(const LocationProblem& p, const Costs& c, const Costs* tie = nullptr) : lp_(glp_create_prob()), n_(p.candidates()) {
    glp_set_obj_dir(lp_.get(), GLP_MAX);
    glp_add_cols(lp_.get(), static_cast<int>(n_));
    for (std::size_t j = 0; j < n_; ++j) glp_set_col_kind(lp_.get(), col_y(j), GLP_BV);
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0.0};
    auto row = [&](int type, double lo, double hi) {
      const int r = glp_add_rows(lp_.get(), 1);
      glp_set_row_bnds(lp_.get(), r, type, lo, hi);
      return r;
    };
    auto coef = [&](int r, int col, double v) { ia.push_back(r), ja.push_back(col), ar.push_back(v); };
    {  // the count, or without one at least a site: opening nothing is no option
      const int r = p.open > 0 ? row(GLP_FX, p.open, p.open) : row(GLP_LO, 1.0, 0.0);
      for (std::size_t j = 0; j < n_; ++j) coef(r, col_y(j), 1.0);
    }
    if (std::isfinite(p.budget)) {
      const int r = row(GLP_UP, 0.0, p.budget);
      for (std::size_t j = 0; j < n_; ++j) coef(r, col_y(j), p.price[j]);
    }
    auto assignments = [&](const Costs& costs, std::vector<std::pair<int, double>>& objective) {
      for (std::size_t i = 0; i < costs.weight.size(); ++i) {
        if (costs.arcs[i].empty() || costs.weight[i] <= 0) continue;
        const int one = row(GLP_UP, 0.0, 1.0);
        for (const auto& [j, d] : costs.arcs[i]) {
          const int x = glp_add_cols(lp_.get(), 1);
          glp_set_col_bnds(lp_.get(), x, GLP_DB, 0.0, 1.0);
          objective.emplace_back(x, costs.weight[i] * (costs.fallback[i] - d));
          coef(one, x, 1.0);
          const int link = row(GLP_UP, 0.0, 0.0);
          coef(link, x, 1.0);
          coef(link, col_y(j), -1.0);
        }
      }
    };
    assignments(c, objective_[0]);
    if (tie) assignments(*tie, objective_[1]);
    glp_load_matrix(lp_.get(), static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());
    use(0);
  }

  /** The best set not excluded yet, or nothing; `bound` the best bound on its savings. With
   *  a tie-break, among the sets within 1e-7 of that best, the best by the tie-break. */
  bool solve(double time_limit_s, std::vector<std::size_t>& open, double& savings, double& bound, bool& optimal) {
    if (!solve_once(time_limit_s, open, savings, bound, optimal)) return false;
    if (objective_[1].empty()) return true;
    // Hold the first objective at its optimum (less rounding), then maximise the second.
    const int held = glp_add_rows(lp_.get(), 1);
    glp_set_row_bnds(lp_.get(), held, GLP_LO, savings - 1e-7 * std::max(1.0, std::abs(savings)), 0.0);
    std::vector<int> cols{0};
    std::vector<double> vals{0.0};
    for (const auto& [col, v] : objective_[0]) cols.push_back(col), vals.push_back(v);
    glp_set_mat_row(lp_.get(), held, static_cast<int>(cols.size() - 1), cols.data(), vals.data());
    use(1);
    std::vector<std::size_t> tied;
    double s2 = 0, b2 = 0;
    bool o2 = false;
    if (solve_once(time_limit_s, tied, s2, b2, o2)) open = tied;  // else the first solve's set stands
    use(0);
    const int rows[] = {0, held};
    glp_del_rows(lp_.get(), 1, rows);
    return true;
  }

  /** The LP relaxation's bound on the savings, or +inf when it cannot be had in time. */
  double relaxation_bound(double time_limit_s) {
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = static_cast<int>(std::min(time_limit_s * 1000.0, 2e9));
    if (glp_simplex(lp_.get(), &parm) != 0 || glp_get_status(lp_.get()) != GLP_OPT) return kInf;
    return glp_get_obj_val(lp_.get());
  }

  /** No-good cut: at least one of `open` closes. Its supersets go too: with a count they
   *  are infeasible, under a budget they add sites without doing better (a better one
   *  would have come first). */
  void exclude(const std::vector<std::size_t>& open) {
    const int r = glp_add_rows(lp_.get(), 1);
    glp_set_row_bnds(lp_.get(), r, GLP_UP, 0.0, static_cast<double>(open.size()) - 1.0);
    std::vector<int> cols{0};
    std::vector<double> vals{0.0};
    for (auto j : open) cols.push_back(col_y(j)), vals.push_back(1.0);
    glp_set_mat_row(lp_.get(), r, static_cast<int>(open.size()), cols.data(), vals.data());
  }

private:
  static int col_y(std::size_t j) { return static_cast<int>(j) + 1; }
  static void callback(glp_tree* tree, void* info) {
    // Keep the best bound of the open nodes: what is left when the time limit stops the search.
    const int node = glp_ios_best_node(tree);
    if (node) *static_cast<double*>(info) = glp_ios_node_bound(tree, node);
  }
  /** Which objective the solver maximises: 0 the model's, 1 the tie-break's. */
  void use(int which) {
    for (int o = 0; o < 2; ++o)
      for (const auto& [col, v] : objective_[o]) glp_set_obj_coef(lp_.get(), col, o == which ? v : 0.0);
  }
  bool solve_once(double time_limit_s, std::vector<std::size_t>& open, double& savings, double& bound, bool& optimal) {
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = static_cast<int>(std::min(time_limit_s * 1000.0, 2e9));
    parm.cb_func = &ExactModel::callback;
    parm.cb_info = &bound_;
    bound_ = kInf;
    const int rc = glp_intopt(lp_.get(), &parm);
    const int status = glp_mip_status(lp_.get());
    if (status != GLP_OPT && status != GLP_FEAS) return false;
    if (rc != 0 && rc != GLP_ETMLIM) return false;
    open.clear();
    for (std::size_t j = 0; j < n_; ++j)
      if (glp_mip_col_val(lp_.get(), col_y(j)) > 0.5) open.push_back(j);
    savings = glp_mip_obj_val(lp_.get());
    optimal = status == GLP_OPT;
    bound = optimal ? savings : std::max(savings, bound_);
    return true;
  }
  std::unique_ptr<glp_prob, GlpkDeleter> lp_;
  std::size_t n_;
  std::vector<std::pair<int, double>> objective_[2];  ///< (column, coefficient) per objective
  double bound_ = kInf;
};

// ---- heuristic: greedy, then vertex substitution -------------------------------------

class Interchange {
public:
  Interchange(const LocationProblem& p, const Costs& c) : p_(p), c_(c), by_site_(p.candidates()) {
    for (std::size_t i = 0; i < c.arcs.size(); ++i)
      for (const auto& [j, d] : c.arcs[i]) by_site_[j].emplace_back(i, d);
  }

  /** Greedy by gain (per unit of price under a budget), then best swaps until none helps. */
  std::vector<char> local_optimum() {
    std::vector<char> open(p_.candidates(), 0);
    double spent = 0.0;
    int count = 0;
    for (;;) {
      if (p_.open > 0 && count == p_.open) break;
      const auto cur = assignment(open);
      std::size_t best = p_.candidates();
      double best_score = p_.open > 0 ? -kInf : 0.0;  // without a count, only adds that help
      for (std::size_t k = 0; k < p_.candidates(); ++k) {
        if (open[k] || spent + p_.price[k] > p_.budget) continue;
        double gain = 0.0;
        for (const auto& [i, d] : by_site_[k]) gain += c_.weight[i] * std::max(0.0, cur.c1[i] - d);
        const double score = std::isfinite(p_.budget) && p_.price[k] > 0 ? gain / p_.price[k] : gain;
        if (score > best_score) best_score = score, best = k;
      }
      if (best == p_.candidates()) break;
      open[best] = 1, spent += p_.price[best], ++count;
    }
    if (p_.open > 0 && count < p_.open) throw std::invalid_argument("no set of candidates fits the count and the budget");
    // Swaps that gain less than this (relative to the greedy cost) are rounding, not gains.
    const double tolerance = 1e-9 * std::max(1.0, weighted_cost(c_, open));
    for (;;) {
      const auto moves = swaps(open, 1);
      if (moves.empty() || moves.front().delta >= -tolerance) break;
      apply(open, moves.front());
    }
    return open;
  }

  struct Swap {
    double delta;              ///< change of the weighted cost
    std::size_t out, in;       ///< out == n: a pure addition
  };

  /** The `limit` best feasible single swaps (and additions, without a count), best first. */
  std::vector<Swap> swaps(const std::vector<char>& open, std::size_t limit) const {
    const std::size_t n = p_.candidates();
    const auto cur = assignment(open);
    double spent = 0.0;
    std::vector<std::size_t> in_set;
    std::vector<int> slot(n, -1);
    for (std::size_t j = 0; j < n; ++j)
      if (open[j]) slot[j] = static_cast<int>(in_set.size()), in_set.push_back(j), spent += p_.price[j];
    // cost change = loss(out) - gain(in) + extra(out, in)   (see the header's reference)
    std::vector<double> loss(in_set.size(), 0.0), gain(n, 0.0), extra(in_set.size() * n, 0.0);
    for (std::size_t i = 0; i < c_.weight.size(); ++i)
      if (cur.b[i] < n) loss[static_cast<std::size_t>(slot[cur.b[i]])] += c_.weight[i] * (cur.c2[i] - cur.c1[i]);
    for (std::size_t k = 0; k < n; ++k) {
      if (open[k]) continue;
      for (const auto& [i, d] : by_site_[k]) {
        gain[k] += c_.weight[i] * std::max(0.0, cur.c1[i] - d);
        if (cur.b[i] < n)
          extra[static_cast<std::size_t>(slot[cur.b[i]]) * n + k] +=
              c_.weight[i] * (std::min(d, cur.c2[i]) - cur.c2[i] + std::max(0.0, cur.c1[i] - d));
      }
    }
    std::vector<Swap> out;
    for (std::size_t k = 0; k < n; ++k) {
      if (open[k]) continue;
      if (p_.open <= 0 && spent + p_.price[k] <= p_.budget) out.push_back({-gain[k], n, k});
      for (std::size_t s = 0; s < in_set.size(); ++s)
        if (spent - p_.price[in_set[s]] + p_.price[k] <= p_.budget)
          out.push_back({loss[s] - gain[k] + extra[s * n + k], in_set[s], k});
    }
    const auto better = [](const Swap& a, const Swap& b) { return std::tie(a.delta, a.out, a.in) < std::tie(b.delta, b.out, b.in); };
    limit = std::min(limit, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(limit), out.end(), better);
    out.resize(limit);
    return out;
  }

  void apply(std::vector<char>& open, const Swap& s) const {
    if (s.out < open.size()) open[s.out] = 0;
    open[s.in] = 1;
  }

private:
  struct Assignment {
    std::vector<double> c1, c2;  ///< best and second-best cost (fallback included)
    std::vector<std::size_t> b;  ///< the open site giving c1; n when the fallback does
  };
  Assignment assignment(const std::vector<char>& open) const {
    const std::size_t n = p_.candidates();
    Assignment a{c_.fallback, c_.fallback, std::vector<std::size_t>(c_.weight.size(), n)};
    for (std::size_t i = 0; i < c_.weight.size(); ++i)
      for (const auto& [j, d] : c_.arcs[i]) {
        if (!open[j]) continue;
        if (d < a.c1[i] || (d == a.c1[i] && a.b[i] == n)) a.c2[i] = a.c1[i], a.c1[i] = d, a.b[i] = j;
        else if (d < a.c2[i]) a.c2[i] = d;
      }
    return a;
  }
  const LocationProblem& p_;
  const Costs& c_;
  std::vector<std::vector<std::pair<std::size_t, double>>> by_site_;
};

/** A lower bound on the weighted cost with exactly `open` sites: the Lagrangian relaxation
 *  of the assignment constraints, maximised by subgradient steps (Beasley 1993). Each step
 *  costs one pass over the arcs, so it bounds instances far beyond the LP's reach. */
double lagrangian_bound(const Costs& c, std::size_t candidates, int open, double upper, int iterations = 400) {
  const std::size_t m = c.weight.size();
  std::vector<double> lambda(m), rho(candidates), g(m);
  for (std::size_t i = 0; i < m; ++i) lambda[i] = c.weight[i] * c.fallback[i];
  std::vector<std::size_t> order(candidates);
  double best = -kInf, theta = 2.0;
  int stale = 0;
  for (int it = 0; it < iterations; ++it) {
    std::fill(rho.begin(), rho.end(), 0.0);
    for (std::size_t i = 0; i < m; ++i)
      for (const auto& [j, d] : c.arcs[i]) rho[j] += std::min(0.0, c.weight[i] * d - lambda[i]);
    std::iota(order.begin(), order.end(), std::size_t(0));
    const auto p = static_cast<std::ptrdiff_t>(std::min<std::size_t>(static_cast<std::size_t>(open), candidates));
    std::nth_element(order.begin(), order.begin() + p, order.end(),
                     [&](std::size_t a, std::size_t b) { return std::tie(rho[a], a) < std::tie(rho[b], b); });
    std::vector<char> chosen(candidates, 0);
    double value = 0.0;
    for (std::ptrdiff_t k = 0; k < p; ++k) chosen[order[static_cast<std::size_t>(k)]] = 1, value += rho[order[static_cast<std::size_t>(k)]];
    double norm = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      value += lambda[i] + std::min(0.0, c.weight[i] * c.fallback[i] - lambda[i]);
      double assigned = c.weight[i] * c.fallback[i] - lambda[i] < 0 ? 1.0 : 0.0;
      for (const auto& [j, d] : c.arcs[i])
        if (chosen[j] && c.weight[i] * d - lambda[i] < 0) assigned += 1.0;
      g[i] = 1.0 - assigned;
      norm += g[i] * g[i];
    }
    if (it == 0 || value > best + 1e-9 * std::abs(best)) best = value, stale = 0;
    else if (++stale >= 20) theta /= 2, stale = 0;
    if (norm == 0.0 || theta < 1e-4 || upper - best <= 1e-9 * std::abs(upper)) break;
    const double step = theta * (upper - value) / norm;
    for (std::size_t i = 0; i < m; ++i) lambda[i] += step * g[i];
  }
  return std::min(best, upper);
}

void check(const LocationProblem& p) {
  const std::size_t m = p.weight.size();
  if (p.arcs.size() != m || p.fallback.size() != m) throw std::invalid_argument("location problem: arcs and fallback need one entry per demand point");
  for (const auto& arcs : p.arcs)
    for (const auto& a : arcs)
      if (a.first >= p.candidates()) throw std::invalid_argument("location problem: an arc names no candidate");
  if (p.open > static_cast<int>(p.candidates()))
    throw std::invalid_argument("location problem: " + std::to_string(p.open) + " sites to open among " +
                                std::to_string(p.candidates()) + " candidates");
}

}  // namespace

double LocationSolution::gap() const {
  if (optimal || !std::isfinite(bound)) return optimal ? 0.0 : std::numeric_limits<double>::quiet_NaN();
  return std::abs(bound - value) / std::max(std::abs(value), 1e-12);
}

bool feasible(const LocationProblem& p, const std::vector<std::size_t>& open) {
  double spent = 0.0;
  for (auto j : open) spent += p.price.at(j);
  return (p.open <= 0 || static_cast<int>(open.size()) == p.open) && spent <= p.budget;
}

double location_value(const LocationProblem& p, LocationModel model, const std::vector<std::size_t>& open) {
  const Costs c = costs_of(p, model);
  return value_of(p, model, weighted_cost(c, indicator(p.candidates(), open)));
}

std::vector<LocationSolution> solve_location(const LocationProblem& p, LocationModel model, int k,
                                             const LocationOptions& options, const LocationTieBreak& tie,
                                             const std::vector<std::vector<std::size_t>>& excluded) {
  check(p);
  if (tie.problem) {
    check(*tie.problem);
    if (tie.problem->candidates() != p.candidates() || tie.problem->weight.size() != p.weight.size())
      throw std::invalid_argument("location problem: the tie-break's candidates and demand points differ");
  }
  const Costs c = costs_of(p, model);
  const Costs tie_costs = tie.problem ? costs_of(*tie.problem, tie.model) : Costs{};
  const double base = std::inner_product(c.weight.begin(), c.weight.end(), c.fallback.begin(), 0.0);
  std::size_t arcs = 0;
  for (const auto& a : c.arcs) arcs += a.size();
  for (const auto& a : tie_costs.arcs) arcs += a.size();
  // Savings (what the model maximises) to the reported value and bound.
  auto value = [&](double savings) { return value_of(p, model, base - savings); };
  auto tie_value = [&](const std::vector<std::size_t>& open) {
    return tie.problem ? location_value(*tie.problem, tie.model, open) : std::numeric_limits<double>::quiet_NaN();
  };
  // As the exact model's cuts: an excluded set, one of its supersets, or nothing open.
  auto is_excluded = [&](const std::vector<std::size_t>& open) {
    return open.empty() || std::any_of(excluded.begin(), excluded.end(), [&](std::vector<std::size_t> e) {
             std::sort(e.begin(), e.end());
             return std::includes(open.begin(), open.end(), e.begin(), e.end());
           });
  };

  std::vector<LocationSolution> out;
  if (arcs <= options.exact_arc_limit) {
    glp_term_out(GLP_OFF);
    ExactModel exact(p, c, tie.problem ? &tie_costs : nullptr);
    for (const auto& set : excluded) {
      if (set.empty()) continue;  // never a solution
      std::vector<std::size_t> sorted = set;
      std::sort(sorted.begin(), sorted.end());
      exact.exclude(sorted);
    }
    for (int n = 0; n < k; ++n) {
      LocationSolution s;
      double savings = 0, bound = 0;
      if (!exact.solve(options.time_limit_s, s.open, savings, bound, s.optimal)) break;
      // The set's own value (the tie-break may have taken a set a rounding below the optimum).
      s.value = location_value(p, model, s.open), s.bound = value(bound);
      s.tie_value = tie_value(s.open);
      s.method = s.optimal ? "exact (GLPK branch-and-cut)" : "GLPK's best at its time limit";
      exact.exclude(s.open);
      out.push_back(std::move(s));
    }
    if (!out.empty() || k <= 0) return out;
    // No incumbent in time (or none at all): the heuristic says which.
  }
  Interchange h(p, c);
  const std::vector<char> best = h.local_optimum();
  // The bound: Lagrangian with a count alone (cheap at any size), the LP's with a budget.
  const double heuristic_cost = weighted_cost(c, best);
  double bound = kInf;
  if (p.open > 0 && !std::isfinite(p.budget))
    bound = base - lagrangian_bound(c, p.candidates(), p.open, heuristic_cost);
  else if (arcs <= options.bound_arc_limit)
    bound = ExactModel(p, c).relaxation_bound(options.time_limit_s);
  const std::string method = "greedy + interchange (Teitz-Bart)";
  LocationSolution s{members(best), value_of(p, model, heuristic_cost), value(bound), false, tie_value(members(best)), method};
  if (!std::isfinite(bound)) s.bound = std::numeric_limits<double>::quiet_NaN();
  if (!is_excluded(s.open)) out.push_back(s);
  for (const auto& m : h.swaps(best, static_cast<std::size_t>(std::max(0, k - 1)) + excluded.size() + 1)) {
    std::vector<char> next = best;
    h.apply(next, m);
    const auto open = members(next);
    if (is_excluded(open)) continue;
    out.push_back({open, value_of(p, model, weighted_cost(c, next)), s.bound, false, tie_value(open), method + ", then one swap"});
  }
  // Best first: by the value, then the tie-break (a swap may tie the local optimum).
  const auto better = [&](double a, double b) { return model == LocationModel::MaximalCovering ? a > b : a < b; };
  const bool tie_higher = tie.model == LocationModel::MaximalCovering;
  std::stable_sort(out.begin(), out.end(), [&](const LocationSolution& a, const LocationSolution& b) {
    if (a.value != b.value) return better(a.value, b.value);
    return tie.problem && (tie_higher ? a.tie_value > b.tie_value : a.tie_value < b.tie_value);
  });
  if (out.size() > static_cast<std::size_t>(std::max(0, k))) out.resize(static_cast<std::size_t>(std::max(0, k)));
  if (out.empty() && excluded.empty() && k > 0) throw std::invalid_argument("no set of candidates fits the count and the budget");
  return out;
}

}  // namespace maillage
