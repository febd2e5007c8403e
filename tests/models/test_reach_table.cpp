#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "models/reach_table.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

// A served episode carries its trip from the reach table instead of looking it up again
// (Simulation::end_served): each carried trip must be the very one trip_within returns.
TEST_CASE("a reach table's trips are the trips trip_within gives for each practice and commune", "[models]") {
  const Scenario sc = load_scenario(std::string(MAILLAGE_SOURCE_DIR) + "/scenarios/loir-et-cher.yaml");
  double limit = 0;
  for (const auto& ct : sc.care_types) limit = std::max(limit, ct.max_travel);
  std::vector<std::size_t> at;
  for (const auto& p : sc.practices) at.push_back(p.commune);
  const ReachTable t = ReachTable::build(sc, at, limit);
  REQUIRE(t.trips.size() == t.items.size());
  REQUIRE(t.nearest_trips.size() == sc.communes.size());
  std::size_t checked = 0;
  for (std::size_t c = 0; c < sc.communes.size(); ++c) {
    for (const Reach* r = t.row_begin(c); r != t.row_end(c); ++r) {
      const Trip& carried = t.trips[static_cast<std::size_t>(r - t.items.data())];
      const std::size_t from = at[r->provider];
      if (from == c) continue;  // end_served takes no trip to one's own commune
      const Trip looked_up = sc.roads->trip_within(from, c, limit);
      REQUIRE(carried.seconds == looked_up.seconds);
      REQUIRE(carried.metres == looked_up.metres);
      REQUIRE(static_cast<float>(carried.seconds) == r->seconds);
      REQUIRE(static_cast<float>(carried.metres) == r->metres);
      ++checked;
    }
    if (t.row_begin(c) != t.row_end(c)) {
      const Trip& n = t.nearest_trips[c];
      const Trip& first = t.trips[static_cast<std::size_t>(t.row_begin(c) - t.items.data())];
      CHECK(n.seconds == first.seconds);
      CHECK(n.metres == first.metres);
    }
  }
  CHECK(checked > 1000);
}
