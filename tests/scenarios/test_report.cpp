// report.html's maps on a constructed run: one shape per commune, outlines or points,
// byte-identical twice.
#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>

#include "models/scenario.hpp"
#include "scenarios/report.hpp"

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
