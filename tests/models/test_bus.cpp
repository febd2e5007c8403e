#include <catch2/catch.hpp>

#include <string>

#include "models/bus.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

TEST_CASE("the drive between two stops delays the second opening by the road time beyond the gap", "[models]") {
  // A to B: 45 minutes by road. Tuesday: A 09:00-12:00, then B 12:15-16:00: the bus can only
  // be in B at 12:45, 30 minutes late. Wednesday's stop in A is not delayed.
  const RoadGraph roads = RoadGraph::from_edges(2, {{0, 1, 40000, 45 * 60.0}});
  Bus bus;
  bus.per_hour = 4;
  const double h = 3600, tue = kDay, wed = 2 * kDay;
  bus.stops = {{1, 1, 12.25 * h, 16 * h}, {0, 1, 9 * h, 12 * h}, {0, 2, 9 * h, 11 * h}};
  const auto week = schedule(bus, roads);
  REQUIRE(week.size() == 3);
  CHECK(week[0].commune == 0);
  CHECK(week[0].open == tue + 9 * h);
  CHECK(week[0].capacity == 12);  // 3 hours at 4 an hour
  CHECK(week[1].commune == 1);
  CHECK(week[1].open == tue + 12.75 * h);  // 12:00 + 45 min, not the scheduled 12:15
  CHECK(week[1].open - (tue + 12.25 * h) == 45 * 60.0 - 15 * 60.0);  // the road time beyond the gap
  CHECK(week[1].capacity == 13);  // 3 h 15 at 4 an hour
  CHECK(week[2].open == wed + 9 * h);
  CHECK(week[2].slot == 900);
}

namespace {
// One stop, Tuesday 09:00-12:00, 4 an hour: 12 a week, for about 40 screening needs a week.
const char* kOneStop = R"(
scenario: {horizon: 70 d, warmup: 7 d, replications: 1, seed: 21}
territory:
  communes: [{insee: "70001", name: Bourg, population: 2000, lat: 47.5, lon: 1.5},
             {insee: "70002", name: Ville, population: 100, lat: 47.6, lon: 1.5}]
  roads: {model: knn, k: 1, detour: 1.3, speed: 60 km/h}
demand:
  care_types:
    screening: {rate: 1 per year, max_wait: 30 d, max_travel: 1 h, duration: {fixed: 15 min},
                specialty: ophthalmology, pathway: [bus, any_gp]}
supply:
  practices: [{id: gp, commune: "70002", doctors: 1, hours: {mon-fri: "09:00-17:00"}}]
  buses:
    - {id: bus-ophtalmo, specialty: ophthalmology, per_hour: 4, access: ACCESS,
       stops: [{commune: "70001", day: tue, hours: "09:00-12:00"}]}
)";

void check_capacity(const std::string& access) {
  std::string yaml = kOneStop;
  yaml.replace(yaml.find("ACCESS"), 6, access);
  const ResultSet set = test::run_once(load_scenario_text(yaml, "bus.yaml", "."));
  const double bus_patients = test::utilisation_value(set, "bus-ophtalmo", 1) * 4;  // busy hours x 4 an hour
  const double visits = 9;  // Tuesdays from day 7 to day 70
  CHECK(bus_patients <= 12 * visits);
  CHECK(bus_patients >= 12 * (visits - 1));  // full every week
  CHECK(test::utilisation_value(set, "gp", 1) > 0);  // the rest went on to the GP
  CHECK(test::first(set, "summary", "served") > bus_patients);
  CHECK(test::first(set, "summary", "unserved") == 0);
}
}  // namespace

TEST_CASE("a bus with one stop sees at most k x h patients a visit and the rest go on", "[models]") {
  check_capacity("appointment");
}

TEST_CASE("a walk-in bus sees at most k x h a visit and the others go on along the pathway", "[models]") {
  check_capacity("walk_in");
}

TEST_CASE("a bus sends its cases over the stop's network and the answer serves the patient", "[models][network]") {
  const std::string yaml = R"(
scenario: {horizon: 120 d, warmup: 14 d, replications: 1, seed: 23}
territory:
  communes: [{insee: "70001", name: Bourg, population: 300, lat: 47.5, lon: 1.5},
             {insee: "70002", name: Ville, population: 100, lat: 47.6, lon: 1.5}]
  roads: {model: knn, k: 1, detour: 1.3, speed: 60 km/h}
  network:
    technologies: {adsl: {down: 8 Mbps, up: 1 Mbps, latency: 20 ms}}
    coverage: {default: adsl}
    platform: {down: 10 Gbps, up: 10 Gbps, latency: 0 ms}
demand:
  care_types:
    screening: {rate: 1 per year, max_wait: 60 d, max_travel: 1 h, duration: {fixed: 15 min},
                specialty: ophthalmology, pathway: [bus],
                tele_expertise: {pool: readers, upload: 5 MB, delay: {fixed: 2 d}}}
supply:
  remote_pools: [{id: readers, doctors: 1, hours: always}]
  buses:
    - {id: bus, specialty: ophthalmology, per_hour: 4, tele_expertise: TELE,
       stops: [{commune: "70001", day: tue, hours: "09:00-12:00"}]}
)";
  auto run = [&](const char* tele) {
    std::string y = yaml;
    y.replace(y.find("TELE"), 4, tele);
    return test::run_once(load_scenario_text(y, "bus-tele.yaml", "."));
  };
  const ResultSet plain = run("false"), tele = run("true");
  const double w0 = test::first(plain, "summary", "wait_days_mean"), w1 = test::first(tele, "summary", "wait_days_mean");
  // The same slots (common random numbers), then 15 min of consultation, 40 s of upload at
  // 1 Mbps (plus 20 ms) and two days for the reading.
  const double added = (900 + 40.02 + 2 * 86400) / 86400.0;
  INFO("plain " << w0 << " d, with tele-expertise " << w1 << " d, expected difference " << added);
  CHECK(test::first(tele, "summary", "served") > 20);
  CHECK(w1 - w0 == Approx(added).epsilon(0.02));
  CHECK(test::first(tele, "summary", "travel_km") > 0);  // patients still travel to the stop
}

TEST_CASE("a bus books as far as max_wait past the horizon - the run's last needs are not refused", "[models]") {
  // 12 places a week for about 40 needs, booked up to 30 days ahead: each week the bus takes
  // its 12 at the far end of the window and refuses the rest. Its diary must reach past the
  // horizon: cut there, it refused every need of the last weeks and sent them elsewhere, a
  // bias of the run's last max_wait that Loiret's weekly eye-screening wait showed.
  std::string yaml = kOneStop;
  yaml.replace(yaml.find("ACCESS"), 6, "appointment");
  yaml.replace(yaml.find("pathway: [bus, any_gp]"), 22, "pathway: [bus]");
  const ResultSet set = test::run_once(load_scenario_text(yaml, "bus.yaml", "."));
  const ResultTable& t = *set.find("timeseries");
  auto share = [&](std::size_t from, std::size_t to) {  // unserved / episodes over weeks [from, to)
    double episodes = 0, unserved = 0;
    for (const auto& row : t.rows) {
      const auto week = static_cast<std::size_t>(row.values[static_cast<std::size_t>(t.value_index("week"))]);
      if (week < from || week >= to) continue;
      episodes += row.values[static_cast<std::size_t>(t.value_index("episodes"))];
      unserved += row.values[static_cast<std::size_t>(t.value_index("unserved"))];
    }
    REQUIRE(episodes > 50);
    return unserved / episodes;
  };
  const double middle = share(4, 7), last = share(8, 10);  // the horizon ends week 10
  CHECK(middle > 0.5);  // the bus is full: most needs are refused in any week
  CHECK(middle < 0.85);
  CHECK(last == Approx(middle).margin(0.12));  // and the last weeks are no different
}
