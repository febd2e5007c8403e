#include <catch2/catch.hpp>

#include <sstream>

#include "engine/process_pool.hpp"
#include "models/simulation.hpp"
#include "scenarios/scenario_loader.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

namespace {

ResultSet run_once(const std::string& yaml, const std::string& name) {
  return test::run_once(load_scenario_text(yaml, name, "."));
}

double summary(const ResultSet& set, const char* column) { return test::first(set, "summary", column); }

double busy_hours(const ResultSet& set, const std::string& resource) { return test::utilisation_value(set, resource, 1); }

// n cabins side by side, always in demand, one pool of n doctors behind a platform link
// of 6 Mbps each way: n sessions of 1.5 Mbps share it.
std::string shared_link(int cabins) {
  std::ostringstream y;
  y << "scenario: {horizon: 20 d, warmup: 1 d, replications: 1, seed: 4}\n"
    << "territory:\n"
    << "  communes: [{insee: \"30001\", name: Here, population: 100000, lat: 47.5, lon: 1.5},\n"
    << "             {insee: \"30002\", name: There, population: 0, lat: 47.6, lon: 1.5}]\n"
    << "  roads: {model: knn, k: 1, detour: 1.3, speed: 60 km/h}\n"
    << "  network:\n"
    << "    technologies: {ftth: {down: 1 Gbps, up: 500 Mbps, latency: 0 ms}}\n"
    << "    coverage: {default: ftth}\n"
    << "    platform: {down: 6 Mbps, up: 6 Mbps, latency: 0 ms}\n"
    << "demand:\n  care_types:\n"
    << "    visit: {rate: 50 per year, max_wait: 1 d, max_travel: 1 h, duration: {fixed: 15 min},\n"
    << "            remote_share: 1, video: {rate: 1.5 Mbps, min: 1 Mbps}, pathway: [cabin]}\n"
    << "supply:\n"
    << "  remote_pools: [{id: platform, doctors: " << cabins << ", hours: always}]\n"
    << "  cabins:\n";
  for (int i = 0; i < cabins; ++i)
    y << "    - {id: cab-" << i << ", commune: \"30001\", pool: platform, hours: always}\n";
  return y.str();
}

}  // namespace

TEST_CASE("sessions sharing a link succeed while n x rate fits it and degrade or fail beyond", "[models][network]") {
  // 4 x 1.5 = 6 Mbps: exactly the capacity, never degraded.
  const ResultSet four = run_once(shared_link(4), "four.yaml");
  CHECK(summary(four, "served") > 1000);
  CHECK(summary(four, "sessions_degraded") == 0);
  CHECK(summary(four, "sessions_failed") == 0);
  // 5 sessions: 1.2 Mbps each, above the 1 Mbps minimum: degraded, none failed; the
  // platform's link is full.
  const ResultSet five = run_once(shared_link(5), "five.yaml");
  CHECK(summary(five, "sessions_degraded") > 100);
  CHECK(summary(five, "sessions_failed") == 0);
  for (const auto& row : five.find("links")->rows)
    if (row.keys[2] == "platform/up" || row.keys[2] == "platform/down") CHECK(row.values[0] == Approx(1.0).epsilon(0.01));
  // 7 sessions: 0.86 Mbps each, below the minimum: they fail and the patients are unserved
  // for lack of network (the pathway has nothing else).
  const ResultSet seven = run_once(shared_link(7), "seven.yaml");
  CHECK(summary(seven, "sessions_failed") > 100);
  CHECK(summary(seven, "unserved_network") > 100);
  CHECK(summary(seven, "episodes") ==
        summary(seven, "served") + summary(seven, "unserved") + summary(seven, "in_progress"));
}

namespace {
// Two communes 30 km (25 min) apart by the only road; the practice is in B.
const char* kTwoCommunes = R"(
scenario: {horizon: HORIZON, warmup: WARMUP, replications: 1, seed: 8}
territory:
  communes: [{insee: "40001", name: A, population: 3000, lat: 47.5, lon: 1.5},
             {insee: "40002", name: B, population: 3000, lat: 47.7, lon: 1.5}]
  roads: {edges: ROADS}
  network:
    technologies:
      adsl: {down: 8 Mbps, up: 1 Mbps, latency: 20 ms}
      ftth: {down: 1 Gbps, up: 500 Mbps, latency: 2 ms}
    coverage: {default: adsl}
    rollout: [{at: 30 d, communes: ["40001"], technology: ftth}]
    platform: {down: 10 Gbps, up: 10 Gbps, latency: 0 ms}
demand:
  care_types:
    visit: {rate: 4 per year, max_wait: 14 d, max_travel: 1 h, duration: {fixed: 10 min},
            remote_share: 1, video: {rate: 1.5 Mbps, min: 1.2 Mbps}, pool: platform, pathway: PATHWAY}
supply:
  remote_pools: [{id: platform, doctors: 3, hours: always}]
  practices: [{id: p, commune: "40002", doctors: 4, hours: always}]
)";

std::string two_communes(const std::string& horizon, const std::string& warmup, const std::string& pathway) {
  std::string y = kTwoCommunes;
  auto put = [&](const std::string& k, const std::string& v) { y.replace(y.find(k), k.size(), v); };
  put("HORIZON", horizon);
  put("WARMUP", warmup);
  put("ROADS", std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/roads-ab.csv");
  put("PATHWAY", pathway);
  return y;
}
}  // namespace

TEST_CASE("rollout: no home teleconsultation before fibre arrives under ADSL - some after", "[models][network]") {
  // ADSL's 1 Mbps uplink is below the 1.2 Mbps minimum: no session can start before day 30.
  const ResultSet before = run_once(two_communes("30 d", "1 d", "[home_remote]"), "before.yaml");
  CHECK(summary(before, "episodes") > 100);
  CHECK(summary(before, "served") == 0);
  CHECK(summary(before, "unserved_network") == summary(before, "episodes"));
  CHECK(busy_hours(before, "platform") == 0);
  // From day 30, commune A has FTTH: its patients consult from home; B's still cannot.
  const ResultSet after = run_once(two_communes("60 d", "31 d", "[home_remote]"), "after.yaml");
  const ResultTable& bc = *after.find("by_commune");
  const auto col = [&](const char* c) { return static_cast<std::size_t>(bc.value_index(c)); };
  for (const auto& row : bc.rows) {
    if (row.keys[2] == "40001") {
      CHECK(row.values[col("served")] > 100);
      CHECK(row.values[col("unserved_network")] == 0);
    } else {
      CHECK(row.values[col("served")] == 0);
    }
  }
  CHECK(busy_hours(after, "platform") > 0);
  // The indicator: half the population on each technology after the rollout.
  const ResultTable& cov = *after.find("coverage");
  REQUIRE(cov.rows.size() == 4);  // two dates x two technologies
  CHECK(cov.rows[0].values[2] == 1.0);  // day 0: adsl for all
  CHECK(cov.rows[3].values[0] == 30.0);
  CHECK(cov.rows[3].values[2] == 0.5);  // day 30: ftth for half
}

TEST_CASE("travel avoided is zero at the nearest provider and the round trip for home care", "[models][network]") {
  // In person: everyone goes to the only practice, their nearest: nothing avoided.
  const ResultSet in_person = run_once(two_communes("60 d", "31 d", "[any_gp]"), "in-person.yaml");
  CHECK(summary(in_person, "served") > 100);
  CHECK(summary(in_person, "travel_avoided_km") == 0);
  CHECK(summary(in_person, "travel_km") > 0);
  // From home (commune A, fibre from day 30): each consultation avoids the 2 x 30 km and
  // 2 x 25 min round trip to the practice in B; B's patients go in person, avoiding nothing.
  const ResultSet home = run_once(two_communes("60 d", "31 d", "[home_remote, any_gp]"), "home.yaml");
  const ResultTable& bc = *home.find("by_commune");
  const auto col = [&](const char* c) { return static_cast<std::size_t>(bc.value_index(c)); };
  for (const auto& row : bc.rows) {
    const double served = row.values[col("served")];
    if (row.keys[2] == "40001") {
      CHECK(served > 100);
      CHECK(row.values[col("travel_km")] == 0);
      CHECK(row.values[col("travel_avoided_km")] == Approx(60.0 * served).epsilon(1e-9));
      CHECK(row.values[col("travel_avoided_min")] == Approx(50.0 * served).epsilon(1e-9));
    } else {
      CHECK(row.values[col("travel_avoided_km")] == 0);
    }
  }
}

TEST_CASE("tele-expertise answers after the consultation - the upload and the specialist's delay", "[models][network]") {
  // The GP in B sees the patient at once (always open, little demand), uploads 5 MB on ADSL
  // (1 Mbps up: 40 s + 20 ms), the dermatologist answers one hour after it arrives.
  std::string y = two_communes("40 d", "1 d", "[tele_expertise]");
  y.replace(y.find("pool: platform, pathway"), std::string("pool: platform, pathway").size(),
            "tele_expertise: {pool: dermato, upload: 5 MB, delay: {fixed: 1 h}}, pathway");
  y.replace(y.find("  remote_pools: ["), std::string("  remote_pools: [").size(),
            "  remote_pools: [{id: dermato, doctors: 1, hours: always}, ");
  y.replace(y.find("population: 3000, lat: 47.7"), std::string("population: 3000, lat: 47.7").size(),
            "population: 300, lat: 47.7");
  y.replace(y.find("population: 3000, lat: 47.5"), std::string("population: 3000, lat: 47.5").size(),
            "population: 0, lat: 47.5");
  const ResultSet set = run_once(y, "tele.yaml");
  CHECK(summary(set, "served") > 50);
  const double expected_days = (600 + 40.02 + 3600) / 86400.0;
  CHECK(summary(set, "wait_days_median") == Approx(expected_days).epsilon(0.006));
  CHECK(summary(set, "wait_days_median") > (600 + 3600 + 20) / 86400.0);  // the upload counts
  CHECK(summary(set, "travel_km") == 0);  // B's patients see their own GP in B
}

TEST_CASE("EHPAD residents consult at their own cart and the public does not use it", "[models][network]") {
  std::string y = two_communes("90 d", "7 d", "[cabin, any_gp]");
  y.replace(y.find("demand:\n  care_types:\n"), std::string("demand:\n  care_types:\n").size(),
            "demand:\n  care_types:\n"
            "    geriatric_review: {population: residents, rate: 6 per year, max_wait: 7 d, max_travel: 1 h,\n"
            "                       duration: {fixed: 20 min}, remote_share: 1, pathway: [cabin, any_gp]}\n");
  y.replace(y.find("  remote_pools: ["), std::string("  remote_pools: [").size(),
            "  ehpads: [{id: ehpad-a, commune: \"40001\", residents: 80,\n"
            "            cart: {pool: platform, hours: {mon-fri: \"09:00-17:00\"}}}]\n"
            "  cabins: [{id: public-a, commune: \"40001\", pool: platform, hours: always}]\n"
            "  remote_pools: [");
  const ResultSet set = run_once(y, "ehpad.yaml");
  const double residents_served = summary(set, "served.geriatric_review");
  CHECK(residents_served > 50);
  CHECK(summary(set, "travel_km.geriatric_review") == 0);  // at the bedside
  // The cart carried the residents' consultations and nothing else (20 min each; the few
  // that straddle the warm-up are counted in part).
  CHECK(busy_hours(set, "ehpad-a/cart") == Approx(residents_served * 20 / 60.0).margin(1.0));
  // The public's teleconsultations went to the public cabin beside it (fibre from day 30).
  CHECK(busy_hours(set, "public-a") > 0);
  CHECK(summary(set, "episodes") == summary(set, "served") + summary(set, "unserved") + summary(set, "in_progress"));
}

TEST_CASE("cabins standing in a practice share its line", "[models][network]") {
  // Two cabins always in demand on a 2 Mbps line: 1 Mbps each when both consult, below
  // the 1.5 Mbps asked. On lines of their own they never degrade.
  const std::string yaml = R"(
scenario: {horizon: 15 d, warmup: 1 d, replications: 1, seed: 6}
territory:
  communes: [{insee: "50001", name: Here, population: 50000, lat: 47.5, lon: 1.5},
             {insee: "50002", name: There, population: 0, lat: 47.6, lon: 1.5}]
  roads: {model: knn, k: 1, detour: 1.3, speed: 60 km/h}
  network:
    technologies: {vdsl: {down: 2 Mbps, up: 2 Mbps, latency: 0 ms}}
    coverage: {default: vdsl}
demand:
  care_types:
    visit: {rate: 20 per year, max_wait: 1 d, max_travel: 1 h, duration: {fixed: 15 min},
            remote_share: 1, video: {rate: 1.5 Mbps, min: 500 kbps}, pathway: [cabin]}
supply:
  practices: [{id: msp, commune: "50001", doctors: 1, hours: {sat: "09:00-10:00"}}]
  remote_pools: [{id: platform, doctors: 2, hours: always}]
  cabins:
    - {id: cab-1, commune: "50001", pool: platform, hours: always HOST}
    - {id: cab-2, commune: "50001", pool: platform, hours: always HOST}
)";
  auto with_host = [&](const std::string& host) {
    std::string y = yaml;
    for (std::size_t at; (at = y.find(" HOST")) != std::string::npos;) y.replace(at, 5, host);
    return y;
  };
  const ResultSet shared = run_once(with_host(", host: msp"), "shared.yaml");
  const ResultSet own = run_once(with_host(""), "own.yaml");
  CHECK(summary(shared, "served") > 500);
  CHECK(summary(shared, "sessions_degraded") > 100);
  CHECK(summary(own, "sessions_degraded") == 0);
  bool practice_line_used = false;
  for (const auto& row : shared.find("links")->rows) practice_line_used |= row.keys[2] == "msp/up" && row.values[0] > 0.5;
  CHECK(practice_line_used);
}
