#include <catch2/catch.hpp>

#include <string>

#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;
using test::first;

namespace {
// One town: a GP practice, a CPTS hotline and a hospital with an emergency department and
// ophthalmologists; a village 20 minutes away.
const char* kTown = R"(
scenario: {horizon: 60 d, warmup: 7 d, replications: 1, seed: 12}
territory:
  communes: [{insee: "60001", name: Town, population: 8000, lat: 47.5, lon: 1.5},
             {insee: "60002", name: Village, population: 2000, lat: 47.6, lon: 1.5}]
  roads: {edges: ROADS}
demand:
  without_gp_share: SHARE
  care_types:
    same_day: {rate: 3 per year, unscheduled: true, max_wait: 1 d, max_travel: 45 min,
               duration: {fixed: 15 min}, pathway: PATHWAY}
    eyes: {rate: 0.2 per year, max_wait: 90 d, max_travel: 1 h, duration: {fixed: 20 min},
           specialty: ophthalmology, pathway: [hospital]}
supply:
  practices: [{id: gp, commune: "60001", doctors: 2, hours: {mon-fri: "08:00-18:00"}}]
  hotlines: [{id: cpts, commune: "60001", doctors: 1, hours: {mon-sat: "09:00-21:00"}, slots_per_day: SLOTS}]
  hospitals:
    - {id: ch, commune: "60001", emergency: {doctors: 2},
       specialties: {ophthalmology: {doctors: 1, hours: {mon-fri: "09:00-17:00"}}}}
)";

std::string town(const std::string& share, const std::string& slots, const std::string& pathway) {
  std::string y = kTown;
  auto put = [&](const std::string& k, const std::string& v) { y.replace(y.find(k), k.size(), v); };
  put("ROADS", std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/roads-town.csv");
  put("SHARE", share);
  put("SLOTS", slots);
  put("PATHWAY", pathway);
  return y;
}

ResultSet run_town(const std::string& share, const std::string& slots, const std::string& pathway) {
  return test::run_once(load_scenario_text(town(share, slots, pathway), "town.yaml", "."));
}
}  // namespace

TEST_CASE("with the hotline full the next unscheduled need goes to the emergency department", "[models]") {
  const ResultSet set = run_town("1", "3", "[hotline, ed]");
  auto v = [&](const char* c) { return first(set, "summary", c); };
  const double ed = v("ed_visits.same_day"), served = v("served.same_day");
  CHECK(ed > 100);
  CHECK(v("unserved.same_day") == 0);  // the emergency department takes everyone
  // The hotline gave at most its 3 slots a day over the 53 measured days (+1 straddling).
  CHECK(served - ed <= 3 * 54);
  CHECK(served - ed > 100);
  CHECK(test::utilisation_value(set, "ch/ed", 0) > 0);
  CHECK(v("episodes") == v("served") + v("unserved") + v("in_progress"));
}

TEST_CASE("without_gp_share from 0 to 1 moves demand from own-GP bookings to the hotline", "[models]") {
  const ResultSet registered = run_town("0", "40", "[own_gp, hotline, ed]");
  const ResultSet unregistered = run_town("1", "40", "[own_gp, hotline, ed]");
  const double gp_before = test::utilisation_value(registered, "gp", 1);
  const double line_before = test::utilisation_value(registered, "cpts", 1);
  CHECK(gp_before > 0);
  CHECK(test::utilisation_value(unregistered, "gp", 1) == 0);  // nobody has the GP as médecin traitant
  CHECK(test::utilisation_value(unregistered, "cpts", 1) > line_before);
  CHECK(first(unregistered, "summary", "ed_visits") >= first(registered, "summary", "ed_visits"));
  for (const ResultSet* s : {&registered, &unregistered})
    CHECK(first(*s, "summary", "episodes") ==
          first(*s, "summary", "served") + first(*s, "summary", "unserved") + first(*s, "summary", "in_progress"));
}

TEST_CASE("specialists are booked by specialty at the hospital", "[models]") {
  const ResultSet set = run_town("0", "40", "[own_gp, ed]");
  CHECK(first(set, "summary", "served.eyes") > 100);
  CHECK(first(set, "summary", "unserved.eyes") == 0);
  CHECK(test::utilisation_value(set, "ch/ophthalmology", 0) > 0);
  // The village's patients drive 2 x 20 minutes to the hospital in town.
  const ResultTable& bc = *set.find("by_commune");
  for (const auto& row : bc.rows)
    if (row.keys[2] == "60002") {
      const double served = row.values[static_cast<std::size_t>(bc.value_index("served.eyes"))];
      CHECK(row.values[static_cast<std::size_t>(bc.value_index("travel_min.eyes"))] == Approx(40.0 * served));
    }
}

TEST_CASE("a practice closed to new patients sees only its registered patients", "[models]") {
  // The village's patients have the town's GP as nearest practice; closed to new patients,
  // it sees the registered ones only: with everyone unregistered it sees nobody.
  std::string y = town("1", "40", "[own_gp, any_gp, hotline, ed]");
  y.replace(y.find("hours: {mon-fri: \"08:00-18:00\"}}]"), std::string("hours: {mon-fri: \"08:00-18:00\"}}]").size(),
            "hours: {mon-fri: \"08:00-18:00\"}, new_patients: false}]");
  const ResultSet closed = test::run_once(load_scenario_text(y, "closed.yaml", "."));
  CHECK(test::utilisation_value(closed, "gp", 1) == 0);
  const ResultSet open = run_town("1", "40", "[own_gp, any_gp, hotline, ed]");
  CHECK(test::utilisation_value(open, "gp", 1) > 0);  // open, it takes them through any_gp
}

TEST_CASE("the share without a médecin traitant can differ by commune", "[scenarios]") {
  std::string y = town("{default: 0, communes: {\"60002\": 1}}", "40", "[own_gp, ed]");
  const ResultSet set = test::run_once(load_scenario_text(y, "per-commune.yaml", "."));
  const ResultTable& bc = *set.find("by_commune");
  for (const auto& row : bc.rows) {
    const double ed = row.values[static_cast<std::size_t>(bc.value_index("ed_visits.same_day"))];
    const double eps = row.values[static_cast<std::size_t>(bc.value_index("episodes.same_day"))];
    if (row.keys[2] == "60002") CHECK(ed == Approx(eps).margin(2));  // nobody registered: all to the ED
    if (row.keys[2] == "60001") CHECK(ed < 0.5 * eps);               // all registered with the GP
  }
}

TEST_CASE("a generalised-cost choice trades travel for wait where first-in-order does not", "[models]") {
  // Near practice (5 min) with one doctor for many patients; a far one (40 min) with four.
  const std::string base = R"(
scenario: {horizon: 90 d, warmup: 14 d, replications: 1, seed: 31}
territory:
  communes: [{insee: "80001", name: Home, population: 9000, lat: 47.5, lon: 1.5},
             {insee: "80002", name: Near, population: 0, lat: 47.51, lon: 1.5},
             {insee: "80003", name: Far, population: 0, lat: 47.8, lon: 1.5}]
  roads: {edges: ROADS}
demand:
  care_types:
    visit: {rate: 4 per year, max_wait: 20 d, max_travel: 1 h, duration: {fixed: 15 min}, CHOICE pathway: [any_gp]}
supply:
  practices:
    - {id: near, commune: "80002", doctors: 1, hours: {mon-fri: "09:00-17:00"}}
    - {id: far, commune: "80003", doctors: 4, hours: {mon-fri: "09:00-17:00"}}
)";
  auto scenario = [&](const std::string& choice) {
    std::string y = base;
    y.replace(y.find("ROADS"), 5, std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/roads-near-far.csv");
    y.replace(y.find("CHOICE "), 7, choice);
    return load_scenario_text(y, "choice.yaml", ".");
  };
  const ResultSet in_order = test::run_once(scenario(""));
  const ResultSet by_cost = test::run_once(scenario("choice: {travel_min: 1, wait_day: 60},"));
  auto v = [](const ResultSet& s, const char* c) { return first(s, "summary", c); };
  INFO("in order: wait " << v(in_order, "wait_days_mean") << " d, " << v(in_order, "travel_km") << " km; by cost: wait "
                         << v(by_cost, "wait_days_mean") << " d, " << v(by_cost, "travel_km") << " km");
  CHECK(v(by_cost, "wait_days_mean") < 0.5 * v(in_order, "wait_days_mean"));
  CHECK(v(by_cost, "travel_km") > v(in_order, "travel_km"));
  // (Both practices are as busy either way: what changes is who waits. In order, patients
  // fill the near practice's diary up to max_wait; by cost, they book the far one instead.)
  CHECK(v(by_cost, "episodes") == v(by_cost, "served") + v(by_cost, "unserved") + v(by_cost, "in_progress"));
}
