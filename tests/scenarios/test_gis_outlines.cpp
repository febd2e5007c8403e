// territory.outlines: the GeoJSON reader (outline_reader.cpp).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "scenarios/diagnostics.hpp"
#include "scenarios/scenario_loader.hpp"

using namespace maillage;

namespace {
const std::string kFixtures = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures";

/** A temporary folder holding the travel-one fixture with `outlines_yaml` under territory
 *  and a GeoJSON file outlines.geojson of `geojson`. */
struct OutlineCase {
  std::filesystem::path dir;
  OutlineCase(const std::string& name, const std::string& geojson) {
    dir = std::filesystem::temp_directory_path() / ("maillage-gis-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "outlines.geojson") << geojson;
  }
  ~OutlineCase() { std::filesystem::remove_all(dir); }
  /** `tail`: more of the scenario after the fixture's text (its plans). */
  Scenario load(const std::string& outlines_yaml, const std::string& tail = "") const {
    std::ifstream in(kFixtures + "/travel-one.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    text.replace(text.find("territory:\n"), 11, "territory:\n  outlines: " + outlines_yaml + "\n");
    text += tail;
    return load_scenario_text(text, "scenario.yaml", dir.string());
  }
};

const char* kSquare = "[[[1.3,47.5],[1.4,47.5],[1.4,47.6],[1.3,47.6],[1.3,47.5]]]";

std::string feature(const std::string& prop, const std::string& code, const std::string& type, const std::string& coords) {
  return R"({"type":"Feature","properties":{")" + prop + R"(":")" + code + R"("},"geometry":{"type":")" + type +
         R"(","coordinates":)" + coords + "}}";
}
std::string collection(const std::string& features, const std::string& crs = "") {
  return R"({"type":"FeatureCollection",)" + crs + R"("features":[)" + features + "]}";
}
}  // namespace

TEST_CASE("outlines are read and matched on the insee code", "[scenarios][gis]") {
  const std::string multi = std::string("[") + kSquare + "," + "[[[1.5,47.7],[1.6,47.7],[1.6,47.8],[1.5,47.7]]]]";
  OutlineCase c("good", collection(feature("insee", "41018", "Polygon", kSquare) + "," +
                                   feature("insee", "41136", "MultiPolygon", multi) + "," +
                                   feature("insee", "99999", "Polygon", kSquare)));
  const Scenario sc = c.load("outlines.geojson");
  REQUIRE(sc.outlines);
  REQUIRE(sc.outlines->size() == 2);
  const CommuneOutline& blois = (*sc.outlines)[0];
  REQUIRE(blois.polygons.size() == 1);
  REQUIRE(blois.polygons[0].size() == 1);
  CHECK(blois.polygons[0][0].size() == 5);
  CHECK(blois.polygons[0][0][1] == LonLat{1.4, 47.5});
  CHECK((*sc.outlines)[1].polygons.size() == 2);
  CHECK_THAT(sc.outlines_note, Catch::Contains("1 features of outlines.geojson are not communes of the scenario"));
}

TEST_CASE("outlines accept the code property and a named key", "[scenarios][gis]") {
  OutlineCase c("key", collection(feature("code", "41018", "Polygon", kSquare) + "," +
                                  feature("code", "41136", "Polygon", kSquare)));
  CHECK(c.load("outlines.geojson").outlines->at(1).polygons.size() == 1);
  CHECK(c.load("{file: outlines.geojson, key: code}").outlines->at(0).polygons.size() == 1);
  CHECK_THROWS_WITH(c.load("{file: outlines.geojson, key: INSEE_COM}"),
                    Catch::Contains("territory.outlines.key") && Catch::Contains("no property \"INSEE_COM\""));
}

TEST_CASE("a commune without an outline is a note and keeps an empty outline", "[scenarios][gis]") {
  OutlineCase c("missing", collection(feature("insee", "41018", "Polygon", kSquare)));
  const Scenario sc = c.load("outlines.geojson");
  CHECK(sc.outlines->at(1).empty());
  CHECK_THAT(sc.outlines_note, Catch::Contains("1 of 2 communes have no outline") && Catch::Contains("41136"));
}

TEST_CASE("outlines in another coordinate system are refused", "[scenarios][gis]") {
  const std::string lambert = R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},)";
  OutlineCase c("crs", collection(feature("insee", "41018", "Polygon", "[[[570000,6700000],[571000,6700000],"
                                                                         "[571000,6701000],[570000,6700000]]]"),
                                  lambert));
  CHECK_THROWS_WITH(c.load("outlines.geojson"),
                    Catch::Contains("territory.outlines") && Catch::Contains("expected WGS84"));
}

TEST_CASE("a bad outlines file or key is a clear error", "[scenarios][gis]") {
  OutlineCase c("bad", "this is not json");
  CHECK_THROWS_WITH(c.load("nothere.geojson"), Catch::Contains("territory.outlines"));
  CHECK_THROWS_WITH(c.load("outlines.geojson"), Catch::Contains("not a GeoJSON file"));
  CHECK_THROWS_WITH(c.load("{path: outlines.geojson}"), Catch::Contains("territory.outlines"));
  OutlineCase d("nokey", collection(feature("nom", "41018", "Polygon", kSquare)));
  CHECK_THROWS_WITH(d.load("outlines.geojson"), Catch::Contains("no property insee, code or INSEE_COM"));
}

TEST_CASE("the four examples have an outline for every commune", "[scenarios][gis]") {
  for (const char* ex : {"loir-et-cher", "loiret", "sarthe", "yvelines"}) {
    const Scenario sc = load_scenario(std::string(MAILLAGE_SOURCE_DIR) + "/scenarios/" + ex + ".yaml");
    REQUIRE(sc.outlines);
    CHECK(sc.outlines_note.empty());
    for (const CommuneOutline& o : *sc.outlines) CHECK_FALSE(o.empty());
  }
}

TEST_CASE("plans share the outlines the base read unless they name another file", "[scenarios][gis]") {
  // Plans that set a value are read afresh from the text: the outlines are parsed once per load.
  OutlineCase c("shared", collection(feature("insee", "41018", "Polygon", kSquare) + "," +
                                     feature("insee", "41136", "Polygon", kSquare)));
  std::ofstream(c.dir / "other.geojson") << collection(feature("insee", "41018", "Polygon", kSquare));
  const Scenario sc = c.load("outlines.geojson", "plans:\n"
                             "  later: {set: {scenario.seed: 6}}\n"
                             "  busier: {set: {demand.care_types.gp_routine.rate: 4 per year}}\n"
                             "  other: {set: {territory.outlines: other.geojson}}\n");
  REQUIRE(sc.plans.size() == 3);
  REQUIRE(sc.outlines);
  for (std::size_t p = 0; p < 2; ++p) {
    INFO(sc.plans[p].first);
    CHECK(sc.plans[p].second->outlines.get() == sc.outlines.get());
    CHECK(sc.plans[p].second->outlines_note == sc.outlines_note);
  }
  const Scenario& other = *sc.plans[2].second;
  REQUIRE(other.outlines);
  CHECK(other.outlines.get() != sc.outlines.get());
  CHECK(other.outlines->at(1).empty());
  CHECK_THAT(other.outlines_note, Catch::Contains("1 of 2 communes have no outline in other.geojson"));
  CHECK(sc.outlines_note.empty());
}
