// Care types as a person reads them: the scenario's `label:` in every text a person reads
// (report, printed summary), the keys in the CSV files; and a cost verdict on the wait care
// type by care type, never days waited summed over care types.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "models/experiment.hpp"
#include "scenarios/care_type_label.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report.hpp"
#include "scenarios/report_first_screen.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

namespace {

const std::string kFixture = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/two-waits.yaml";

std::string fixture_text() {
  std::ifstream in(kFixture);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/** The message the fixture's load throws with `label_yaml` as the visit's label ("" when it loads). */
std::string label_error(const std::string& label_yaml) {
  std::string yaml = fixture_text();
  const std::string at = "visit: {rate:";
  const auto pos = yaml.find(at);
  REQUIRE(pos != std::string::npos);
  yaml.replace(pos, at.size(), "visit: {label: " + label_yaml + ", rate:");
  try {
    load_scenario_text(yaml, "labels.yaml", std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures");
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

/** two-waits.yaml with labels (one with markup, to be escaped) and a practice's running
 *  cost: the plan adds a GP to it for the same money. */
const Scenario& labelled() {
  static const Scenario sc =
      load_scenario(kFixture, {{"demand.care_types.visit.label", "{en: \"GP <script>alert(1)</script> visit\", fr: \"visite\"}"},
                               {"demand.care_types.eyes.label", "ophthalmologist"},
                               {"supply.practices[0].cost", "{per_year: 100000 EUR}"}});
  return sc;
}

const RunResult& labelled_run() {
  static const RunResult r = [] {
    const Scenario& sc = labelled();
    RunOptions options;
    options.jobs = 1;
    return run_experiment(sc, options);
  }();
  return r;
}

}  // namespace

TEST_CASE("a care type's label is one text or one per report language - the key by default", "[scenarios]") {
  const Scenario sc = load_scenario(kFixture, {{"demand.care_types.visit.label", "{en: GP visit, fr: visite}"},
                                               {"demand.care_types.eyes.label", "{fr: ophtalmologue}"}});
  REQUIRE(sc.care_types.size() == 2);
  CHECK(sc.care_types[0].label.en == "GP visit");
  CHECK(sc.care_types[0].label.fr == "visite");
  CHECK(care_type_label(sc, "visit", Lang::en) == "GP visit");
  CHECK(care_type_label(sc, "visit", Lang::fr) == "visite");
  // A language left out takes the other's; no label at all, the key.
  CHECK(care_type_label(sc, "eyes", Lang::en) == "ophtalmologue");
  CHECK(care_type_label(sc, "eyes", Lang::fr) == "ophtalmologue");
  const Scenario plain = load_scenario(kFixture);
  CHECK(care_type_label(plain, "visit", Lang::en) == "visit");
  CHECK(care_type_label(plain, "visit", Lang::fr) == "visit");
  const Scenario one = load_scenario(kFixture, {{"demand.care_types.visit.label", "GP visit"}});
  CHECK(care_type_label(one, "visit", Lang::fr) == "GP visit");
  CHECK(care_type_label(one, "nonesuch", Lang::en) == "nonesuch");
}

TEST_CASE("a bad care type label is an error with where and what was expected", "[scenarios]") {
  CHECK(label_error("GP visit") == "");
  CHECK(label_error("{en: GP visit}") == "");
  const std::string list = label_error("[a, b]");
  CHECK_THAT(list, Catch::Contains("labels.yaml:13:"));
  CHECK_THAT(list, Catch::Contains("demand.care_types.visit.label: expected a text, got a list"));
  CHECK_THAT(label_error("{de: Hausarzt}"),
             Catch::Contains("demand.care_types.visit.label.de: unknown key") && Catch::Contains("expected one of: en, fr"));
  CHECK_THAT(label_error("{}"), Catch::Contains("demand.care_types.visit.label: expected a text, or {en: text, fr: text}"));
  CHECK_THAT(label_error("{en: \"\"}"), Catch::Contains("demand.care_types.visit.label.en: expected a non-empty text"));
  CHECK_THAT(label_error("{fr: [x]}"), Catch::Contains("demand.care_types.visit.label.fr: expected a text, got a list"));
}

TEST_CASE("the report and the printed summary name care types by their labels - escaped - and the CSV files by their keys",
          "[report]") {
  const RunResult& r = labelled_run();
  const std::string en_label = "GP <script>alert(1)</script> visit";
  // The first screen: the plan's sentence names the visit by its label, in either language.
  const auto en = first_screen_sentences(r, Lang::en);
  REQUIRE(en.size() == 1);
  CHECK_THAT(en[0], Catch::Contains(en_label + " mean wait "));
  const auto fr = first_screen_sentences(r, Lang::fr);
  REQUIRE(fr.size() == 1);
  CHECK_THAT(fr[0], Catch::Contains("délai moyen pour visite plus court"));

  // The page: labels escaped everywhere, never raw markup; the tables and maps use them.
  ReportContext context;
  context.title = "labels";
  context.scenario = &labelled();
  std::ostringstream page;
  write_report(r, context, page);
  const std::string html = page.str();
  CHECK_THAT(html, !Catch::Contains("<script>"));
  CHECK_THAT(html, Catch::Contains("GP &lt;script&gt;alert(1)&lt;/script&gt; visit mean wait"));
  CHECK_THAT(html, Catch::Contains("<td>GP &lt;script&gt;alert(1)&lt;/script&gt; visit: wait mean (d)</td>"));
  CHECK_THAT(html, Catch::Contains("<td>ophthalmologist: wait mean (d)</td>"));
  CHECK_THAT(html, Catch::Contains("baseline: GP &lt;script&gt;alert(1)&lt;/script&gt; visit: wait mean (d)</figcaption>"));
  CHECK_THAT(html, Catch::Contains("baseline: ophthalmologist: wait mean (d)</figcaption>"));
  CHECK_THAT(html, !Catch::Contains("<td>eyes"));
  // The cost table's row per care type.
  CHECK_THAT(html, Catch::Contains("<tr><td>more-gps</td><td class=\"wrap\">GP &lt;script&gt;alert(1)&lt;/script&gt; visit mean wait "));
  CHECK_THAT(html, Catch::Contains("<tr><td>more-gps</td><td class=\"wrap\">ophthalmologist mean wait unchanged</td>"));
  context.lang = Lang::fr;
  std::ostringstream page_fr;
  write_report(r, context, page_fr);
  CHECK_THAT(page_fr.str(), Catch::Contains("<td>visite : attente moyenne (j)</td>"));

  std::ostringstream printed;
  print_summary(r, printed, Lang::en);
  CHECK_THAT(printed.str(), Catch::Contains("  " + en_label + ": wait mean (d) "));
  CHECK_THAT(printed.str(), Catch::Contains("  ophthalmologist: unserved share "));
  CHECK_THAT(printed.str(), Catch::Contains("    ophthalmologist mean wait unchanged: "));

  // The files scripts read keep the keys.
  const auto dir = std::filesystem::temp_directory_path() / "maillage-test-care-type-labels";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  write_outputs(r, dir.string());
  std::ifstream summary(dir / "summary.csv"), ce(dir / "cost_effectiveness.csv");
  std::string header, ce_header;
  std::getline(summary, header);
  std::getline(ce, ce_header);
  CHECK_THAT(header, Catch::Contains("wait_days_mean.visit") && Catch::Contains("wait_days_mean.eyes"));
  CHECK_THAT(header, !Catch::Contains("ophthalmologist") && !Catch::Contains("script"));
  CHECK_THAT(ce_header, Catch::Contains("verdict_wait.visit") && Catch::Contains("wait_days_shorter.eyes"));
  CHECK_THAT(ce_header, !Catch::Contains("ophthalmologist"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the cost verdict judges each care type's mean wait - never days waited summed over care types", "[report]") {
  // By hand: a plan that serves twice the needs of each care type at the same waits. Days
  // waited summed over care types (mean wait x served) would double, a loss the plan did not
  // cause; each care type's mean wait is unchanged, and it is that the verdict reads.
  ResultTable summary;
  summary.key_columns = {"plan", "replication"};
  summary.value_columns = {"served", "travel_km", "wait_days_mean", "wait_days_mean.acute", "wait_days_mean.eyes"};
  const double jitter[] = {0.0, 0.1, -0.1, 0.05};
  for (int rep = 0; rep < 4; ++rep) {
    const double j = jitter[rep];
    summary.rows.push_back({{"baseline", std::to_string(rep)}, {1000 + j, 5000, 10 + j, 1 + j, 60 + j}});
    summary.rows.push_back({{"more", std::to_string(rep)}, {2000 + j, 5000, 10 + j, 1 + j, 60 + j}});
    // A plan that shortens the same-day wait by half a day at a price, the eyes' unchanged.
    summary.rows.push_back({{"faster", std::to_string(rep)}, {1000 + j, 5000, 9.5 + j, 0.5 + j, 60 + j}});
    // The same for no more money.
    summary.rows.push_back({{"cheap-faster", std::to_string(rep)}, {1000 + j, 5000, 9.5 + j, 0.5 + j, 60 + j}});
  }
  const ResultTable t = cost_effectiveness(summary, {{"baseline", 1000.0}, {"more", 1000.0}, {"faster", 51000.0}, {"cheap-faster", 1000.0}}, 1.0);
  // The old sum is gone, in every form.
  for (const char* gone : {"wait_days_avoided_per_year", "eur_per_wait_day_avoided"}) CHECK(t.value_index(gone) < 0);
  CHECK(std::find(t.key_columns.begin(), t.key_columns.end(), "verdict_wait_days") == t.key_columns.end());
  CHECK(t.key_columns == std::vector<std::string>{"plan", "verdict_served", "verdict_km", "verdict_wait.acute", "verdict_wait.eyes"});
  REQUIRE(t.rows.size() == 4);
  const auto& base = t.rows[0];
  const auto& more = t.rows[1];
  const auto& faster = t.rows[2];
  CHECK(base.keys[3].empty());
  CHECK(std::isnan(t.value(base, "wait_days_shorter.acute")));
  // "more": the waits did not move (not "days waited" up by 10,000 a year).
  CHECK(more.keys[1] == "dominant");
  CHECK(t.value(more, "wait_days_shorter.acute") == Approx(0).margin(1e-12));
  CHECK(t.value(more, "wait_days_shorter.eyes") == Approx(0).margin(1e-12));
  CHECK(more.keys[3] == "no sure gain");
  CHECK(more.keys[4] == "no sure gain");
  // "faster": half a day off the same-day wait, for 50,000 EUR a year more: 100,000 EUR a
  // year per day off, its interval around it.
  CHECK(faster.keys[3] == "ratio");
  CHECK(t.value(faster, "wait_days_shorter.acute") == Approx(0.5));
  CHECK(t.value(faster, "wait_days_shorter_low.acute") <= 0.5);
  CHECK(t.value(faster, "wait_days_shorter_high.acute") >= 0.5);
  CHECK(t.value(faster, "eur_per_day_shorter.acute") == Approx(100000));
  CHECK(t.value(faster, "eur_per_day_shorter_low.acute") <= 100000);
  CHECK(t.value(faster, "eur_per_day_shorter_high.acute") >= 100000);
  CHECK(faster.keys[4] == "dominated");  // more money, surely no shorter

  CHECK(std::isnan(t.value(faster, "eur_per_day_shorter.eyes")));

  // In words: the sure verdicts by care type, the others together; no "days waited".
  RunResult r;
  r.cost_effectiveness = t;
  r.care_type_labels["acute"] = CareTypeLabel{"same-day care", "soins du jour"};
  r.kpis = key_performance_indicators(summary, 365);
  const auto en = first_screen_sentences(r, Lang::en);
  REQUIRE(en.size() == 3);
  CHECK_THAT(en[0], Catch::Contains("verdict: needs served: dominant, km driven: no sure gain, mean waits: no sure gain"));
  CHECK_THAT(en[1], Catch::Contains("same-day care mean wait: 100,000.00 EUR a year per day off the mean wait ["));
  CHECK_THAT(en[1], Catch::Contains(", eyes mean wait: dominated"));
  CHECK_THAT(en[2], Catch::Contains("same-day care mean wait: dominant, other care types' mean waits: no sure gain"));
  const auto fr = first_screen_sentences(r, Lang::fr);
  CHECK_THAT(fr[1], Catch::Contains("délai moyen pour soins du jour\u00a0: "));
  for (const auto& s : {en[0], en[1], fr[0], fr[1]}) {
    CHECK_THAT(s, !Catch::Contains("days waited"));
    CHECK_THAT(s, !Catch::Contains("jours d'attente"));
  }
  std::ostringstream printed;
  print_cost_effectiveness(r, printed, Lang::en);
  CHECK_THAT(printed.str(), Catch::Contains("    same-day care mean wait 12.0 hours shorter [12.0, 12.0]: 100000.00 EUR a year "
                                             "per day off the mean wait ["));
  CHECK_THAT(printed.str(), Catch::Contains("    eyes mean wait unchanged: dominated\n"));
  CHECK_THAT(printed.str(), !Catch::Contains("days waited"));
  std::ostringstream page;
  write_report(r, ReportContext{}, page);
  CHECK_THAT(page.str(), Catch::Contains("<tr><td>faster</td><td class=\"wrap\">same-day care mean wait 12.0 hours shorter [12.0; 12.0]</td><td>100,000.00 "));
  CHECK_THAT(page.str(), Catch::Contains("<tr><td>cheap-faster</td><td class=\"wrap\">eyes mean wait unchanged</td><td>no sure gain</td></tr>"));
  CHECK_THAT(page.str(), !Catch::Contains("days waited"));
  CHECK_THAT(page.str(), !Catch::Contains("wait days avoided"));
}
