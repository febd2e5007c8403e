// The M/M/c walk-in reference: the same queue simulated by Maillage (scenario -> model ->
// agenda inside SimGrid) and by a bare std::priority_queue loop, in the same run.
// Prints patients per second for both and their ratio (goal: >= 0.3).
//   bench_mmc [patients] [repeats]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "benchmarks/bare_mmc.hpp"
#include "benchmarks/erlang.hpp"
#include "engine/process_pool.hpp"
#include "models/simulation.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

int main(int argc, char** argv) {
  const double patients = argc > 1 ? std::atof(argv[1]) : 5e6;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const int c = 3;
  const double lambda_h = 9.6, service_min = 15;  // rho = 0.8
  const double days = patients / (lambda_h * 24);
  std::ostringstream y;
  y << "scenario: {name: mmc, horizon: " << days << " d, replications: 1, seed: 1}\n"
    << "territory:\n"
    << "  communes: [{insee: \"00001\", name: Here, population: 1000, lat: 47.5, lon: 1.5}]\n"
    << "  roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h}\n"
    << "demand:\n  care_types:\n"
    << "    visit: {rate: " << lambda_h * 24 * 365 / 1000.0 << " per year, max_wait: 100000 d, max_travel: 1 h,\n"
    << "            duration: {exponential: " << service_min << " min}, pathway: [any_gp]}\n"
    << "supply:\n  practices: [{id: walk-in, commune: \"00001\", doctors: " << c
    << ", hours: always, access: walk_in}]\n";
  const Scenario sc = load_scenario_text(y.str(), "mmc", ".");

  std::printf("M/M/%d, rho = %.2f, %.0f patients per run, best of %d\n", c, lambda_h / (c * 60 / service_min),
              patients, repeats);
  double best_maillage = 0, best_bare = 0;
  for (int r = 0; r < repeats; ++r) {
    // Maillage runs in a child process (one SimGrid engine per process); it times itself.
    const auto out = run_in_processes(1, 1, [&](std::size_t) {
      Simulation sim(sc, sc.seed, r + 1);
      const auto t0 = std::chrono::steady_clock::now();
      sim.run("baseline");
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      auto& cell = const_cast<Measures&>(sim.measures()).cell(0, 0);
      std::ostringstream o;
      o.precision(17);
      o << cell.served() << " " << s << " " << cell.wait.mean() / 3600;
      return o.str();
    });
    if (!out[0].ok) {
      std::fprintf(stderr, "maillage run failed: %s\n", out[0].bytes.c_str());
      return 1;
    }
    double served = 0, seconds = 0, wq = 0;
    std::istringstream(out[0].bytes) >> served >> seconds >> wq;
    const auto bare = bench::bare_mmc(lambda_h / 3600, service_min * 60, c, static_cast<std::uint64_t>(served), 1 + r);
    const double m_rate = served / seconds, b_rate = static_cast<double>(bare.served) / bare.seconds_elapsed;
    std::printf("  run %d: maillage %.2f M patients/s (Wq %.4f h), bare loop %.2f M/s (Wq %.4f h), ratio %.3f\n", r + 1,
                m_rate / 1e6, wq, b_rate / 1e6, bare.mean_wait_s / 3600, m_rate / b_rate);
    best_maillage = std::max(best_maillage, m_rate);
    best_bare = std::max(best_bare, b_rate);
  }
  std::printf("Erlang C: Wq %.4f h\n", mmc_mean_wait(c, lambda_h, 60 / service_min));
  std::printf("best: maillage %.2f M patients/s, bare loop %.2f M patients/s, ratio %.3f (goal >= 0.3)\n",
              best_maillage / 1e6, best_bare / 1e6, best_maillage / best_bare);
  return 0;
}
