#include <catch2/catch.hpp>

#include <sstream>

#include "models/experiment.hpp"
#include "models/simulation.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/session_causes.hpp"
#include "tests/support/run_once.hpp"

using namespace maillage;

namespace {

// Three cabins, one per commune: ADSL whose 800 kbps upload is below the 1.5 Mbps video,
// a line whose 1 Mbps download is, and fibre. Each cabin is the only one its commune reaches.
const char* kThreeLines = R"(
scenario: {horizon: 20 d, warmup: 2 d, replications: 1, seed: 3}
territory:
  communes: [{insee: "60001", name: Adsl, population: 20000, lat: 47.0, lon: 1.0},
             {insee: "60002", name: Down, population: 20000, lat: 48.0, lon: 1.0},
             {insee: "60003", name: Fibre, population: 20000, lat: 49.0, lon: 1.0}]
  roads: {model: knn, k: 1, detour: 1.3, speed: 60 km/h}
  network:
    technologies:
      adsl: {down: 8 Mbps, up: 800 kbps, latency: 20 ms}
      thin: {down: 1 Mbps, up: 10 Mbps, latency: 10 ms}
      ftth: {down: 1 Gbps, up: 500 Mbps, latency: 2 ms}
    coverage: {default: adsl, communes: {"60002": thin, "60003": ftth}}
demand:
  care_types:
    visit: {rate: 5 per year, max_wait: 2 d, max_travel: 30 min, duration: {fixed: 15 min},
            remote_share: 1, video: {rate: 1.5 Mbps, min: 500 kbps}, pathway: [cabin]}
supply:
  remote_pools: [{id: platform, doctors: 6, hours: always}]
  cabins:
    - {id: cab-adsl, commune: "60001", pool: platform, hours: always}
    - {id: cab-down, commune: "60002", pool: platform, hours: always}
    - {id: cab-fibre, commune: "60003", pool: platform, hours: always}
)";

const ResultTable::Row& row_of(const ResultTable& t, const std::string& resource) {
  for (const auto& r : t.rows)
    if (r.keys[2] == resource) return r;
  FAIL("no utilisation row for " << resource);
  return t.rows.front();
}

}  // namespace

TEST_CASE("each cabin says which way and which line degraded its sessions", "[models][network]") {
  const Scenario sc = load_scenario_text(kThreeLines, "lines.yaml", ".");
  const ResultSet set = test::run_once(sc);
  const ResultTable& u = *set.find("utilisation");
  const auto v = [&](const std::string& id, const char* column) {
    return row_of(u, id).values[static_cast<std::size_t>(u.value_index(column))];
  };
  const std::size_t by = 5, tech = 6;  // the key columns limited_by, technology
  REQUIRE(u.key_columns[by] == "limited_by");
  REQUIRE(u.key_columns[tech] == "technology");

  // ADSL: every session degraded (0.8 Mbps < 1.5 Mbps, above the 0.5 Mbps minimum), by the upload.
  CHECK(v("cab-adsl", "sessions") > 50);
  CHECK(v("cab-adsl", "sessions_degraded_share") == 1.0);
  CHECK(v("cab-adsl", "sessions_failed_share") == 0.0);
  CHECK(row_of(u, "cab-adsl").keys[by] == "upload");
  CHECK(row_of(u, "cab-adsl").keys[tech] == "adsl");
  CHECK(v("cab-adsl", "limiting_line_mbps") == Approx(0.8));
  CHECK(v("cab-adsl", "video_mbps") == Approx(1.5));
  // The thin line: by the download.
  CHECK(v("cab-down", "sessions_degraded_share") == 1.0);
  CHECK(row_of(u, "cab-down").keys[by] == "download");
  CHECK(row_of(u, "cab-down").keys[tech] == "thin");
  CHECK(v("cab-down", "limiting_line_mbps") == Approx(1.0));
  // Fibre: nothing to explain.
  CHECK(v("cab-fibre", "sessions") > 50);
  CHECK(v("cab-fibre", "sessions_degraded_share") == 0.0);
  CHECK(row_of(u, "cab-fibre").keys[by].empty());
  // The pool's row counts every session, and the territory's measure agrees.
  const double pooled = v("platform", "sessions");
  CHECK(pooled == v("cab-adsl", "sessions") + v("cab-down", "sessions") + v("cab-fibre", "sessions"));
  CHECK(test::first(set, "summary", "sessions_degraded") ==
        Approx(v("cab-adsl", "sessions") + v("cab-down", "sessions")));

  // In words, in the printed summary: the most affected first, the fibre cabin not at all.
  RunResult r;
  r.utilisation = u;
  const auto lines = session_cause_lines(r.utilisation, "baseline", Lang::en);
  REQUIRE(lines.size() == 3);  // two cabins, then the pool
  CHECK(lines[2].find("platform (remote_pool)") == 0);
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  INFO(all);
  CHECK(all.find("cab-adsl (cabin, 60001): 100% of ") != std::string::npos);
  CHECK(all.find("limited by the upload of its adsl line (0.8 Mbps nominal, below the 1.5 Mbps video)") != std::string::npos);
  CHECK(all.find("limited by the download of its thin line (1.0 Mbps nominal, below the 1.5 Mbps video)") != std::string::npos);
  CHECK(all.find("cab-fibre") == std::string::npos);

  // The printed summary and the report carry them.
  r.summary = *set.find("summary");
  r.kpis = key_performance_indicators(r.summary, test::first(set, "summary", "period_days"));
  std::ostringstream printed, html;
  print_summary(r, printed);
  CHECK_THAT(printed.str(), Catch::Contains("network, by site:\n    cab-adsl (cabin, 60001): 100% of "));
  session_causes_html(html, r.utilisation, {"baseline"}, Lang::en);
  CHECK_THAT(html.str(), Catch::Contains("<h2>Network</h2>") && Catch::Contains("<li>cab-down (cabin, 60002): 100% of "));
}

TEST_CASE("session causes pool replications and stay silent without degraded sessions", "[scenarios]") {
  ResultTable u;
  UtilisationRows::set_columns(u);
  const std::string plan = "baseline", one = "1", two = "2";
  UtilisationDetail d;
  d.sessions = 100, d.sessions_degraded_share = 0.5, d.sessions_failed_share = 0.1;
  d.limited_by = "upload", d.technology = "adsl", d.limiting_line_mbps = 0.8, d.video_mbps = 1.5;
  UtilisationRows{u, plan, one}.add("cab", "kiosk", "41001", 3600, 7200, 0, d);
  d.sessions = 300, d.sessions_degraded_share = 0.1, d.sessions_failed_share = 0;
  UtilisationRows{u, plan, two}.add("cab", "kiosk", "41001", 3600, 7200, 0, d);
  UtilisationRows{u, plan, one}.add("quiet", "cabin", "41002", 3600, 7200, 0, UtilisationDetail{});
  const auto causes = session_causes(u, plan);
  REQUIRE(causes.size() == 1);
  CHECK(causes[0].sessions == 400);
  CHECK(causes[0].degraded == 80);
  CHECK(causes[0].failed == 10);
  CHECK(causes[0].limited_by == "upload");
  CHECK(causes[0].replications == 2);
  // A planner reads a replication's sessions, not the sum over replications.
  CHECK_THAT(session_cause_lines(u, plan, Lang::en).at(0), Catch::StartsWith("cab (kiosk, 41001): 20% of 200 sessions a replication degraded, 2% failed"));
  CHECK(session_cause_lines(u, "other-plan", Lang::en).empty());
  std::ostringstream html;
  session_causes_html(html, u, {"other-plan"}, Lang::en);
  CHECK(html.str().empty());  // no section when nothing was degraded
  const auto fr = session_cause_lines(u, plan, Lang::fr);
  REQUIRE(fr.size() == 1);
  CHECK(fr[0] == "cab (kiosk, 41001): 20 % de 200 séances par réplication dégradées, 2 % échouées; limitées par l'envoi "
                 "(montant) de sa ligne adsl (0.8 Mbit/s nominal, sous les 1.5 Mbit/s de la vidéo)");
  std::ostringstream french;
  session_causes_html(french, u, {plan}, Lang::fr);
  CHECK_THAT(french.str(), Catch::StartsWith("<h2>Réseau</h2>\n<p>Les sites dont des séances vidéo ont été dégradées"));
}
