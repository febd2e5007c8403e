// Site-selection screen: how far the exact model goes (GLPK), and how close the heuristic
// (greedy + interchange) comes, from a département to France.
//   bench_location ../shared/data/communes-france.csv
// For each territory: communes as demand (weight = population), candidates = communes of
// at least `min_pop` inhabitants, `open` sites, a 30-minute radius on a kNN road graph
// (k = 6, detour 1.3, 60 km/h); p-median and MCLP, exact and heuristic.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/location_problem.hpp"
#include "models/road_graph.hpp"
#include "scenarios/csv_table.hpp"

using namespace maillage;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void bench(const char* label, const std::vector<Commune>& communes, double min_pop, int open, bool try_exact) {
  const auto t0 = std::chrono::steady_clock::now();
  const RoadGraph roads = RoadGraph::knn(communes, 6, 1.3, 60 / 3.6);
  const double radius = 30 * 60.0;
  LocationProblem p;
  p.open = open;
  p.weight.resize(communes.size());
  p.fallback.assign(communes.size(), radius);
  p.arcs.resize(communes.size());
  for (std::size_t c = 0; c < communes.size(); ++c) p.weight[c] = communes[c].population;
  std::size_t arcs = 0;
  for (std::size_t s = 0; s < communes.size(); ++s) {
    if (communes[s].population < min_pop) continue;
    const std::size_t j = p.price.size();
    p.price.push_back(1.0);
    for (const auto& [c, trip] : roads.trips_within(s, radius)) p.arcs[c].emplace_back(j, trip.seconds), ++arcs;
  }
  std::printf("%s: %zu communes, %zu candidates, open %d, %zu arcs within 30 min (built in %.2f s)\n", label,
              communes.size(), p.candidates(), open, arcs, seconds_since(t0));
  for (auto model : {LocationModel::PMedian, LocationModel::MaximalCovering}) {
    const char* name = model == LocationModel::PMedian ? "p-median" : "MCLP";
    double exact_value = std::nan("");
    if (try_exact) {
      const auto t = std::chrono::steady_clock::now();
      LocationOptions exact;
      exact.exact_arc_limit = static_cast<std::size_t>(-1);
      exact.time_limit_s = 120.0;
      const auto s = solve_location(p, model, 1, exact);
      exact_value = s[0].value;
      std::printf("  %-8s exact      %10.2f s  value %.6g  %s%s\n", name, seconds_since(t), s[0].value,
                  s[0].method.c_str(), s[0].optimal ? "" : (" (gap " + std::to_string(100 * s[0].gap()) + "%)").c_str());
    }
    LocationOptions heuristic;
    heuristic.exact_arc_limit = 0;
    const auto t = std::chrono::steady_clock::now();
    const auto h = solve_location(p, model, 1, heuristic);
    const double gap = h[0].gap();
    std::printf("  %-8s heuristic  %10.2f s  value %.6g  bound gap %s", name, seconds_since(t), h[0].value,
                std::isnan(gap) ? "unknown" : (std::to_string(100 * gap) + "%").c_str());
    if (!std::isnan(exact_value))
      std::printf("  vs exact %+.4f%%", 100 * (h[0].value - exact_value) / exact_value);
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string path = argc > 1 ? argv[1] : "../shared/data/communes-france.csv";
  const CsvTable t = CsvTable::read(path);
  const int ci = t.column("insee"), cn = t.column("name"), cd = t.column("dept"), cp = t.column("population"),
            clat = t.column("lat"), clon = t.column("lon");
  std::vector<Commune> france, yvelines, four;
  for (const auto& r : t.rows) {
    auto at = [&](int c) { return r[static_cast<std::size_t>(c)]; };
    Commune c{at(ci), at(cn), std::stod(at(cp)), std::stod(at(clat)), std::stod(at(clon))};
    const std::string d = at(cd);
    if (d == "78") yvelines.push_back(c);
    if (d == "41" || d == "45" || d == "72" || d == "78") four.push_back(c);
    france.push_back(std::move(c));
  }
  bench("Yvelines", yvelines, 1000, 20, true);
  bench("Four departements (41, 45, 72, 78)", four, 1000, 60, true);
  bench("France", france, 5000, 500, false);
  return 0;
}
