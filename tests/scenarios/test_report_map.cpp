#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <sstream>

#include "models/scenario.hpp"
#include "scenarios/report_map.hpp"

using namespace maillage;

namespace {
/** The legend's two end labels: the texts of the font-size 11 labels before the "0". */
std::vector<std::string> legend_ends(const std::string& svg) {
  std::vector<std::string> ends;
  const std::string open = "font-size=\"11\">", anchored = "text-anchor=\"end\">";
  for (const std::string& tag : {open, anchored}) {
    const auto at = svg.find(tag);
    REQUIRE(at != std::string::npos);
    ends.push_back(svg.substr(at + tag.size(), svg.find('<', at) - at - tag.size()));
  }
  return ends;
}

std::string draw(const std::vector<double>& values, bool diverging) {
  Scenario sc;
  sc.communes = {{"41018", "Blois", 47000, 47.58, 1.30}, {"41269", "Vendome", 15000, 47.80, 1.06}};
  CommuneMap map;
  map.values = values;
  map.diverging = diverging;
  map.decimals = 3;
  std::ostringstream out;
  write_commune_map(out, sc, map);
  return out.str();
}
}  // namespace

TEST_CASE("a map's legend shows a small range with digits enough not to read as zero", "[report]") {
  // A plan that moves the unserved share by 0.04 points: "0.000 ... 0.000" said nothing.
  CHECK(legend_ends(draw({-0.0004, 0.0001}, true)) == std::vector<std::string>{"-0.00040", "0.00040"});
  CHECK(legend_ends(draw({0.2, 0.9}, false)) == std::vector<std::string>{"0.200", "0.900"});  // as before
  CHECK(legend_ends(draw({0.0, 0.0}, true)) == std::vector<std::string>{"0.000", "0.000"});  // nothing moved
}

TEST_CASE("a map's tooltips show a small value with the legend's digits", "[report]") {
  const std::string small = draw({-0.0004, 0.0001}, true);
  CHECK(small.find("<title>41018 Blois: -0.00040</title>") != std::string::npos);
  CHECK(small.find("<title>41269 Vendome: 0.00010</title>") != std::string::npos);
  CHECK(draw({0.2, 0.9}, false).find("<title>41018 Blois: 0.200</title>") != std::string::npos);  // as before
}

TEST_CASE("maps drawn on one frame are the maps drawn each alone", "[report]") {
  // A report formats the outlines once (MapFrame) for all its maps: nothing of one map may
  // leak into the next.
  Scenario sc;
  sc.communes = {{"41018", "Blois", 47000, 47.58, 1.30}, {"41269", "Vendome", 15000, 47.80, 1.06},
                 {"41136", "Mer", 6000, 47.70, 1.51}};
  auto outlines = std::make_shared<CommuneOutlines>(3);
  (*outlines)[0].polygons = {{{{1.28, 47.56}, {1.33, 47.56}, {1.33, 47.61}, {1.28, 47.56}}}};
  (*outlines)[1].polygons = {{{{1.03, 47.78}, {1.09, 47.78}, {1.09, 47.83}, {1.03, 47.78}},
                              {{1.05, 47.79}, {1.06, 47.79}, {1.06, 47.80}, {1.05, 47.79}}}};
  sc.outlines = outlines;  // Mer without an outline: a point
  CommuneMap first, second;
  first.values = {0.1, 0.5, NAN};
  second.values = {-0.2, 0.0, 0.3};
  second.diverging = true;
  second.marks = {MapMark{1.2, 47.6, MapMark::added, "new site"}};
  second.mark_words = {"sites", "added"};
  std::ostringstream shared, alone;
  const MapFrame frame(sc);
  write_commune_map(shared, frame, first);
  write_commune_map(shared, frame, second);
  write_commune_map(alone, sc, first);
  write_commune_map(alone, sc, second);
  CHECK(shared.str() == alone.str());
  const std::string svg = shared.str();
  CHECK(svg.find("data-insee=\"41269\"") != std::string::npos);
  CHECK(svg.find("<circle data-insee=\"41136\"") != std::string::npos);
  CHECK(frame.paths[2].empty());
  CHECK(frame.paths[1].find('Z') != frame.paths[1].rfind('Z'));  // the hole is its own ring
}
