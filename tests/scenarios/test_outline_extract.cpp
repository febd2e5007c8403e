// Commune outlines cut from a planner's file (outline_extract.cpp): reprojection, joining,
// simplification, and the messages of what cannot be read.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "scenarios/outline_extract.hpp"

using namespace maillage;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path dir = fs::temp_directory_path() / ("maillage-outline-extract-" + std::to_string(::getpid()));
  Folder() { fs::create_directories(dir); }
  ~Folder() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir / name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
};

std::string feature(const std::string& code, const std::string& geometry) {
  return R"({"type":"Feature","properties":{"INSEE_COM":")" + code + R"(","NOM":"x"},"geometry":)" + geometry + "}";
}

std::string square(double x, double y, double side) {
  std::ostringstream s;
  s.precision(12);
  s << R"({"type":"Polygon","coordinates":[[[)" << x << ',' << y << "],[" << x + side << ',' << y << "],[" << x + side << ','
    << y + side << "],[" << x << ',' << y + side << "],[" << x << ',' << y << "]]]}";
  return s.str();
}

/** A square of 1 km whose bottom edge zigzags by half a metre every 5 m: 200 extra vertices. */
std::string ragged_square(double x, double y) {
  std::ostringstream s;
  s.precision(12);
  s << R"({"type":"Polygon","coordinates":[[)";
  for (int i = 0; i <= 200; ++i) s << '[' << x + 5.0 * i << ',' << y + (i % 2 ? 0.5 : 0.0) << "],";
  s << '[' << x + 1000 << ',' << y + 1000 << "],[" << x << ',' << y + 1000 << "],[" << x << ',' << y << "]]]}";
  return s.str();
}

/** A Lambert-93 GeoJSON (the legacy crs member, as ogr2ogr wrote it before RFC 7946). */
std::string lambert93(const std::string& features) {
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},)"
         R"("features":[)" + features + "]}";
}

std::string error_of(const std::string& in, const std::vector<std::string>& codes, const std::string& out,
                     const OutlineExtractOptions& options = {}) {
  try {
    extract_outlines(in, codes, out, options);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("outlines in Lambert-93 are cut to the communes wanted and turned into WGS84") {
  Folder f;
  // (700000, 6600000) is Lambert-93's origin: longitude 3, latitude 46.5 exactly.
  const std::string in = f.write(
      "l93.geojson", lambert93(feature("41018", square(700000, 6600000, 1000)) + "," +
                               feature("41269", square(710000, 6600000, 1000)) + "," +
                               feature("99999", square(720000, 6600000, 1000)) + "," +
                               feature("41269", square(712000, 6600000, 1000))));
  const OutlineExtract r = extract_outlines(in, {"41269", "41018", "41001"}, (f.dir / "out.geojson").string());
  CHECK(r.key == "INSEE_COM");
  CHECK(r.reprojected);
  CHECK(r.features == 4);
  CHECK(r.kept == 2);
  CHECK(r.missing == std::vector<std::string>{"41001"});
  const std::string out = f.read("out.geojson");
  CHECK(out.find("\"crs\"") == std::string::npos);  // RFC 7946: WGS84 goes without saying
  CHECK(out.find("[ 3.0, 46.5 ]") != std::string::npos);
  CHECK(count(out, "\"insee\"") == 2);
  CHECK(out.find("99999") == std::string::npos);
  CHECK(out.find("\"NOM\"") == std::string::npos);
  CHECK(out.find("41018") < out.find("41269"));  // sorted by code, whatever the source's order
  // The commune given as two features becomes one feature of two polygons.
  const std::string second = out.substr(out.find("41269"));
  CHECK(second.find("MultiPolygon") != std::string::npos);
  CHECK_FALSE(fs::exists(f.dir / "out.geojson.part"));
}

TEST_CASE("outlines are simplified to the tolerance asked and kept whole at zero") {
  Folder f;
  const std::string in = f.write("ragged.geojson", lambert93(feature("41018", ragged_square(700000, 6600000))));
  extract_outlines(in, {"41018"}, (f.dir / "simple.geojson").string(), {"", 25});
  extract_outlines(in, {"41018"}, (f.dir / "whole.geojson").string(), {"", 0});
  CHECK(count(f.read("simple.geojson"), "[ ") == 2 + 5);  // the rings' brackets and the square's five points
  CHECK(count(f.read("whole.geojson"), "[ ") >= 2 + 200);
}

TEST_CASE("outlines that cannot be read say why and leave no file") {
  Folder f;
  const std::string out = (f.dir / "out.geojson").string();
  const std::string in = f.write("l93.geojson", lambert93(feature("41018", square(700000, 6600000, 1000)) + "," +
                                                          feature("41100", R"({"type":"LineString","coordinates":[[700000,6600000],[701000,6600000]]})")));
  CHECK(error_of(in, {"41018"}, out, {"CODE_COM", 25}) ==
        in + ": no layer has a property \"CODE_COM\"; name the right one (layer l93 has: INSEE_COM, NOM)");
  CHECK(error_of(in, {"41100"}, out) == in + ": commune 41100: expected a Polygon or MultiPolygon, got Line String");
  CHECK(error_of(in, {"37001", "37002"}, out) ==
        in + ": none of the 2 communes wanted (first 37001) is in layer l93 (property INSEE_COM; its first codes: "
             "41018, 41100): does the file cover the territory?");
  const std::string text = f.write("notes.txt", "insee;name\n41018;Blois\n");
  CHECK(error_of(text, {"41018"}, out).find(text + ": not a vector file GDAL can read") == 0);
  const std::string no_code = f.write("nocode.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NOM":"x"},"geometry":)" +
                                                            square(1, 47, 0.1) + "}]}");
  CHECK(error_of(no_code, {"41018"}, out).find("no layer has a property insee, INSEE_COM, code or CODGEO") !=
        std::string::npos);
  const std::string absent = (f.dir / "absent.shp").string();
  CHECK(error_of(absent, {"41018"}, out).find(absent + ": ") == 0);
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(out + ".part"));
}
