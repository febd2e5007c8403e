#pragma once
// The bare-loop reference: an M/M/c first-come first-served queue simulated with nothing
// but a std::priority_queue of events, a FIFO of arrival times and an inline generator.
// The yardstick Maillage's own engine is measured against (benchmarks/README.md).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <vector>

namespace maillage::bench {

struct BareMmcResult {
  std::uint64_t served;
  double mean_wait_s;
  double p_wait;
  double seconds_elapsed;
};

inline BareMmcResult bare_mmc(double lambda_per_s, double mean_service_s, int servers, std::uint64_t customers,
                              std::uint64_t seed) {
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 1;
  auto uniform = [&state] {  // splitmix64, open interval (0, 1)
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;
  };
  struct Ev {
    double t;
    bool arrival;
    bool operator>(const Ev& o) const { return t > o.t; }
  };
  const auto start = std::chrono::steady_clock::now();
  std::priority_queue<Ev, std::vector<Ev>, std::greater<Ev>> agenda;
  std::deque<double> waiting;
  int busy = 0;
  std::uint64_t arrived = 0, served = 0, waited = 0;
  double wait_sum = 0;
  agenda.push({-std::log(uniform()) / lambda_per_s, true});
  while (!agenda.empty() && served < customers) {
    const Ev e = agenda.top();
    agenda.pop();
    if (e.arrival) {
      if (++arrived < customers) agenda.push({e.t - std::log(uniform()) / lambda_per_s, true});
      if (busy < servers) {
        ++busy, ++served;
        agenda.push({e.t - mean_service_s * std::log(uniform()), false});
      } else {
        waiting.push_back(e.t);
      }
    } else if (!waiting.empty()) {
      const double w = e.t - waiting.front();
      waiting.pop_front();
      wait_sum += w, ++waited, ++served;
      agenda.push({e.t - mean_service_s * std::log(uniform()), false});
    } else {
      --busy;
    }
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {served, served ? wait_sum / served : 0.0, served ? double(waited) / served : 0.0, elapsed};
}

}  // namespace maillage::bench
