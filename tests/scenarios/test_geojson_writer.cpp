// The GeoJSON text writer against GDAL's GeoJSON driver, its reference: the same bytes.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "scenarios/gis_layer.hpp"
#include "tests/support/file_text.hpp"

using namespace maillage;
namespace fs = std::filesystem;

namespace {

using test::slurp;

struct Both {
  fs::path dir = fs::temp_directory_path() / ("maillage-geojson-" + std::to_string(::getpid()));
  Both() { fs::create_directories(dir); }
  ~Both() { fs::remove_all(dir); }
  /** The layer written by each writer: {ours, GDAL's}. */
  std::pair<std::string, std::string> write(const GisLayer& layer) const {
    write_geojson(layer, (dir / "ours.geojson").string());
    write_geojson_with_gdal(layer, (dir / "gdal.geojson").string());
    return {slurp(dir / "ours.geojson"), slurp(dir / "gdal.geojson")};
  }
};

/** A closed ring around (x, y), counter-clockwise or not, with coordinates of many decimals. */
std::vector<LonLat> ring(std::mt19937_64& rng, double x, double y, double r, bool ccw) {
  std::uniform_real_distribution<double> jitter(0.6, 1.0);
  const int n = 3 + static_cast<int>(rng() % 9);
  std::vector<LonLat> out;
  for (int i = 0; i < n; ++i) {
    const double a = (ccw ? 1 : -1) * 2 * M_PI * i / n, d = r * jitter(rng);
    out.push_back({x + d * std::cos(a), y + d * std::sin(a)});
  }
  out.push_back(out.front());
  return out;
}

}  // namespace

TEST_CASE("geojson text is the bytes GDAL writes for random layers", "[gis]") {
  std::mt19937_64 rng(20261201);
  const Both both;
  const std::vector<std::string> words = {"Angé", "Saint-Aignan", "a \"quoted\" name", "back\\slash", "a/b", "x",
                                          "msp-blois-1", "l'Étang", "08:00-12:00", "{half", "end]"};
  std::uniform_real_distribution<double> unit(0, 1);
  for (int round = 0; round < 30; ++round) {
    INFO("round " << round);
    std::vector<CommuneOutline> outlines(8);
    for (auto& o : outlines) {
      const int polygons = static_cast<int>(rng() % 3);  // 0: drawn as a point
      for (int p = 0; p < polygons; ++p) {
        const double x = -5 + 15 * unit(rng), y = 42 + 9 * unit(rng);
        std::vector<std::vector<LonLat>> rings{ring(rng, x, y, 0.1, rng() % 2)};
        if (rng() % 2) rings.push_back(ring(rng, x, y, 0.02, rng() % 2));  // a hole, either way round
        o.polygons.push_back(rings);
      }
    }
    GisLayer layer{"communes", {"insee", "name", "plan"}, {"population", "share", "count", "wait"}, {"count"}, {}, {}};
    if (round % 3) layer.description = words[rng() % words.size()] + " / " + words[rng() % words.size()];
    for (int k = 0; k < 12; ++k) {
      GisFeature f;
      for (int t = 0; t < 3; ++t) f.texts.push_back(rng() % 5 == 0 ? "" : words[rng() % words.size()]);
      for (int m = 0; m < 4; ++m) {
        const double magnitude = std::pow(10.0, static_cast<int>(rng() % 16) - 7);
        double v = (rng() % 3 == 0 ? -1 : 1) * magnitude * unit(rng);
        if (rng() % 9 == 0) v = NAN;
        if (rng() % 11 == 0) v = std::round(v * 1e3);
        if (rng() % 13 == 0) v = rng() % 2 ? 0.0 : -0.0;
        f.numbers.push_back(v);
      }
      f.outline = rng() % 4 ? &outlines[rng() % outlines.size()] : nullptr;
      f.point = {-5 + 15 * unit(rng), 42 + 9 * unit(rng)};
      layer.features.push_back(f);
    }
    const auto [ours, gdal] = both.write(layer);
    REQUIRE(ours == gdal);
  }
}

TEST_CASE("geojson text leaves to GDAL what it does not reproduce", "[gis]") {
  const Both both;
  GisLayer layer{"sites", {"id", "detail"}, {"utilisation"}, {}, {}, {}};
  GisFeature f;
  f.texts = {"a", "tab\there"};  // json-c escapes control characters
  f.numbers = {0.5};
  f.point = {1.3, 47.5};
  layer.features.push_back(f);
  GisFeature json = f;
  json.texts = {"b", "[1, 2]"};  // GDAL writes a text that reads as JSON as JSON
  layer.features.push_back(json);
  GisFeature empty = f;
  empty.texts = {"", ""};
  empty.numbers = {NAN};  // no property at all
  empty.point = {179.5, -16.2};  // by the antimeridian
  layer.features.push_back(empty);
  const auto [ours, gdal] = both.write(layer);
  CHECK(ours == gdal);
  CHECK(ours.find("[ 1, 2 ]") != std::string::npos);
  GisLayer none{"sites", {"id"}, {}, {}, {}, {}};
  const auto [ours_empty, gdal_empty] = both.write(none);
  CHECK(ours_empty == gdal_empty);
}

TEST_CASE("geojson coordinates are printed as GDAL's OGRFormatDouble prints them", "[gis]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> lon(-200, 200), small(-1e-4, 1e-4);
  std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 47.0, 0.5, 1e-6, -1e-6, 0.000005, -0.000005, 0.000015, 998.99999,
                                -998.999996, 998.999996, 999.0, 1000.0, -1234.5678901234, 180.0, -180.0, 1e300, 12345.000000011};
  for (int i = 0; i < 200000; ++i) {
    double v = i % 10 == 0 ? small(rng) : lon(rng);
    if (i % 3 == 0) v = std::round(v * 1e5) / 1e5 + (i % 2 ? 5e-6 : -5e-6);  // on a tie of the 5th decimal
    if (i % 7 == 0) v = std::round(v * 1e4) / 1e4;                             // trailing zeros
    values.push_back(v);
  }
  for (double v : values) {
    const std::string gdal = gdal_geojson_coordinate(v);
    std::string ours;
    append_geojson_coordinate(ours, v);
    INFO(std::hexfloat << v);
    REQUIRE(ours == gdal);
  }
}
