#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "models/free_slot_index.hpp"
#include "models/practices.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

TEST_CASE("the free-slot index cuts each row in blocks at every care type's end", "[models]") {
  // Rows of 70, 0 and 5 entries; care types ending at 40 and 70, 0 and 0, 3 and 5.
  const FreeSlotIndex index({0, 70, 70, 75}, {40, 70, 0, 0, 3, 5}, 2);
  FreeSlotIndex& x = const_cast<FreeSlotIndex&>(index);
  REQUIRE(x.blocks(0) == 3);
  CHECK(x.row(0)[0].end == 32);
  CHECK(x.row(0)[1].end == 40);
  CHECK(x.row(0)[2].end == 70);
  CHECK(x.blocks(1) == 0);
  REQUIRE(x.blocks(2) == 2);
  CHECK(x.row(2)[0].end == 3);
  CHECK(x.row(2)[1].end == 5);
  CHECK(std::isinf(x.row(2)[1].bound));  // -infinity: walked before it is ever skipped
  CHECK(x.row(2)[1].bound < 0);
}

TEST_CASE("a bound rounded to a float stays below the time it bounds", "[models]") {
  for (double t : {0.0, 1.0 / 3.0, 86400.0 * 393 + 0.1, 123456789.123, 3.4e7 + 0.7}) {
    const float f = FreeSlotIndex::lower(t);
    CHECK(static_cast<double>(f) <= t);
    CHECK(t - static_cast<double>(f) <= std::fabs(t) * 1e-6);
  }
  CHECK(std::isinf(FreeSlotIndex::lower(kNever)));
}

namespace {
// A full territory: 49 communes on a grid, every one within reach of dozens of practices
// (rows longer than a block), far too few doctors. Practices closed to new patients,
// walk-in ones, part-time diaries and a practice open one hour a week (consultations that
// do not fit it: refused for capacity) make every branch of the booking search count.
std::string full_territory_yaml() {
  std::ostringstream y;
  y << "scenario: {name: full, horizon: 120 d, warmup: 14 d, replications: 1, seed: 5}\n"
    << "territory:\n  communes:\n";
  for (int i = 0; i < 49; ++i)
    y << "    - {insee: \"" << 10000 + i << "\", name: C" << i << ", population: " << 800 + 150 * (i % 7)
      << ", lat: " << 47.0 + 0.04 * (i / 7) << ", lon: " << 1.0 + 0.05 * (i % 7) << "}\n";
  y << "  roads: {model: knn, k: 4, detour: 1.3, speed: 60 km/h}\n"
    << "demand:\n  without_gp_share: 0.2\n  care_types:\n"
    << "    acute: {rate: 6 per year, max_wait: 1 d, max_travel: 25 min, duration: {exponential: 20 min},"
    << " pathway: [own_gp, any_gp]}\n"
    << "    routine: {rate: 10 per year, max_wait: 10 d, max_travel: 40 min,"
    << " duration: {lognormal: {mean: 18 min, sd: 9 min}}, pathway: [own_gp, any_gp]}\n"
    << "supply:\n  practices:\n";
  for (int p = 0; p < 84; ++p) {
    // The last four in one corner: most blocks hold only appointment practices open to new
    // patients (those the index may skip); the rows of the corner's neighbours do not.
    const int c = p < 80 ? (p * 17) % 49 : 48;
    y << "    - {id: p" << p << ", commune: \"" << 10000 + c << "\", doctors: " << (p % 5 == 0 ? "0.5" : "1");
    if (p == 80 || p == 81) y << ", new_patients: false";
    if (p == 82 || p == 83) y << ", access: walk_in";
    if (p == 7)
      y << ", hours: {sat: \"09:00-10:00\"}}\n";
    else
      y << ", hours: {mon-fri: \"08:30-12:30, 14:00-19:00\", sat: \"09:00-12:00\"}}\n";
  }
  return y.str();
}
}  // namespace

TEST_CASE("the booking search with the free-slot index gives what walking every practice gives", "[models]") {
  const Scenario sc = load_scenario_text(full_territory_yaml(), "full.yaml", ".");
  Practices::exhaustive_search = true;
  const ResultSet walked = test::run_once(sc);
  Practices::exhaustive_search = false;
  const ResultSet indexed = test::run_once(sc);
  // The territory is full (most same-day needs refused after trying every practice), and
  // every reason of refusal occurs: the index is exercised, not bypassed.
  CHECK(test::first(walked, "summary", "served") > 1000);
  CHECK(test::first(walked, "summary", "unserved_too_long") > 1000);
  CHECK((indexed.serialise() == walked.serialise()));  // every table, byte for byte
}
