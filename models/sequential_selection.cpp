#include "models/sequential_selection.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/confidence_interval.hpp"

namespace maillage {

namespace {

double mean_of(const std::vector<double>& v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i];
  return s / n;
}

/** Sample variance of the paired differences a - b over the first n replications. */
double difference_variance(const std::vector<double>& a, const std::vector<double>& b, int n) {
  double m = 0;
  for (int i = 0; i < n; ++i) m += a[i] - b[i];
  m /= n;
  double s = 0;
  for (int i = 0; i < n; ++i) s += (a[i] - b[i] - m) * (a[i] - b[i] - m);
  return s / (n - 1);
}

}  // namespace

const char* to_string(SequentialResult::Outcome o) {
  switch (o) {
    case SequentialResult::Outcome::Separated: return "separated";
    case SequentialResult::Outcome::Equivalent: return "equivalent";
    case SequentialResult::Outcome::Cap: return "cap";
  }
  return "?";
}

SequentialResult select_sequentially_batched(
    std::size_t k, const std::function<std::vector<std::vector<double>>(const std::vector<std::size_t>&, int, int)>& simulate,
    const SequentialOptions& opt) {
  if (k == 0) throw std::invalid_argument("sequential selection needs at least one option");
  if (!(opt.delta > 0)) throw std::invalid_argument("sequential selection: the indifference zone must be positive");
  if (opt.first_stage < 2) throw std::invalid_argument("sequential selection: the first stage needs at least 2 replications");
  const int n0 = opt.first_stage, cap = std::max(opt.max_replications, n0);
  SequentialResult res;
  res.values.assign(k, {});
  res.eliminated.assign(k, false);
  res.replications.assign(k, 0);
  std::vector<std::size_t> alive(k);
  for (std::size_t i = 0; i < k; ++i) alive[i] = i;

  auto run = [&](int first, int last) {
    const auto got = simulate(alive, first, last);
    for (std::size_t j = 0; j < alive.size(); ++j) {
      auto& v = res.values[alive[j]];
      v.insert(v.end(), got.at(j).begin(), got.at(j).end());
      res.replications[alive[j]] = last;
    }
  };
  run(0, n0);
  // KN++'s constant: eta from the Bonferroni split of alpha over the k-1 comparisons.
  const double c = 1.0;
  const double eta = k > 1 ? 0.5 * (std::pow(2 * opt.alpha / double(k - 1), -2.0 / (n0 - 1)) - 1) : 0.0;
  const double h2 = 2 * c * eta * (n0 - 1);
  int r = n0;
  res.outcome = SequentialResult::Outcome::Separated;
  while (alive.size() > 1) {
    // Equivalence: every surviving pair's 95% paired interval lies inside (-delta, delta).
    bool equivalent = true;
    for (std::size_t a = 0; a < alive.size() && equivalent; ++a)
      for (std::size_t b = a + 1; b < alive.size() && equivalent; ++b) {
        std::vector<double> x(res.values[alive[a]].begin(), res.values[alive[a]].begin() + r);
        std::vector<double> y(res.values[alive[b]].begin(), res.values[alive[b]].begin() + r);
        const auto d = paired_difference(x, y);
        equivalent = d.low() > -opt.delta && d.high() < opt.delta;
      }
    if (equivalent) { res.outcome = SequentialResult::Outcome::Equivalent; break; }
    // Screening: i leaves when some l beats it by more than W_il(r) (lower is better).
    std::vector<std::size_t> next;
    for (std::size_t i : alive) {
      bool out = false;
      for (std::size_t l : alive) {
        if (l == i) continue;
        const double s2 = difference_variance(res.values[i], res.values[l], r);
        const double w = std::max(0.0, opt.delta / (2 * c * r) * (h2 * s2 / (opt.delta * opt.delta) - r));
        if (mean_of(res.values[i], r) - mean_of(res.values[l], r) > w) { out = true; break; }
      }
      if (out) res.eliminated[i] = true; else next.push_back(i);
    }
    alive = next;
    if (alive.size() <= 1) break;
    if (r >= cap) { res.outcome = SequentialResult::Outcome::Cap; break; }
    run(r, r + 1);
    ++r;
  }
  res.survivors = alive;
  res.winner = *std::min_element(alive.begin(), alive.end(), [&](std::size_t a, std::size_t b) {
    const double ma = mean_of(res.values[a], r), mb = mean_of(res.values[b], r);
    return ma != mb ? ma < mb : a < b;
  });
  return res;
}

SequentialResult select_sequentially(std::size_t k, const std::function<double(std::size_t, int)>& simulate,
                                     const SequentialOptions& opt) {
  return select_sequentially_batched(
      k,
      [&](const std::vector<std::size_t>& options, int first, int last) {
        std::vector<std::vector<double>> out;
        for (std::size_t o : options) {
          out.emplace_back();
          for (int rep = first; rep < last; ++rep) out.back().push_back(simulate(o, rep));
        }
        return out;
      },
      opt);
}

}  // namespace maillage
