#include <catch2/catch.hpp>

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
