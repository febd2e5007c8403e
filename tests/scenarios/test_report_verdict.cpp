// The site-selection verdict in words: French sentences under --lang fr and none of the
// English ones, for each kind of verdict; English as it was.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/output_writer.hpp"
#include "scenarios/report_verdict.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/site_ranking.hpp"

using namespace maillage;

namespace {
const std::string kFixtures = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures";

/** What the English verdict says and the French one must not. */
const char* const kEnglish[] = {"wins on", "better than", "The margin", "No option does", "The simulation", "first choice",
                                "Note:", "Against today", "Choose ", "Not decided", "are equivalent", " instead of ", "replications would",
                                "the current placement", "the screen"};

std::string printed(const SiteRanking& r, Lang lang) {
  std::ostringstream out;
  print_ranking(r, out, lang);
  return out.str();
}

std::string report(const SiteRanking& r, Lang lang, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("maillage-verdict-" + name);
  std::filesystem::create_directories(dir);
  write_ranking(r, dir.string(), lang);
  std::ifstream in(dir / "report.html");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void no_english(const std::string& text) {
  for (const char* e : kEnglish) {
    INFO(e);
    CHECK(text.find(e) == std::string::npos);
  }
}

/** The constructed ranking of test_site_selection.cpp: today best, two options close. */
SiteRanking constructed(const std::vector<double>& one, const std::vector<double>& two, const std::vector<double>& three = {}) {
  SiteRanking r;
  r.scenario = load_scenario(kFixtures + "/site-selection.yaml");
  r.screen.options = {SiteOption{"option-1", {0}, 1, 0.9, "MCLP", 0, 0}, SiteOption{"option-2", {1}, 2, 0.8, "MCLP", 0, 0}};
  if (!three.empty()) r.screen.options.push_back(SiteOption{"option-3", {0, 1}, 3, 0.7, "MCLP", 0, 0});
  ResultTable& t = r.run.summary;
  t.key_columns = {"plan", "replication"};
  // The wait per care type the sites serve (the fixture's one, visit) is what select shows.
  t.value_columns = {"served", "unserved", "wait_days_mean", "travel_km", "travel_min", "wait_days_mean.visit"};
  const std::vector<double> today{900, 910, 905, 895};
  for (std::size_t i = 0; i < 4; ++i) {
    t.rows.push_back({{"baseline", std::to_string(i + 1)}, {100, today[i], 1, 10, 10, 1}});
    t.rows.push_back({{"option-1", std::to_string(i + 1)}, {100, one[i], 1, 10, 10, 1}});
    t.rows.push_back({{"option-2", std::to_string(i + 1)}, {100, two[i], 1, 10, 10, 1}});
    if (!three.empty()) t.rows.push_back({{"option-3", std::to_string(i + 1)}, {100, three[i], 1, 10, 10, 1}});
  }
  const SiteSelection& sel = *r.scenario.site_selection;
  r.ranking = rank_options(sel, r.screen, t);
  r.analysis = selection_verdict(sel, r.screen, r.ranking);
  decide_selection(r);
  return r;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}
}  // namespace

TEST_CASE("select in French - a decided verdict that overturns the screen - printed and in the report", "[verdict]") {
  RunOptions options;
  options.replications = 3;
  options.jobs = 1;
  const SiteRanking r = rank_sites(kFixtures + "/site-selection.yaml", options);
  REQUIRE(r.choice.kind == SelectionDecision::Kind::Surely);
  REQUIRE(r.analysis.screen == SelectionVerdict::Screen::Overturned);
  const std::string nbsp = "\u00a0";
  for (const std::string& text : {printed(r, Lang::fr), report(r, Lang::fr, "decided")}) {
    CHECK_THAT(text, Catch::Contains("Choisir option-2" + nbsp + ": elle est sûrement meilleure que option-1, l'option suivante."));
    CHECK_THAT(text, Catch::Contains("option-2 l'emporte (besoins non couverts)" + nbsp + ": 7"));
    CHECK_THAT(text, Catch::Contains("La simulation renverse l'ordre de la présélection" + nbsp + ": son premier choix (option-1) se classe 2e"));
    CHECK_THAT(text, Catch::Contains("Remarque" + nbsp + ": la présélection compte les besoins à moins de 30 min"));
    CHECK_THAT(text, Catch::Contains("Face à l'existant" + nbsp + ": option-2 est sûrement meilleure que l'implantation actuelle"));
    CHECK_THAT(text, Catch::Contains("option-1 = option-2 avec Maison France Services de Hameau au lieu de CCAS de Bourg."));
    CHECK_THAT(text, Catch::Contains("part des besoins à moins de 30 min d'un site"));
    no_english(text);
  }
  // The ranking's row for today says what it is in French too.
  CHECK_THAT(report(r, Lang::fr, "decided"), Catch::Contains("<td>référence (baseline)</td>"));
  CHECK_THAT(report(r, Lang::fr, "decided"), Catch::Contains(">le scénario tel quel ("));
  CHECK_THAT(report(r, Lang::en, "decided-en"), Catch::Contains(">the scenario as it is ("));
  // English as before.
  const std::string en = printed(r, Lang::en);
  CHECK_THAT(en, Catch::Contains("Choose option-2: it is surely better than option-1, the next option."));
  CHECK_THAT(en, Catch::Contains("The simulation overturns the analytic order: the screen's first choice (option-1) ranks 2nd"));
  CHECK_THAT(en, Catch::Contains("analytic screen (maximal covering): share of the need within 30 min of a site; mean travel to the nearest site, min (capped at 30)"));
  CHECK(joined(r.verdict) == joined(verdict_lines(r, Lang::en)));
}

TEST_CASE("select in French - the screen confirmed", "[verdict]") {
  RunOptions options;
  options.replications = 2;
  options.jobs = 1;
  const SiteRanking r = rank_sites(kFixtures + "/site-selection.yaml", options, {{"supply.practices[0].doctors", "60"}});
  REQUIRE(r.analysis.screen == SelectionVerdict::Screen::Confirmed);
  const std::string fr = printed(r, Lang::fr);
  CHECK_THAT(fr, Catch::Contains("La simulation confirme la présélection analytique\u00a0: son premier choix (option-1) est la meilleure option simulée."));
  no_english(fr);
  CHECK_THAT(printed(r, Lang::en), Catch::Contains("The simulation confirms the analytic screen: its first choice (option-1)"));
}

TEST_CASE("select in French - not decided and a margin not sure", "[verdict]") {
  // option-1 minus option-2: -3, 7, 0, 3: about 61 replications would separate them.
  const SiteRanking r = constructed({1000, 1012, 1004, 998}, {1003, 1005, 1004, 995});
  REQUIRE(r.choice.kind == SelectionDecision::Kind::NotDecided);
  const std::string fr = printed(r, Lang::fr);
  CHECK_THAT(fr, Catch::Contains("Pas encore de choix\u00a0: option-2 et option-1 ne se distinguent pas avec 4 réplications ; environ 61 réplications les sépareraient"));
  CHECK_THAT(fr, Catch::Contains("Aucune option ne fait mieux que référence (baseline) sur le critère «\u00a0besoins non couverts\u00a0»."));
  CHECK_THAT(fr, Catch::Contains("est sûrement moins bonne que l'implantation actuelle (besoins non couverts), de 99 [94; 105]"));
  no_english(fr);
  CHECK_THAT(fr, Catch::Contains("son premier choix (option-1) se classe 3e, sûrement moins bon que la gagnante"));
  const std::string en = printed(r, Lang::en);
  CHECK_THAT(en, Catch::Contains("Not decided: option-2 and option-1 are not distinguishable with 4 replications; about 61 replications"));
  CHECK_THAT(en, Catch::Contains("No option does better than baseline on unserved."));
}

TEST_CASE("select - options too close for replications to separate read as equivalent at this precision", "[verdict]") {
  // option-1 minus option-2: 3, -3, 3, -2.9: mean 0.025 for a half-width of 5.5: about
  // 191,000 replications: the planner reads that they are equivalent, not a count to run.
  const SiteRanking r = constructed({1006, 1002, 1007, 992.1}, {1003, 1005, 1004, 995});
  REQUIRE(r.choice.kind == SelectionDecision::Kind::NotDecided);
  REQUIRE(r.choice.needed > 1000);
  CHECK_THAT(r.decision, Catch::StartsWith("option-2 and option-1 are equivalent at this precision: they differ by 0 [-5, 5] on unserved, at most 0.55% of option-2's mean, "));
  CHECK_THAT(r.decision, Catch::Contains("too little for more replications to separate them in useful time (about 191,257 would be needed)"));
  CHECK_THAT(r.decision, Catch::EndsWith(" would be needed); choose on other grounds (cost, hosts), or set site_selection.equivalent_within (e.g. 1%) for maillage select to confirm it."));
  CHECK_THAT(joined(r.verdict), !Catch::Contains("Not decided"));
  CHECK_THAT(joined(r.verdict), !Catch::Contains("replications would separate them"));
  // A third option not surely worse either: the sentence names every one.
  const SiteRanking three = constructed({1006, 1002, 1007, 992.1}, {1003, 1005, 1004, 995}, {1010, 1004, 1001, 999});
  CHECK_THAT(three.decision, Catch::StartsWith("option-2, option-1 and option-3 are equivalent at this precision: none is surely worse "
                                               "than option-2, and the closest, option-1, differs by 0 [-5, 5] on unserved"));
  CHECK_THAT(decision_words(three, Lang::fr), Catch::StartsWith("option-2, option-1 et option-3 sont équivalentes à cette précision"));
  const std::string fr = decision_words(r, Lang::fr);
  CHECK_THAT(fr, Catch::StartsWith("option-2 et option-1 sont équivalentes à cette précision\u00a0: elles diffèrent de 0 [-5; 5] (besoins non couverts), au plus 0,55\u00a0% de la moyenne de option-2"));
  no_english(fr);
}

TEST_CASE("select in French - sequential equivalence and its replications", "[verdict]") {
  RunOptions options;
  options.replications = 5;
  options.jobs = 1;
  const SiteRanking r = rank_sites(kFixtures + "/site-selection.yaml", options,
                                   {{"territory.communes[1].lat", "47.1"}, {"site_selection.equivalent_within", "1%"}});
  REQUIRE(r.choice.kind == SelectionDecision::Kind::Equivalent);
  const std::string fr = printed(r, Lang::fr);
  CHECK_THAT(fr, Catch::Contains("option-1 et option-2 sont équivalentes à 1\u00a0% près ("));
  CHECK_THAT(fr, Catch::Contains("Classement séquentiel (KN++, Kim & Nelson 2006 ; zone d'indifférence 1\u00a0%)\u00a0: réplications utilisées option-1 "));
  no_english(fr);
}

TEST_CASE("a margin not sure says how many replications or that they are equivalent at this precision", "[verdict]") {
  SelectionVerdict v;
  v.measure = "unserved";
  v.winner = "option-2", v.second = "option-1";
  v.mean = 1000, v.low = 990, v.high = 1010;
  v.diff = 3, v.diff_low = -2, v.diff_high = 8, v.replications = 4;
  v.not_sure = true;
  v.replications_needed = 12;
  CHECK_THAT(verdict_lines(v, Lang::en).at(1), Catch::EndsWith("not distinguishable with these replications; about 12 replications "
                                                                "would separate them if the difference is what it seems (--replications)."));
  CHECK_THAT(verdict_lines(v, Lang::fr).at(1), Catch::Contains("environ 12 réplications les sépareraient"));
  v.replications_needed = 5000;  // beyond a thousand: not a count to run
  CHECK_THAT(verdict_lines(v, Lang::en).at(1), Catch::EndsWith("they are equivalent at this precision: more replications would not "
                                                                "separate them in useful time (about 5,000 would be needed)."));
  CHECK_THAT(verdict_lines(v, Lang::fr).at(1), Catch::Contains("elles sont équivalentes à cette précision"));
  v.replications_needed = std::nan("");
  CHECK_THAT(verdict_lines(v, Lang::en).at(1), Catch::EndsWith("run more (--replications) to separate them."));
  no_english(joined(verdict_lines(v, Lang::fr)));
}

TEST_CASE("select on a care type's wait names the wait by the care type's label in both languages", "[verdict]") {
  RunOptions options;
  options.replications = 2;
  options.jobs = 1;
  const SiteRanking r = rank_sites(kFixtures + "/site-selection.yaml", options,
                                   {{"site_selection.objective", "wait"}, {"demand.care_types.visit.label", "home visit"}});
  REQUIRE(r.analysis.measure == "wait_days_mean.visit");
  const std::string en = joined(verdict_lines(r, Lang::en)), fr = joined(verdict_lines(r, Lang::fr));
  CHECK_THAT(en, Catch::Contains("on home visit wait (d)"));
  CHECK_THAT(fr, Catch::Contains("attente home visit (j)"));
  CHECK(en.find("wait_days_mean.visit") == std::string::npos);
  CHECK(fr.find("attente visit (j)") == std::string::npos);
  // Without a label, English keeps the column's name, as the tables head it.
  const SiteRanking plain = rank_sites(kFixtures + "/site-selection.yaml", options, {{"site_selection.objective", "wait"}});
  CHECK_THAT(joined(verdict_lines(plain, Lang::en)), Catch::Contains("wait_days_mean.visit"));
}
