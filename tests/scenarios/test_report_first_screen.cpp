// The first screen names the measure a plan moves most beyond served, wait and km, and a
// difference that shows as zero reads "unchanged", in the report and the printed summary.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "models/experiment.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report.hpp"
#include "scenarios/report_first_screen.hpp"
#include "scenarios/report_words.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

namespace {

/** Cabin consultations over fibre; the plan puts every line on ADSL (0.8 Mbps up, below the
 *  video's rate): only the video sessions change, the needs served, waits and km do not. */
const char* kNetwork = R"(scenario: {name: network, horizon: 60 d, warmup: 14 d, replications: 3, seed: 5}
territory:
  communes:
    - {insee: "00001", name: Bourg, population: 20000, lat: 47.0, lon: 1.0}
    - {insee: "00002", name: Hameau, population: 2000, lat: 47.9, lon: 1.0}
    - {insee: "00003", name: Village, population: 3000, lat: 47.05, lon: 1.0}
  roads: {model: knn, k: 1, detour: 1.3, speed: 60 km/h}
  network:
    technologies:
      ftth: {down: 1 Gbps, up: 500 Mbps, latency: 5 ms}
      adsl: {down: 8 Mbps, up: 0.8 Mbps, latency: 30 ms}
    coverage: {default: ftth}
demand:
  care_types:
    visit: {rate: 4 per year, max_wait: 7 d, max_travel: 30 min, duration: {fixed: 15 min}, remote_share: 0.5,
            pathway: [own_gp, any_gp, cabin]}
supply:
  practices:
    - {id: cab-bourg, commune: "00001", doctors: 1, hours: {mon-fri: "09:00-17:00"}}
  remote_pools: [{id: pool, doctors: 2, hours: {mon-fri: "09:00-17:00"}}]
  cabins:
    - {id: old-cabin, commune: "00002", pool: pool, hours: {mon-fri: "09:00-17:00"}}
plans:
  adsl-only:
    set: {territory.network.coverage.default: adsl}
)";

struct Ran {
  Scenario scenario;
  RunResult result;
};

const Ran& network_run() {
  static const Ran ran = [] {
    // One folder per process: ctest runs this file's cases side by side, and one truncating
    // the scenario while another loads it read an empty file.
    const auto dir = std::filesystem::temp_directory_path() / ("maillage-first-screen-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "s.yaml") << kNetwork;
    Ran r;
    r.scenario = load_scenario((dir / "s.yaml").string());
    RunOptions options;
    options.jobs = 1;
    r.result = run_experiment(r.scenario, options);
    return r;
  }();
  return ran;
}

std::string html(Lang lang) {
  const Ran& r = network_run();
  std::ostringstream out;
  ReportContext context;
  context.title = r.scenario.name;
  context.lang = lang;
  write_report(r.result, context, out);
  return out.str();
}

}  // namespace

TEST_CASE("first screen names the measure a plan moves most when served wait and km do not move", "[report]") {
  const auto en = first_screen_sentences(network_run().result, Lang::en);
  REQUIRE(en.size() == 1);
  // The sure effect leads; the three questions read "unchanged", not "0.00 days longer [0.00; 0.00]".
  CHECK_THAT(en[0], Catch::Matches("adsl-only: [0-9,]+ more video sessions degraded a year \\[[0-9,]+; [0-9,]+\\]; needs served "
                                   "unchanged; visit mean wait unchanged; km driven unchanged"));
  CHECK_THAT(en[0], !Catch::Contains("not surely different"));
  const auto fr = first_screen_sentences(network_run().result, Lang::fr);
  REQUIRE(fr.size() == 1);
  CHECK_THAT(fr[0], Catch::Contains("séances vidéo dégradées en plus par an ["));
  CHECK_THAT(fr[0], Catch::Contains("besoins couverts inchangés\u00a0; délai moyen pour visit inchangé\u00a0; km parcourus inchangés"));
  CHECK_THAT(html(Lang::en), Catch::Contains("more video sessions degraded a year"));
}

TEST_CASE("a difference that shows as zero reads unchanged in the printed summary and the report", "[report]") {
  const RunResult& r = network_run().result;
  std::ostringstream en, fr;
  print_summary(r, en, Lang::en);
  print_summary(r, fr, Lang::fr);
  // Matched line by line: a regex over the whole printout recurses per character in
  // libstdc++ and overflows the stack under AddressSanitizer.
  auto line_of = [](const std::string& text, const std::string& start) {  // the plan's, printed last
    std::istringstream in(text);
    std::string found;
    for (std::string line; std::getline(in, line);)
      if (line.rfind(start, 0) == 0) found = line;
    return found;
  };
  CHECK_THAT(line_of(en.str(), "  served "), Catch::Matches("  served +[0-9]+ +\\[[0-9]+, [0-9]+\\] +[0-9]+ +unchanged *"));
  CHECK_THAT(en.str(), !Catch::Contains("0 [0, 0]"));
  CHECK_THAT(en.str(), !Catch::Contains("0.00 [0.00, 0.00]"));
  CHECK_THAT(fr.str(), Catch::Contains("inchangé"));
  // A difference that is not zero keeps its numbers.
  CHECK_THAT(line_of(en.str(), "  sessions degraded "),
             Catch::Matches("  sessions degraded +[0-9]+ +\\[[0-9]+, [0-9]+\\] +[0-9]+ +\\+[0-9]+ \\[[0-9]+, [0-9]+\\].*"));
  const std::string page = html(Lang::en);
  CHECK_THAT(page, Catch::Contains("<tr><td>needs served</td>"));
  CHECK_THAT(page, Catch::Contains("<td>unchanged</td><td></td>"));
  CHECK_THAT(html(Lang::fr), Catch::Contains("<td>inchangé</td><td></td>"));
  // The first screen's glossary explains the measure it added.
  CHECK_THAT(page, Catch::Contains("<dt>sessions degraded</dt><dd>video consultations below the video's bit rate"));
}

TEST_CASE("a baseline alone gets its own answers on the first screen", "[report]") {
  const Ran& ran = network_run();
  RunOptions options;
  options.jobs = 1;
  options.plans = {"baseline"};
  const RunResult alone = run_experiment(ran.scenario, options);
  ReportContext context;
  context.title = ran.scenario.name;
  for (const Lang lang : {Lang::en, Lang::fr}) {
    std::ostringstream out;
    context.lang = lang;
    write_report(alone, context, out);
    const std::string page = out.str();
    CHECK_THAT(page, !Catch::Contains(word("first.no_baseline", lang)));
    CHECK_THAT(page, Catch::Contains(word("first.base.intro", lang)));
    if (lang == Lang::en) {  // the sentence's line only: a regex over the page overflows ASan's stack
      const auto at = page.find("<li><b>baseline</b>");
      REQUIRE(at != std::string::npos);
      CHECK_THAT(page.substr(at, page.find('\n', at) - at),
                 Catch::Matches("<li><b>baseline</b>: [0-9,]+ needs served a year \\[[0-9,]+; [0-9,]+\\]; "
                                "[0-9.]+% of needs unserved \\[[0-9.]+; [0-9.]+\\]; visit mean wait [0-9.]+ days? "
                                "\\[[0-9.]+; [0-9.]+\\]; [0-9,]+ km driven a year \\[[0-9,]+; [0-9,]+\\]</li>"));
    }
    else
      CHECK_THAT(page, Catch::Contains("<li><b>référence (baseline)\u00a0</b>:"));
  }
}

TEST_CASE("the scenario's caveats come before any figure - escaped - and only when there are some", "[report]") {
  const Ran& ran = network_run();
  Scenario scenario = ran.scenario;
  ReportContext context;
  context.title = scenario.name;
  context.scenario = &scenario;
  for (const Lang lang : {Lang::en, Lang::fr}) {
    context.lang = lang;
    std::ostringstream none;
    write_report(ran.result, context, none);
    CHECK_THAT(none.str(), !Catch::Contains("id=\"caveats\""));
    scenario.caveats = {"The practices are invented.", "Roads <script>alert(1)</script> & distances"};
    std::ostringstream out;
    write_report(ran.result, context, out);
    const std::string page = out.str();
    const auto box = page.find("id=\"caveats\"");
    REQUIRE(box != std::string::npos);
    CHECK(box < page.find("<ul>\n<li><b>"));  // before the first plan's answers
    CHECK(page.find(word("caveat.title", lang), box) != std::string::npos);
    CHECK(page.find("<li>The practices are invented.</li>", box) != std::string::npos);
    CHECK(page.find("<li>Roads &lt;script&gt;alert(1)&lt;/script&gt; &amp; distances</li>", box) != std::string::npos);
    CHECK_THAT(page, !Catch::Contains("<script>"));
    scenario.caveats.clear();
  }
}

TEST_CASE("a mean wait that leaves out many needs in progress at the end is flagged as a lower bound", "[report]") {
  // Needs booked past the horizon have the longest waits and are left out of the mean: over
  // kCensoredShare of a care type's needs, the first screen says to read it as a lower bound.
  RunResult r = network_run().result;
  const auto types = [&] {
    std::vector<std::string> out;
    for (const auto& row : r.kpis.rows)
      if (row.keys[0] == "baseline" && row.keys[1].rfind("in_progress.", 0) == 0) out.push_back(row.keys[1].substr(12));
    return out;
  }();
  REQUIRE(!types.empty());
  auto set_share = [&](const std::string& ct, double share) {
    double episodes = 0;
    for (const auto& row : r.kpis.rows)
      if (row.keys[1] == "episodes." + ct) episodes = std::max(episodes, r.kpis.value(row, "mean"));
    REQUIRE(episodes > 0);
    for (auto& row : r.kpis.rows)
      if (row.keys[1] == "in_progress." + ct) row.values[static_cast<std::size_t>(r.kpis.value_index("mean"))] = share * episodes;
  };
  for (const auto& ct : types) set_share(ct, 0.0);
  CHECK(censored_waits(r, Lang::en).empty());
  set_share(types[0], 0.05);
  const auto said = censored_waits(r, Lang::en);
  REQUIRE(said.size() == 1);
  CHECK_THAT(said[0], Catch::StartsWith("The mean wait for ") && Catch::Contains("leaves out 5.0% of its needs") &&
                          Catch::Contains("lower bound"));
  CHECK_THAT(censored_waits(r, Lang::fr)[0], Catch::Contains("5,0\u00a0% de ses besoins"));
  ReportContext context;
  context.title = "t";
  std::ostringstream out;
  write_report(r, context, out);
  const std::string page = out.str();
  const auto box = page.find("id=\"caveats\"");
  REQUIRE(box != std::string::npos);
  CHECK(page.find("leaves out 5.0% of its needs", box) != std::string::npos);
}
