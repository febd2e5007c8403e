// report.html's maps on a constructed run: one shape per commune, outlines or points,
// byte-identical twice.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <sstream>
#include <string>

#include "models/scenario.hpp"
#include "scenarios/report.hpp"
#include "scenarios/report_first_screen.hpp"

using namespace maillage;

namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

Scenario three_communes() {
  Scenario sc;
  sc.name = "three";
  for (int i = 0; i < 3; ++i) {
    Commune c;
    c.insee = "4100" + std::to_string(i + 1);
    c.name = "C" + std::to_string(i);
    c.population = 1000.0 * (i + 1);
    c.lat = 47.5 + 0.1 * i, c.lon = 1.3 + 0.1 * i;
    sc.communes.push_back(c);
  }
  return sc;
}

RunResult run_with_two_plans() {
  RunResult r;
  r.by_commune.key_columns = {"plan", "replication", "insee", "name"};
  r.by_commune.value_columns = {"unserved_share", "wait_days_mean", "apl"};
  for (const std::string plan : {"baseline", "new-msp"})
    for (int rep = 0; rep < 2; ++rep)
      for (int c = 0; c < 3; ++c)
        r.by_commune.rows.push_back({{plan, std::to_string(rep), "4100" + std::to_string(c + 1), "C"},
                                     {0.1 * c + (plan == "baseline" ? 0.05 : 0.0), 1.0 + c, 2.0 + rep}});
  return r;
}

std::string report(const RunResult& r, const Scenario& sc) {
  std::ostringstream out;
  ReportContext context;
  context.title = sc.name;
  context.scenario = &sc;
  write_report(r, context, out);
  return out.str();
}

}  // namespace

TEST_CASE("report maps draw one point per commune without outlines", "[report]") {
  const Scenario sc = three_communes();
  const std::string html = report(run_with_two_plans(), sc);
  // Three baseline maps and one difference map, each with one circle per commune.
  CHECK(count(html, "data-map=\"communes\"") == 4);
  CHECK(count(html, "<circle data-insee=") == 4 * 3);
  CHECK(count(html, "data-insee=\"41002\"") == 4);
  CHECK(html.find("<title>41003 C2: ") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("km</text>") != std::string::npos);
}

TEST_CASE("report maps draw one path per commune from outlines", "[report]") {
  Scenario sc = three_communes();
  auto outlines = std::make_shared<CommuneOutlines>();
  for (const auto& c : sc.communes) {
    CommuneOutline o;
    const double x = c.lon, y = c.lat;
    o.polygons.push_back({{{x - 0.04, y - 0.04}, {x + 0.04, y - 0.04}, {x + 0.04, y + 0.04}, {x - 0.04, y + 0.04}, {x - 0.04, y - 0.04}}});
    outlines->push_back(o);
  }
  sc.outlines = outlines;
  const std::string html = report(run_with_two_plans(), sc);
  CHECK(count(html, "<path data-insee=") == 4 * 3);
  CHECK(count(html, "<circle data-insee=") == 0);
  // The difference map is diverging around 0: the plan serves better, so blue cells.
  CHECK(html.find("red: more unserved, worse") != std::string::npos);
}

TEST_CASE("report with maps is byte-identical twice", "[report]") {
  const Scenario sc = three_communes();
  const RunResult r = run_with_two_plans();
  CHECK(report(r, sc) == report(r, sc));
}

TEST_CASE("report without a scenario draws no map", "[report]") {
  std::ostringstream out;
  write_report(run_with_two_plans(), ReportContext{}, out);
  CHECK(out.str().find("data-map") == std::string::npos);
}

namespace {

/** Baseline and one plan over 73 days (a fifth of a year): served +7,940 [7,060; 8,820],
 *  mean wait -0.13 days [-0.16; -0.10], km driven -2,400 [-3,000; +600]; costs. */
RunResult run_with_kpis() {
  RunResult r;
  auto& k = r.kpis;
  k.key_columns = {"plan", "measure"};
  k.value_columns = {"mean", "ci_low", "ci_high", "half_width", "replications",
                     "diff", "diff_low", "diff_high", "diff_half_width", "diff_half_width_unpaired",
                     "period_days", "mean_per_year", "diff_per_year", "ci_adjusted"};
  const double nan = std::nan("");
  auto add = [&](const std::string& plan, const std::string& m, double mean, double d, double lo, double hi) {
    k.rows.push_back({{plan, m}, {mean, mean * 0.9, mean * 1.1, mean * 0.1, 20, d, lo, hi, nan, nan, 73, nan, nan, 0}});
  };
  add("baseline", "served", 120000, nan, nan, nan);
  add("baseline", "wait_days_mean", 2.5, nan, nan, nan);
  add("baseline", "travel_km", 1234567, nan, nan, nan);
  add("new-msps", "served", 127940, 7940, 7060, 8820);
  add("new-msps", "wait_days_mean", 2.37, -0.13, -0.16, -0.10);
  add("new-msps", "travel_km", 1232167, -2400, -3000, 600);
  auto& c = r.cost_effectiveness;
  c.key_columns = {"plan", "verdict_served", "verdict_km", "verdict_wait.gp_acute"};
  c.value_columns = {"annual_cost_eur", "extra_annual_cost_eur", "extra_served_per_year", "eur_per_extra_served",
                     "eur_per_extra_served_low", "eur_per_extra_served_high", "km_avoided_per_year", "eur_per_km_avoided",
                     "eur_per_km_avoided_low", "eur_per_km_avoided_high", "wait_days_shorter.gp_acute",
                     "wait_days_shorter_low.gp_acute", "wait_days_shorter_high.gp_acute", "eur_per_day_shorter.gp_acute",
                     "eur_per_day_shorter_low.gp_acute", "eur_per_day_shorter_high.gp_acute"};
  c.rows.push_back({{"baseline", "", "", ""}, {50000, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan}});
  c.rows.push_back({{"new-msps", "ratio", "no sure gain", "dominant"},
                    {170000, 120000, 39700, 3.02, 2.72, 3.4, 12000, nan, nan, nan, 0.13, 0.10, 0.16, nan, nan, nan}});
  r.warmup_note = "warm-up: 28 days (MSER-5)";
  return r;
}

std::string first_screen(Lang lang) {
  std::ostringstream out;
  ReportContext context;
  context.title = "loir-et-cher";
  context.warmup_seconds = 28 * 86400.0;
  context.lang = lang;
  context.seed = 42;
  write_report(run_with_kpis(), context, out);
  return out.str();
}

}  // namespace

TEST_CASE("first screen says each plan against the baseline per year with intervals", "[report]") {
  const auto sentences = first_screen_sentences(run_with_kpis(), Lang::en);
  REQUIRE(sentences.size() == 1);
  CHECK(sentences[0] ==
        "new-msps: 39,700 more needs served a year [35,300; 44,100]; mean wait 0.13 days shorter [0.10; 0.16]; "
        "12,000 km less driven a year [-3,000; 15,000], not surely different; costs 170,000 EUR a year (120,000 EUR a "
        "year more than the baseline); verdict: needs served: 3.02 EUR per extra need served [2.72; 3.40], km driven: no "
        "sure gain, gp_acute mean wait: dominant");
}

TEST_CASE("first screen says a plan costing what the baseline costs costs the same", "[report]") {
  RunResult r = run_with_kpis();
  r.cost_effectiveness.rows[1].values[1] = 0.2;  // extra_annual_cost_eur: rounds to 0
  CHECK_THAT(first_screen_sentences(r, Lang::en)[0], Catch::Contains("costs 170,000 EUR a year (the same as the baseline)"));
  CHECK_THAT(first_screen_sentences(r, Lang::fr)[0], Catch::Contains("(autant que la référence)"));
}

TEST_CASE("first screen gives the assumptions and a glossary before the tables", "[report]") {
  const std::string html = first_screen(Lang::en);
  const auto first = html.find("id=\"first-screen\"");
  REQUIRE(first != std::string::npos);
  CHECK(first < html.find("Main measures"));
  CHECK(html.find("<li>scenario: loir-et-cher</li>") != std::string::npos);
  CHECK(html.find("<li>replications: 20</li>") != std::string::npos);
  CHECK(html.find("<li>seed: 42</li>") != std::string::npos);
  CHECK(html.find("<li>warm-up: 28.0 days (warm-up: 28 days (MSER-5))</li>") != std::string::npos);
  CHECK(html.find("<li>measured period: 73 days (the needs arising in it, each followed to its end, past it if need be)</li>") !=
        std::string::npos);
  CHECK(html.find("<dt>wait (d), mean, all care types</dt><dd>days from the need to the care") != std::string::npos);
  // Thousands separators in the measures table; no raw column name as a label.
  CHECK(html.find("<td>1,234,567</td>") != std::string::npos);
  CHECK(html.find("<td>travel_km</td>") == std::string::npos);
  CHECK(first_screen(Lang::en) == html);
}

TEST_CASE("first screen without a baseline says so", "[report]") {
  RunResult r = run_with_kpis();
  for (auto& row : r.kpis.rows) row.keys[0] = row.keys[0] == "baseline" ? "other" : row.keys[0];
  CHECK(first_screen_sentences(r, Lang::en).empty());
}

TEST_CASE("report in French: words and number format", "[report]") {
  const auto sentences = first_screen_sentences(run_with_kpis(), Lang::fr);
  REQUIRE(sentences.size() == 1);
  const std::string nnbsp = "\u202f", nbsp = "\u00a0";  // French puts a space before : and ;
  CHECK(sentences[0].find("new-msps" + nbsp + ": 39" + nnbsp + "700 besoins couverts en plus par an [35" + nnbsp + "300; 44" +
                          nnbsp + "100]" + nbsp + "; délai d'attente moyen plus court de 0,13 jour [0,10; 0,16]") == 0);
  CHECK(sentences[0].find("pas sûrement différent") != std::string::npos);
  CHECK(sentences[0].find("délai moyen pour gp_acute" + nbsp + ": dominant") != std::string::npos);
  const std::string html = first_screen(Lang::fr);
  CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
  CHECK(html.find("<h2>En bref</h2>") != std::string::npos);
  CHECK(html.find("<h2>Principales mesures</h2>") != std::string::npos);
  CHECK(html.find("<td>délai d'attente moyen (jours), tous types de soins</td>") != std::string::npos);
  CHECK(html.find("<td>1" + nnbsp + "234" + nnbsp + "567</td>") != std::string::npos);
  CHECK(html.find("<li>graine" + nbsp + ": 42</li>") != std::string::npos);
}

TEST_CASE("numbers for a reader in English and French", "[report]") {
  CHECK(number(39700, 0, Lang::en) == "39,700");
  CHECK(number(-1234567.891, 2, Lang::en) == "-1,234,567.89");
  CHECK(number(-0.001, 2, Lang::en) == "0.00");
  CHECK(number(999, 0, Lang::en) == "999");
  CHECK(number(1234.5, 1, Lang::fr) == "1\u202f234,5");
  CHECK(number(std::nan(""), 1, Lang::fr) == "-");
  CHECK(parse_lang("fr") == Lang::fr);
  CHECK(!parse_lang("de"));
}

namespace {

/** Ten weeks of one plan whose last two weeks' needs are mostly still in progress. */
RunResult weeks_run(double ed_visits) {
  RunResult r;
  ResultTable& t = r.timeseries;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean", "ed_visits"};
  for (int week = 1; week <= 10; ++week) {
    const double served = week == 9 ? 50 : week == 10 ? 2 : 95;
    t.rows.push_back({{"baseline", "1"}, {double(week), 100, served, 5, week == 10 ? 60.0 : 1.0, ed_visits}});
  }
  return r;
}

std::string weeks_page(const RunResult& r, Lang lang = Lang::en) {
  std::ostringstream out;
  ReportContext c;
  c.title = "weeks";
  c.lang = lang;
  write_report(r, c, out);
  return out.str();
}

}  // namespace

TEST_CASE("weekly charts leave out the last weeks whose needs are still in progress and say so", "[report]") {
  const std::string page = weeks_page(weeks_run(3));
  CHECK_THAT(page, Catch::Contains("Weeks 9 to 10 are left out: over 1% of their needs were still under way a year after"));
  CHECK_THAT(page, Catch::Contains(">week 8</text>"));  // the axis ends at the last full week
  CHECK_THAT(page, !Catch::Contains(">week 10</text>"));
  CHECK_THAT(page, !Catch::Contains(">60</text>"));  // week 10's wait of the quickest does not set the scale
  CHECK_THAT(page, Catch::Contains("<figcaption>ED visits a week</figcaption>"));
  CHECK_THAT(weeks_page(weeks_run(3), Lang::fr), Catch::Contains("Semaines 9 à 10 omises"));
  // No ED visits: no ED chart.
  CHECK_THAT(weeks_page(weeks_run(0)), !Catch::Contains("ED visits a week"));
}

TEST_CASE("the weekly wait is charted per care type each on its own scale and to its own tail", "[report]") {
  // Ten weeks: a GP care type complete to the horizon, an eye care type whose needs of weeks 7
  // to 10 are still in progress (booked months ahead).
  RunResult r;
  ResultTable& t = r.timeseries;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean", "ed_visits",
                     "episodes.gp", "served.gp", "unserved.gp", "wait_days_mean.gp",
                     "episodes.eyes", "served.eyes", "unserved.eyes", "wait_days_mean.eyes"};
  for (int week = 1; week <= 10; ++week) {
    const double eyes_served = week >= 7 ? 2 : 10, served = 90 + eyes_served;
    t.rows.push_back({{"baseline", "1"},
                      {double(week), 100, served, 0, (90 * 0.5 + eyes_served * 77) / served, 0, 90, 90, 0, 0.5, 10, eyes_served, 0,
                       week >= 7 ? 20.0 : 77.0}});
  }
  const std::string page = weeks_page(r);
  CHECK_THAT(page, Catch::Contains("<h3>wait (days), mean, per care type (each on its own scale)</h3>"));
  CHECK_THAT(page, !Catch::Contains("<figcaption>wait (days), mean, all care types</figcaption>"));
  // The GP panel runs to week 10 on a scale of its half day; the eye panel stops at week 6, on
  // a scale of its 77 days, and says why.
  CHECK_THAT(page, Catch::Contains("width:340px;margin:0 1em 1em 0\"><figcaption>gp</figcaption>"));
  CHECK_THAT(page, Catch::Contains(">week 10</text>"));
  CHECK_THAT(page, Catch::Contains(">0.500</text>"));
  CHECK_THAT(page, Catch::Contains("<figcaption>eyes<br><span style=\"font-weight:normal;font-size:12px;color:#666\">weeks from 7 left "
                                   "out: over 1% in progress</span></figcaption>"));
  CHECK_THAT(page, Catch::Contains(">77</text>"));
  CHECK_THAT(page, !Catch::Contains(">20</text>"));  // the quick few of the censored weeks set no scale
  // The charts over all care types keep the tail rule over all of them.
  CHECK_THAT(page, Catch::Contains("Weeks 7 to 10 are left out"));
  CHECK_THAT(weeks_page(r, Lang::fr), Catch::Contains(">semaines à partir de 7 omises\u00a0: plus de 1\u00a0% en cours<"));
  // The plans' legend once under the panels, not under each.
  const auto panels = page.substr(page.find("<h3>wait (days)"), page.find("Weeks 7 to 10") - page.find("<h3>wait (days)"));
  CHECK(panels.find("&#9632; baseline") == panels.rfind("&#9632; baseline"));
  CHECK(panels.find("&#9632; baseline") != std::string::npos);
}

TEST_CASE("the found warm-up's note and the series that set it are said in French", "[report]") {
  const std::string en =
      "warm-up 12 weeks, found by MSER-5 (White 1997) on the baseline's weekly series: mean wait per care type and over all, "
      "unserved share, ED visits (5 pilot replications, 57 uncensored weeks); set by ED visits a week, the mean wait of eyes; "
      "warning: no steady state in the first half of the horizon, lengthen it (still moving: the unserved share, the mean "
      "wait over all care types)";
  CHECK(note(en, Lang::en) == en);
  const std::string fr = note(en, Lang::fr);
  CHECK(fr ==
        "mise en régime 12 semaines, trouvée par MSER-5 (White 1997) sur les séries hebdomadaires de la référence\u00a0: "
        "délai moyen par type de soins et global, part non couverte, passages aux urgences (5 réplications pilotes, 57 "
        "semaines non censurées) ; fixée par les passages aux urgences par semaine, le délai moyen de eyes ; attention : pas "
        "de régime établi dans la première moitié de l'horizon, allongez-le (encore en mouvement\u00a0: la part non "
        "couverte, le délai moyen sur tous types de soins)");
  CHECK(note("warm-up 0 weeks, found by MSER-5 (White 1997) on the baseline's weekly series: mean wait per care type and "
             "over all, unserved share, ED visits (2 pilot replications, 9 uncensored weeks); no series shows a start-up "
             "transient",
             Lang::fr)
            .find("aucune série ne montre de transitoire de démarrage") != std::string::npos);
}
