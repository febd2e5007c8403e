#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/random_stream.hpp"
#include "models/road_graph.hpp"

using namespace maillage;

TEST_CASE("great-circle distance matches the haversine by hand", "[models]") {
  // Blois to Orléans centroids of the shared data: computed independently with
  // R = 6371.0088 km: 2R asin(sqrt(hav)).
  const double lat1 = 47.58142, lon1 = 1.30612, lat2 = 47.88219, lon2 = 1.9166;
  const double r = M_PI / 180;
  const double h = std::pow(std::sin((lat2 - lat1) * r / 2), 2) +
                   std::cos(lat1 * r) * std::cos(lat2 * r) * std::pow(std::sin((lon2 - lon1) * r / 2), 2);
  CHECK(great_circle_m(lat1, lon1, lat2, lon2) == Approx(2 * 6371008.8 * std::asin(std::sqrt(h))).epsilon(1e-12));
  CHECK(great_circle_m(lat1, lon1, lat2, lon2) == Approx(56596).margin(1));  // 56.6 km (Python haversine)
  CHECK(great_circle_m(48.8566, 2.3522, 48.8566, 2.3522) == 0.0);
}

TEST_CASE("shortest paths follow time and report the km of that same path", "[models]") {
  //   0 --(10 km, 20 min)-- 1 --(10 km, 20 min)-- 3
  //   0 --(30 km, 15 min)-- 2 --(5 km, 5 min)---- 3      motorway: longer but faster
  //   4 is alone.
  const std::vector<RoadEdge> edges = {
      {0, 1, 10000, 1200}, {1, 3, 10000, 1200}, {0, 2, 30000, 900}, {2, 3, 5000, 300}};
  const RoadGraph g = RoadGraph::from_edges(5, edges);
  CHECK(g.trip(0, 3).seconds == 1200);
  CHECK(g.trip(0, 3).metres == 35000);  // via the motorway, not the 20 km road
  CHECK(g.trip(3, 0).seconds == 1200);  // undirected
  CHECK(g.trip(1, 2).seconds == 1500);  // 1-3-2: 20 + 5 min (not 1-0-2: 35 min)
  CHECK(g.trip(1, 2).metres == 15000);
  CHECK(g.trip(2, 2).seconds == 0);
  CHECK(std::isinf(g.trip(0, 4).seconds));
  const auto comp = g.components();
  CHECK(comp[0] == 0);
  CHECK(comp[3] == 0);
  CHECK(comp[4] == 1);
  CHECK_THROWS_AS(RoadGraph::from_edges(2, {{0, 0, 1, 1}}), std::invalid_argument);
}

TEST_CASE("knn equals a brute-force k-nearest-neighbour graph", "[models]") {
  RandomStream rng(5, 1, "knn");
  std::vector<Commune> communes;
  for (int i = 0; i < 1500; ++i)
    communes.push_back({std::to_string(i), "", 100, 46.0 + 3 * rng.uniform(), -1.0 + 5 * rng.uniform()});
  const int k = 5;
  const RoadGraph g = RoadGraph::knn(communes, k, 1.3, 70 / 3.6);
  std::set<std::pair<std::size_t, std::size_t>> brute;
  for (std::size_t i = 0; i < communes.size(); ++i) {
    std::vector<std::pair<double, std::size_t>> d;
    for (std::size_t j = 0; j < communes.size(); ++j)
      if (j != i) d.push_back({great_circle_m(communes[i].lat, communes[i].lon, communes[j].lat, communes[j].lon), j});
    std::partial_sort(d.begin(), d.begin() + k, d.end());
    for (int m = 0; m < k; ++m) brute.insert({std::min(i, d[m].second), std::max(i, d[m].second)});
  }
  std::set<std::pair<std::size_t, std::size_t>> got;
  for (const auto& e : g.edges()) {
    got.insert({e.a, e.b});
    CHECK(e.metres == Approx(1.3 * great_circle_m(communes[e.a].lat, communes[e.a].lon, communes[e.b].lat,
                                                  communes[e.b].lon)));
    CHECK(e.seconds == Approx(e.metres / (70 / 3.6)));
  }
  CHECK(got == brute);
  const auto comp = g.components();
  CHECK(*std::max_element(comp.begin(), comp.end()) >= 0);
}
