#include <catch2/catch.hpp>

#include "models/accessibility.hpp"

using namespace maillage;

TEST_CASE("E2SFCA with the APL bands matches a case computed by hand", "[models]") {
  // Three communes A (1000), B (2000), C (3000); roads A-B 12 min, B-C 8 min (A-C 20 min via B).
  // P1 in A: 1 doctor, 1 hour a week; P2 in C: 2 doctors, 1 hour a week; 4 consultations an hour.
  Scenario sc;
  sc.communes = {{"A", "A", 1000, 0, 0}, {"B", "B", 2000, 0, 0}, {"C", "C", 3000, 0, 0}};
  sc.roads = std::make_shared<RoadGraph>(RoadGraph::from_edges(3, {{0, 1, 10000, 12 * 60.0}, {1, 2, 7000, 8 * 60.0}}));
  WeeklyCalendar hour;
  hour.add(WeeklyCalendar::parse_days("mon"), 9 * 3600.0, 10 * 3600.0);
  Practice p1, p2;
  p1.id = "p1", p1.commune = 0, p1.doctors = 1, p1.hours = hour;
  p2.id = "p2", p2.commune = 2, p2.doctors = 2, p2.hours = hour;
  sc.practices = {p1, p2};
  // S1 = 1 x 1 h x 52 x 4 = 208; its catchment: A (weight 1), B (12 min: 2/3), C (20 min: 0).
  const double r1 = 208.0 / (1000 + 2.0 / 3 * 2000);
  // S2 = 416; its catchment: C (1), B (8 min: 1), A (20 min: 0).
  const double r2 = 416.0 / (3000 + 2000);
  const auto index = accessibility_index(sc);
  REQUIRE(index.size() == 3);
  CHECK(index[0] == Approx(r1));                 // A: P1 only
  CHECK(index[1] == Approx(2.0 / 3 * r1 + r2));  // B: both, P1 at 2/3
  CHECK(index[2] == Approx(r2));                 // C: P2 only
  CHECK(apl_weight(9.99 * 60) == 1.0);
  CHECK(apl_weight(10 * 60) == Approx(2.0 / 3));
  CHECK(apl_weight(19.99 * 60) == Approx(1.0 / 3));
  CHECK(apl_weight(20 * 60) == 0.0);
}
