#pragma once
// Queueing formulas the simulation must reproduce (header-only: tests use them too).
namespace maillage {

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load
 *  a = lambda / mu (< c). Computed through the Erlang B recursion, which is stable. */
inline double erlang_c(int c, double a) {
  double b = 1.0;  // Erlang B with 0 servers
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double rho = a / c;
  return b / (1.0 - rho + rho * b);
}

/** Mean wait in queue of an M/M/c queue, in the time unit of the rates. */
inline double mmc_mean_wait(int c, double lambda, double mu) {
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

/** Erlang A (M/M/c+M, exponential patience at rate theta): the probability that an arrival
 *  waits and that it abandons, from the birth-death chain's stationary distribution
 *  (truncated where its terms vanish). P(abandon) = theta E[queue] / lambda. */
struct ErlangA {
  double p_wait, p_abandon;
};
inline ErlangA erlang_a(int c, double lambda, double mu, double theta) {
  double p = 1.0, total = 0.0, busy = 0.0, queue = 0.0;  // unnormalised pi_n, from pi_0 = 1
  for (int n = 0; n < 100000; ++n) {
    total += p;
    if (n >= c) busy += p, queue += (n - c) * p;
    const double death = (n + 1 <= c ? (n + 1) * mu : c * mu + (n + 1 - c) * theta);
    p *= lambda / death;
    if (n > c && p < 1e-300) break;
  }
  return {busy / total, theta * (queue / total) / lambda};
}

}  // namespace maillage
