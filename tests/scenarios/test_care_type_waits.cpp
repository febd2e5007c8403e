// Waits are said care type by care type: a plan that moves one care type's wait is not read
// through a mean over care types whose waits differ in kind (tests/fixtures/two-waits.yaml:
// GP visits booked within days, an ophthalmologist booked two months ahead).
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>

#include "models/experiment.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report.hpp"
#include "scenarios/report_first_screen.hpp"
#include "scenarios/report_verdict.hpp"
#include "scenarios/report_words.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/site_ranking.hpp"

using namespace maillage;

namespace {

const std::string kFixture = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures/two-waits.yaml";

const RunResult& plan_run() {
  static const RunResult r = [] {
    const Scenario sc = load_scenario(kFixture);
    RunOptions options;
    options.jobs = 1;
    return run_experiment(sc, options);
  }();
  return r;
}

double kpi(const RunResult& r, const std::string& plan, const std::string& measure, const std::string& column) {
  for (const auto& row : r.kpis.rows)
    if (row.keys[0] == plan && row.keys[1] == measure) return r.kpis.value(row, column);
  FAIL("no kpi " << plan << " " << measure);
  return std::nan("");
}

double value(const ResultTable& t, const ResultTable::Row& row, const std::string& column) {
  const int i = t.value_index(column);
  REQUIRE(i >= 0);
  return row.values[static_cast<std::size_t>(i)];
}

}  // namespace

TEST_CASE("the first screen names the wait of the care type a plan moves - not a mean over care types", "[report]") {
  const RunResult& r = plan_run();
  // The case: one more GP shortens the visit wait, surely; the eyes wait (booked 60 days
  // ahead, tens of times longer) does not move.
  const double d = kpi(r, "more-gps", "wait_days_mean.visit", "diff"), lo = kpi(r, "more-gps", "wait_days_mean.visit", "diff_low"),
               hi = kpi(r, "more-gps", "wait_days_mean.visit", "diff_high");
  INFO("visit wait difference " << d << " [" << lo << ", " << hi << "]; overall " << kpi(r, "more-gps", "wait_days_mean", "diff"));
  REQUIRE(hi < 0);
  REQUIRE(kpi(r, "more-gps", "wait_days_mean.eyes", "diff") == 0);
  REQUIRE(kpi(r, "baseline", "wait_days_mean.eyes", "mean") > 10 * kpi(r, "baseline", "wait_days_mean.visit", "mean"));
  const auto en = first_screen_sentences(r, Lang::en);
  REQUIRE(en.size() == 1);
  // The visit's own difference and interval, in the words' direction (in hours: under a
  // day); the others said unchanged.
  REQUIRE(lo > -1);
  auto hours = [](double days, Lang lang) { return number(24 * days, 1, lang); };
  CHECK_THAT(en[0], Catch::Contains("; visit mean wait " + hours(-d, Lang::en) + " hours shorter [" + hours(-hi, Lang::en) + "; " +
                                    hours(-lo, Lang::en) + "]; other care types' waits unchanged;"));
  // No mean over both care types as the plan's effect.
  CHECK_THAT(en[0], !Catch::Contains("; mean wait"));
  const auto fr = first_screen_sentences(r, Lang::fr);
  REQUIRE(fr.size() == 1);
  CHECK_THAT(fr[0], Catch::Contains("délai moyen pour visit plus court de " + hours(-d, Lang::fr) + " heure"));
  CHECK_THAT(fr[0], Catch::Contains("délais des autres types de soins inchangés"));
  CHECK_THAT(fr[0], !Catch::Contains("délai d'attente moyen"));

  // The report: the glossary says what the care type's wait is; the tables keep the overall
  // mean only as "all care types", beside each care type's.
  std::ostringstream page;
  ReportContext context;
  context.title = "two-waits";
  write_report(r, context, page);
  CHECK_THAT(page.str(), Catch::Contains("<dt>mean wait of a care type</dt><dd>days from the need"));
  CHECK_THAT(page.str(), Catch::Contains("<td>wait (d), mean, all care types</td>"));
  CHECK_THAT(page.str(), Catch::Contains("<td>visit: wait mean (d)</td>"));
  CHECK_THAT(page.str(), Catch::Contains("<td>eyes: wait mean (d)</td>"));
  std::ostringstream printed;
  print_summary(r, printed, Lang::en);
  CHECK_THAT(printed.str(), Catch::Contains("  wait (d), mean, all care types "));
  CHECK_THAT(printed.str(), Catch::Contains("  visit: wait mean (d) "));
  std::ostringstream weeks;  // --series: the weekly mean over every care type, then each care type's
  print_series(r, 30 * 86400.0, weeks);
  CHECK_THAT(weeks.str(), Catch::Contains("unserved share  wait (days), mean, all care types  ED visits  wait visit (d)  wait eyes (d)\n"));
  // The report charts each care type's weekly wait on its own scale, not their mean.
  // (The last week, a day long, is kept: its needs, booked, are all followed to their end.)
  CHECK_THAT(page.str(), Catch::Contains("<figcaption>visit</figcaption>"));
  CHECK_THAT(page.str(), Catch::Contains("<figcaption>eyes</figcaption>"));
  CHECK_THAT(page.str(), !Catch::Contains("left out: over 1% in progress"));
  CHECK_THAT(page.str(), !Catch::Contains("<figcaption>wait (days), mean, all care types</figcaption>"));

  // The maps: the wait of each care type, never one over all care types (a commune near the
  // ophthalmologist, whose needs are served months ahead, would read as the worse off).
  const Scenario sc = load_scenario(kFixture);
  context.scenario = &sc;
  std::ostringstream mapped;
  write_report(r, context, mapped);
  CHECK_THAT(mapped.str(), Catch::Contains("baseline: visit: wait mean (d)"));
  CHECK_THAT(mapped.str(), Catch::Contains("baseline: eyes: wait mean (d)"));
  CHECK_THAT(mapped.str(), !Catch::Contains("baseline: wait (d), mean, all care types"));
}

TEST_CASE("select ranks by and shows the wait of the care types its sites serve - not every care type's", "[selection]") {
  RunOptions options;
  options.replications = 3;
  options.jobs = 1;
  const SiteRanking r = rank_sites(kFixture, options);
  const SiteSelection& sel = *r.scenario.site_selection;
  // MSPs serve the visits (own_gp, any_gp), not the ophthalmologist's patients.
  CHECK(sel.care_types == std::vector<std::string>{"visit"});
  CHECK(objective_measure(sel) == "wait_days_mean.visit");
  const ResultTable& t = r.ranking;
  for (const char* c : {"wait_days_mean.visit", "wait_days_mean.visit_low", "wait_days_mean.visit_high"}) CHECK(t.value_index(c) >= 0);
  CHECK(t.value_index("wait_days_mean") < 0);
  CHECK(t.value_index("wait_days_mean.eyes") < 0);
  REQUIRE(t.rows.size() == 3);
  for (const auto& row : t.rows) {
    // The objective is the visit's wait, as kpis.csv has it for that plan.
    CHECK(value(t, row, "objective") == Approx(value(t, row, "wait_days_mean.visit")));
    CHECK(value(t, row, "objective") == Approx(kpi(r.run, row.keys[0], "wait_days_mean.visit", "mean")));
  }
  std::ostringstream en, fr;
  print_ranking(r, en, Lang::en);
  print_ranking(r, fr, Lang::fr);
  CHECK_THAT(en.str(), Catch::Contains("ranked by simulation on common random numbers, by wait_days_mean.visit (lower is better)"));
  CHECK_THAT(en.str(), Catch::Contains("visit wait (d)"));
  CHECK_THAT(en.str(), !Catch::Contains("eyes"));
  CHECK_THAT(en.str(), Catch::Contains("wins on wait_days_mean.visit"));
  CHECK_THAT(fr.str(), Catch::Contains("attente visit (j)"));
  CHECK_THAT(fr.str(), Catch::Contains("l'emporte (attente visit (j))"));
}

TEST_CASE("select pools the waits of the care types its sites serve by their needs served", "[selection]") {
  SiteSelection sel;
  sel.objective = SiteObjective::Wait;
  sel.care_types = {"acute", "routine"};
  CHECK(objective_measure(sel) == "site_wait_days_mean");
  CHECK(site_wait_measures(sel) == std::vector<std::string>{"wait_days_mean.acute", "wait_days_mean.routine"});
  SiteScreen screen;
  screen.options = {SiteOption{"option-1", {0}, 1, 0.9, "p-median", 0}};
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"served", "unserved", "wait_days_mean", "travel_km", "travel_min", "served.acute", "wait_days_mean.acute",
                     "served.routine", "wait_days_mean.routine", "served.eyes", "wait_days_mean.eyes"};
  // 10 acute needs served after 1 day, 30 routine after 3: 100 days over 40 needs; the eyes'
  // 60 days (a care type the sites do not serve) stay out.
  t.rows.push_back({{"option-1", "1"}, {50, 0, 10, 10, 10, 10, 1, 30, 3, 10, 60}});
  t.rows.push_back({{"option-1", "2"}, {50, 0, 10, 10, 10, 10, 1, 30, 3, 10, 60}});
  const ResultTable ranked = rank_options(sel, screen, t);
  REQUIRE(ranked.rows.size() == 1);
  CHECK(value(ranked, ranked.rows[0], "objective") == Approx(2.5));
  CHECK(value(ranked, ranked.rows[0], "wait_days_mean.acute") == Approx(1));
  CHECK(value(ranked, ranked.rows[0], "wait_days_mean.routine") == Approx(3));
}

TEST_CASE("counts of one are worded in the singular in English and French", "[report]") {
  CHECK(word_for("first.served.less", "1", Lang::en) == "fewer need served");
  CHECK(word_for("first.served.less", "2", Lang::en) == "fewer needs served");
  CHECK(word_for("first.served.less", "1", Lang::fr) == "besoin couvert en moins");
  CHECK(word_for("first.served.less", "2", Lang::fr) == "besoins couverts en moins");
  // French agrees in the singular below 2: "0,13 jour", "1,5 jour", not "2,5 jour".
  CHECK(word_for("first.ctwait.less", "0,13", Lang::fr) == "délai moyen pour %s plus court de %s jour");
  CHECK(word_for("first.ctwait.less", "2,50", Lang::fr) == "délai moyen pour %s plus court de %s jours");
  CHECK(word_for("first.ctwait.less", "1.00", Lang::en) == "%s mean wait %s days shorter");
  CHECK(word_for("first.ctwait_h.more", "1", Lang::en) == "%s mean wait %s hour longer");
  CHECK(word_for("first.ctwait_h.more", "1,5", Lang::fr) == "délai moyen pour %s plus long de %s heure");
  // A key without a singular form keeps its words.
  CHECK(word_for("first.km.less", "1", Lang::en) == "km less driven");
  CHECK(word_for("s.aside_host", "1", Lang::en).rfind("%s candidate set aside", 0) == 0);
  CHECK(word_for("n.more_sites", "1", Lang::fr) == "%s autre site (utilisation.csv)");
  // On the first screen: one fewer need served over a year, one more ED visit.
  RunResult r;
  r.kpis.key_columns = {"plan", "measure"};
  r.kpis.value_columns = {"mean", "diff", "diff_low", "diff_high", "period_days"};
  const double nan = std::nan("");
  r.kpis.rows = {{{"baseline", "served"}, {1000, nan, nan, nan, 365}},   {{"baseline", "ed_visits"}, {10, nan, nan, nan, 365}},
                 {{"plan", "served"}, {999, -1, -1.6, -0.6, 365}},       {{"plan", "ed_visits"}, {11, 1, 0.6, 1.4, 365}}};
  const auto en = first_screen_sentences(r, Lang::en), fr = first_screen_sentences(r, Lang::fr);
  REQUIRE(en.size() == 1);
  CHECK_THAT(en[0], Catch::Contains("1 fewer need served [1; 2]"));
  CHECK_THAT(en[0], Catch::Contains("1 more ED visit [1; 1]"));
  CHECK_THAT(fr[0], Catch::Contains("1 besoin couvert en moins [1; 2]"));
  CHECK_THAT(fr[0], Catch::Contains("1 passage aux urgences en plus [1; 1]"));
}
