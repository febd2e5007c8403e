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

}  // namespace maillage
