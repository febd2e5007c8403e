#include <catch2/catch.hpp>

#include "models/accessibility.hpp"
#include "models/age_weights.hpp"

using namespace maillage;

TEST_CASE("age standardisation of two communes matches a hand computation", "[models][ages]") {
  // A: 1000 residents, all 0-4 (weight 1); B: 1000 residents, half 0-4, half 80+ (weight 3).
  // Mean weights 1 and 2; weighted 1000 and 2000; scaled by 2000 / 3000: 666.67 and 1333.33.
  std::vector<Commune> communes = {{"A", "A", 1000, 0, 0}, {"B", "B", 1000, 0, 0}};
  const std::vector<AgeWeight> w = {{0, 79, 1.0}, {80, std::nullopt, 3.0}};
  standardise_populations(communes, {{{0, 1000}}, {{0, 500}, {80, 500}}}, w);
  CHECK(*communes[0].standardised_population == Approx(2000.0 / 3));
  CHECK(*communes[1].standardised_population == Approx(4000.0 / 3));

  // The APL's demand is the standardised population: one practice in A, B at 12 min (2/3).
  Scenario sc;
  sc.communes = communes;
  sc.roads = std::make_shared<RoadGraph>(RoadGraph::from_edges(2, {{0, 1, 10000, 12 * 60.0}}));
  WeeklyCalendar hour;
  hour.add(WeeklyCalendar::parse_days("mon"), 9 * 3600.0, 10 * 3600.0);
  Practice p;
  p.id = "p", p.commune = 0, p.doctors = 1, p.hours = hour;
  sc.practices = {p};
  const double r = 208.0 / (2000.0 / 3 + 2.0 / 3 * 4000.0 / 3);
  const auto index = accessibility_index(sc);
  CHECK(index[0] == Approx(r));
  CHECK(index[1] == Approx(2.0 / 3 * r));
}

TEST_CASE("the default age weights cover every age and rise with old age", "[models][ages]") {
  const auto w = default_age_weights();
  for (int age = 0; age <= 120; ++age) CHECK(age_weight(w, age).has_value());
  CHECK(*age_weight(w, 85) > *age_weight(w, 30));
  CHECK(*age_weight(w, 2) > *age_weight(w, 12));
}
