#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/road_graph.hpp"

using namespace maillage;

namespace {

using EdgeSet = std::set<std::pair<std::size_t, std::size_t>>;

// The reference k-NN graph, O(n^2): every commune takes its k nearest (ties to the lower
// index), and each choice becomes an undirected edge.
EdgeSet brute_knn(const std::vector<Commune>& c, std::size_t k) {
  EdgeSet out;
  for (std::size_t i = 0; i < c.size(); ++i) {
    std::vector<std::pair<double, std::size_t>> d;
    for (std::size_t j = 0; j < c.size(); ++j)
      if (j != i) d.push_back({great_circle_m(c[i].lat, c[i].lon, c[j].lat, c[j].lon), j});
    const std::size_t m = std::min(k, d.size());
    std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(m), d.end());
    for (std::size_t t = 0; t < m; ++t) out.insert({std::min(i, d[t].second), std::max(i, d[t].second)});
  }
  return out;
}

EdgeSet edge_set(const RoadGraph& g) {
  EdgeSet out;
  for (const auto& e : g.edges()) out.insert({std::min(e.a, e.b), std::max(e.a, e.b)});
  return out;
}

Commune at(double lat, double lon) { return Commune{"", "", 0.0, lat, lon}; }

}  // namespace

TEST_CASE("great-circle distance: haversine with the IUGG mean radius", "[models]") {
  // Paris to Orléans: 110,965.72 m with R = 6371.0088 km (Python math, haversine);
  // road-atlas figures give about 111 km as the crow flies.
  CHECK(great_circle_m(48.8566, 2.3522, 47.9030, 1.9093) == Approx(110965.722).margin(0.01));
  CHECK(great_circle_m(47.9030, 1.9093, 48.8566, 2.3522) == Approx(110965.722).margin(0.01));
  // Equator to pole is a quarter of the circle: pi/2 * R.
  CHECK(great_circle_m(0, 0, 90, 0) == Approx(M_PI / 2 * 6371008.8).epsilon(1e-12));
  CHECK(great_circle_m(48.8566, 2.3522, 48.8566, 2.3522) == 0.0);
  CHECK(great_circle_m(0, 0, 0, 180) == Approx(M_PI * 6371008.8).epsilon(1e-12));  // antipodes: no NaN
}

TEST_CASE("shortest paths follow time and report the metres of that same path", "[models]") {
  //   0 --(10 km, 20 min)-- 1 --(10 km, 20 min)-- 3
  //   0 --(30 km, 15 min)-- 2 --(5 km, 5 min)---- 3      motorway: longer but faster
  //   4 is alone.
  const std::vector<RoadEdge> edges = {
      {0, 1, 10000, 1200}, {1, 3, 10000, 1200}, {0, 2, 30000, 900}, {2, 3, 5000, 300}};
  const RoadGraph g = RoadGraph::from_edges(5, edges);
  CHECK(g.size() == 5);
  CHECK(g.edges().size() == 4);
  CHECK(g.trip(0, 3).seconds == 1200);  // 15 + 5 min, not 20 + 20
  CHECK(g.trip(0, 3).metres == 35000);  // so 35 km via the motorway, not the 20 km road
  CHECK(g.trip(3, 0).seconds == 1200);  // undirected
  CHECK(g.trip(3, 0).metres == 35000);
  CHECK(g.trip(1, 2).seconds == 1500);  // 1-3-2: 20 + 5 min (not 1-0-2: 35 min)
  CHECK(g.trip(1, 2).metres == 15000);
  CHECK(g.trip(0, 1).seconds == 1200);  // direct road: 20 min beats 0-2-3-1 (40 min)
  CHECK(g.trip(0, 1).metres == 10000);

  const auto& from0 = g.trips_from(0);
  REQUIRE(from0.size() == 5);
  CHECK(from0[0].seconds == 0);
  CHECK(from0[0].metres == 0);
  CHECK(from0[2].seconds == 900);
  CHECK(from0[2].metres == 30000);
  CHECK(&g.trips_from(0) == &from0);  // cached, not recomputed
  CHECK_THROWS_AS(g.trips_from(5), std::out_of_range);
}

TEST_CASE("unreachable communes are infinitely far - a trip to oneself is zero", "[models]") {
  const RoadGraph g = RoadGraph::from_edges(4, {{0, 1, 1000, 60}, {2, 3, 2000, 120}});
  CHECK(std::isinf(g.trip(0, 2).seconds));
  CHECK(std::isinf(g.trip(0, 2).metres));
  CHECK(std::isinf(g.trips_from(3)[1].seconds));
  CHECK(g.trip(2, 3).seconds == 120);
  for (std::size_t a = 0; a < 4; ++a) {
    CHECK(g.trip(a, a).seconds == 0);
    CHECK(g.trip(a, a).metres == 0);
  }
  const RoadGraph lone = RoadGraph::from_edges(1, {});
  CHECK(lone.trip(0, 0).seconds == 0);
}

TEST_CASE("components: the largest island is 0 - ties go to the lowest index", "[models]") {
  // {0,1}, {2,3,4} (largest), {5}.
  const RoadGraph g = RoadGraph::from_edges(6, {{0, 1, 1, 1}, {2, 3, 1, 1}, {4, 3, 1, 1}});
  CHECK(g.components() == std::vector<int>{1, 1, 0, 0, 0, 2});
  // Two islands of two: the one holding commune 0 is 0, even if listed last.
  const RoadGraph tie = RoadGraph::from_edges(4, {{3, 2, 1, 1}, {1, 0, 1, 1}});
  CHECK(tie.components() == std::vector<int>{0, 0, 1, 1});
  CHECK(RoadGraph::from_edges(0, {}).components().empty());
}

TEST_CASE("bad edges are refused", "[models]") {
  CHECK_THROWS_AS(RoadGraph::from_edges(2, {{0, 0, 1, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(RoadGraph::from_edges(2, {{0, 1, -1, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(RoadGraph::from_edges(2, {{0, 1, 1, -1}}), std::invalid_argument);
  CHECK_THROWS_AS(RoadGraph::from_edges(2, {{0, 1, std::nan(""), 1}}), std::invalid_argument);
  CHECK_THROWS_AS(RoadGraph::from_edges(2, {{0, 2, 1, 1}}), std::invalid_argument);
  CHECK_THROWS_WITH(RoadGraph::from_edges(3, {{0, 1, 1, 1}, {2, 2, 1, 1}}),
                    Catch::Contains("#1") && Catch::Contains("itself"));
  CHECK_NOTHROW(RoadGraph::from_edges(2, {{0, 1, 0, 0}}));  // zero is allowed (same place)
  const std::vector<Commune> two = {at(47, 1), at(47.1, 1)};
  CHECK_THROWS_AS(RoadGraph::knn(two, 0, 1.3, 20), std::invalid_argument);
  CHECK_THROWS_AS(RoadGraph::knn(two, 1, 1.3, 0), std::invalid_argument);
  CHECK_THROWS_AS(RoadGraph::knn(two, 1, 0, 20), std::invalid_argument);
}

TEST_CASE("knn on a small grid: every commune has k neighbours - edges are undirected", "[models]") {
  std::vector<Commune> c;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 5; ++j) c.push_back(at(47.0 + 0.02 * i, 1.0 + 0.03 * j));
  const int k = 4;
  const RoadGraph g = RoadGraph::knn(c, k, 1.3, 70 / 3.6);
  std::vector<int> degree(c.size(), 0);
  EdgeSet seen;
  for (const auto& e : g.edges()) {
    CHECK(e.a != e.b);
    CHECK(seen.insert({std::min(e.a, e.b), std::max(e.a, e.b)}).second);  // each pair once
    degree[e.a]++, degree[e.b]++;
  }
  for (int d : degree) CHECK(d >= k);
  CHECK(edge_set(g) == brute_knn(c, k));  // many equal distances here: ties must match too
  for (std::size_t a = 0; a < c.size(); ++a)
    for (std::size_t b = 0; b < c.size(); ++b) CHECK(g.trip(a, b).seconds == Approx(g.trip(b, a).seconds));
  const auto comp = g.components();
  CHECK(std::all_of(comp.begin(), comp.end(), [](int x) { return x == 0; }));
}

TEST_CASE("knn equals the brute-force k-nearest-neighbour graph", "[models]") {
  std::mt19937_64 rng(20260101);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Commune> c;
  for (int i = 0; i < 2000; ++i) c.push_back(at(42.3 + 8.8 * u(rng), -4.8 + 13.0 * u(rng)));
  for (int k : {1, 6}) {
    const RoadGraph g = RoadGraph::knn(c, k, 1.3, 70 / 3.6);
    CHECK(edge_set(g) == brute_knn(c, static_cast<std::size_t>(k)));
    for (const auto& e : g.edges()) {
      CHECK(e.metres == Approx(1.3 * great_circle_m(c[e.a].lat, c[e.a].lon, c[e.b].lat, c[e.b].lon)));
      CHECK(e.seconds == Approx(e.metres / (70 / 3.6)));
    }
  }
}

TEST_CASE("knn stays exact with dense towns - sparse outliers and k beyond the count", "[models]") {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> z(0.0, 0.05);
  std::vector<Commune> c;
  for (int i = 0; i < 400; ++i) c.push_back(at(47.9 + z(rng), 1.9 + z(rng)));  // a dense town
  for (int i = 0; i < 100; ++i) c.push_back(at(42.1 + z(rng), 9.1 + z(rng)));  // an island far off
  c.push_back(at(16.2, -61.5));                                                 // overseas
  c.push_back(at(-21.1, 55.5));                                                 // the other side
  c.push_back(c[0]);                                                            // a duplicate point
  const RoadGraph g = RoadGraph::knn(c, 3, 1.2, 25);
  CHECK(edge_set(g) == brute_knn(c, 3));

  const std::vector<Commune> three = {at(47, 1), at(47.1, 1), at(48, 2)};
  CHECK(edge_set(RoadGraph::knn(three, 6, 1.3, 20)) == EdgeSet{{0, 1}, {0, 2}, {1, 2}});
  CHECK(RoadGraph::knn({}, 6, 1.3, 20).size() == 0);
  CHECK(RoadGraph::knn({at(47, 1)}, 6, 1.3, 20).edges().empty());
}

TEST_CASE("trips within a limit are the full Dijkstra's trips up to that limit - nearest first", "[models]") {
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Commune> communes;
  for (int i = 0; i < 400; ++i)
    communes.push_back({std::to_string(i), "c", 100, 47 + u(rng), 1 + u(rng)});
  const RoadGraph g = RoadGraph::knn(communes, 4, 1.3, 60 / 3.6);
  for (std::size_t from : {0u, 17u, 399u}) {
    for (double limit : {0.0, 600.0, 1800.0, 1e9}) {
      const auto near = g.trips_within(from, limit);
      const auto& all = g.trips_from(from);
      std::size_t expected = 0;
      for (const auto& t : all) expected += t.seconds <= limit;
      REQUIRE(near.size() == expected);
      CHECK(near.front().first == from);
      for (std::size_t k = 0; k < near.size(); ++k) {
        CHECK(near[k].second.seconds == all[near[k].first].seconds);
        CHECK(near[k].second.metres == Approx(all[near[k].first].metres));
        if (k > 0) CHECK(near[k - 1].second.seconds <= near[k].second.seconds);
      }
    }
    // trip_within: the same trips, from its sparse row within the limit or the full row beyond.
    for (std::size_t to = 0; to < communes.size(); to += 7) {
      const Trip a = g.trip_within(from, to, 900.0), b = g.trip(from, to);
      CHECK(a.seconds == b.seconds);
      CHECK(a.metres == b.metres);
    }
  }
}

TEST_CASE("a bounded search gives the same trips bit for bit whatever searches came before it", "[models]") {
  // trips_within keeps its heap's index map from search to search (Boost made a fresh one):
  // entries left by earlier searches, some stopped at their limit with vertices still in
  // the heap, must never change a later one. A lattice: many vertices at equal times, whose
  // order in the result (ties by commune) and whose trips must come out the same.
  std::vector<Commune> communes;
  for (int i = 0; i < 30; ++i)
    for (int j = 0; j < 30; ++j) communes.push_back(at(47 + 0.01 * i, 1 + 0.01 * j));
  auto searches = [&](const RoadGraph& g, const std::vector<std::pair<std::size_t, double>>& order) {
    std::vector<std::vector<std::pair<std::size_t, Trip>>> out;
    for (const auto& [from, limit] : order) out.push_back(g.trips_within(from, limit));
    return out;
  };
  const std::vector<std::pair<std::size_t, double>> order = {{0, 300.0}, {455, 120.0}, {899, 1e9}, {31, 150.0},
                                                             {0, 300.0}, {600, 240.0}, {455, 120.0}, {31, 1e9}};
  const RoadGraph used = RoadGraph::knn(communes, 8, 1.3, 50 / 3.6);
  const auto seen = searches(used, order);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const RoadGraph fresh = RoadGraph::knn(communes, 8, 1.3, 50 / 3.6);
    const auto alone = fresh.trips_within(order[k].first, order[k].second);
    REQUIRE(alone.size() == seen[k].size());
    CHECK(alone.size() > 1);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < alone.size(); ++i)
      differ += alone[i].first != seen[k][i].first || alone[i].second.seconds != seen[k][i].second.seconds ||
                alone[i].second.metres != seen[k][i].second.metres;
    CHECK(differ == 0);
  }
}
