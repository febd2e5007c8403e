// The GIS layers on a constructed run: one commune feature per plan, means and paired
// differences, outlines or points, the sites with their utilisation; byte-identical twice.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "models/scenario.hpp"
#include "scenarios/gdal_dataset.hpp"
#include "scenarios/gis_layers.hpp"
#include "tests/support/file_text.hpp"

using namespace maillage;
namespace fs = std::filesystem;

namespace {

using test::slurp;

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

Scenario two_communes() {
  Scenario sc;
  for (int i = 0; i < 2; ++i) {
    Commune c;
    c.insee = "4100" + std::to_string(i + 1);
    c.name = "C" + std::to_string(i);
    c.population = 1000.0;
    c.lat = 47.5 + 0.1 * i, c.lon = 1.3 + 0.1 * i;
    sc.communes.push_back(c);
  }
  auto outlines = std::make_shared<CommuneOutlines>(2);
  (*outlines)[0].polygons = {{{{1.2, 47.4}, {1.4, 47.4}, {1.4, 47.6}, {1.2, 47.6}, {1.2, 47.4}}}};
  sc.outlines = outlines;  // the second commune has none: a point
  Practice p;
  p.id = "msp-a";
  p.kind = PracticeKind::Msp;
  sc.practices.push_back(p);
  auto plan = std::make_shared<Scenario>(sc);
  Practice q = p;
  q.id = "msp-b";
  q.commune = 1;
  plan->practices.push_back(q);
  sc.plans.push_back({"new-msp", plan});
  return sc;
}

RunResult two_plans() {
  RunResult r;
  r.by_commune.key_columns = {"plan", "replication", "insee", "name"};
  r.by_commune.value_columns = {"unserved"};
  for (const std::string plan : {"baseline", "new-msp"})
    for (int rep = 1; rep <= 2; ++rep)
      for (int c = 0; c < 2; ++c)
        r.by_commune.rows.push_back({{plan, std::to_string(rep), "4100" + std::to_string(c + 1), "C"},
                                     {(plan == "baseline" ? 10.0 : 7.0) + rep}});
  r.utilisation.key_columns = {"plan", "replication", "resource", "kind", "insee"};
  r.utilisation.value_columns = {"utilisation", "busy_hours", "open_hours", "queue_at_end"};
  for (const std::string plan : {"baseline", "new-msp"})
    for (int rep = 1; rep <= 2; ++rep) r.utilisation.rows.push_back({{plan, std::to_string(rep), "msp-a", "msp", "41001"}, {0, 25.0 * rep, 100, 0}});
  return r;
}

}  // namespace

TEST_CASE("gis layers hold one commune per plan and the sites of each plan", "[gis]") {
  const Scenario sc = two_communes();
  const RunResult r = two_plans();
  const fs::path dir = fs::temp_directory_path() / "maillage_test_gis_layers";
  fs::remove_all(dir);
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  write_gis_layers(r, sc, aggregate_communes(r, sc), (dir / "a").string());
  write_gis_layers(r, sc, aggregate_communes(r, sc), (dir / "b").string());

  const std::string communes = slurp(dir / "a" / "communes.geojson");
  CHECK(count(communes, "\"type\": \"Feature\"") == 4);
  CHECK(count(communes, "\"plan\": \"baseline\"") == 2);
  CHECK(count(communes, "\"plan\": \"new-msp\"") == 2);
  CHECK(count(communes, "\"Polygon\"") == 2);  // the outlined commune, in both plans
  CHECK(count(communes, "\"Point\"") == 2);
  CHECK(count(communes, "\"unserved\": 11.5") == 2);      // baseline mean of 11 and 12
  CHECK(count(communes, "\"unserved_diff\": -3.0") == 2);  // paired: 8-11, 9-12

  const std::string sites = slurp(dir / "a" / "sites.geojson");
  CHECK(count(sites, "\"id\": \"msp-a\"") == 2);
  CHECK(count(sites, "\"id\": \"msp-b\"") == 1);
  CHECK(count(sites, "\"utilisation\": 0.375") == 2);  // mean of 0.25 and 0.5

  for (const char* f : {"communes.geojson", "sites.geojson", "layers.gpkg"}) {
    INFO(f);
    CHECK(slurp(dir / "a" / f) == slurp(dir / "b" / f));
  }
  CHECK(fs::file_size(dir / "a" / "layers.gpkg") > 0);
  fs::remove_all(dir);
}

TEST_CASE("gis layers carry their description and the scenario's caveats in the reader's language", "[gis]") {
  Scenario sc = two_communes();
  sc.name = "loir/cher";
  sc.caveats = {"The MSP list is invented: do not read it as the real supply."};
  const RunResult r = two_plans();
  const fs::path dir = fs::temp_directory_path() / "maillage_test_gis_description";
  fs::remove_all(dir);
  fs::create_directories(dir / "en");
  fs::create_directories(dir / "fr");
  write_gis_layers(r, sc, aggregate_communes(r, sc), (dir / "en").string());
  write_gis_layers(r, sc, aggregate_communes(r, sc), (dir / "fr").string(), Lang::fr);

  // GeoJSON: a top-level "description" member, '/' escaped as GDAL's json-c writes it.
  const std::string communes = slurp(dir / "en" / "communes.geojson");
  CHECK(communes.rfind("{\n\"type\": \"FeatureCollection\",\n\"name\": \"communes\",\n\"description\": \"Maillage, scenario loir\\/cher: ", 0) == 0);
  CHECK(count(communes, "the mean of 2 replications with its 95% interval") == 1);
  CHECK(count(communes, "Read first: The MSP list is invented") == 1);
  const std::string sites = slurp(dir / "en" / "sites.geojson");
  CHECK(count(sites, "its utilisation (busy hours over open hours)") == 1);
  CHECK(count(sites, "Read first: The MSP list is invented") == 1);
  CHECK(count(slurp(dir / "fr" / "communes.geojson"), "moyenne de 2 réplications") == 1);
  CHECK(count(slurp(dir / "fr" / "sites.geojson"), "À lire d'abord") == 1);

  // GeoPackage: each layer's description (gpkg_contents), as QGIS and ogrinfo show it.
  GDALAllRegister();
  GdalDataset gpkg(GDALDataset::Open((dir / "en" / "layers.gpkg").string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(gpkg);
  for (const char* name : {"communes", "sites"}) {
    INFO(name);
    OGRLayer* layer = gpkg->GetLayerByName(name);
    REQUIRE(layer);
    const char* text = layer->GetMetadataItem("DESCRIPTION");
    REQUIRE(text);
    CHECK(std::string(text).rfind("Maillage, scenario loir/cher: ", 0) == 0);
    CHECK(std::string(text).find("Read first: The MSP list is invented") != std::string::npos);
  }
  gpkg.reset();
  fs::remove_all(dir);
}

TEST_CASE("gis layers name the file they cannot write", "[gis]") {
  CHECK_THROWS_WITH(write_gis_layers(two_plans(), two_communes(), CommuneAggregate{}, "/nonexistent-maillage-dir"),
                    Catch::Contains("/nonexistent-maillage-dir/communes.geojson"));
}

namespace {

/** The features of one kind in sites.geojson, as their text between braces. */
std::vector<std::string> features_of(const std::string& geojson, const std::string& kind) {
  std::vector<std::string> out;
  const std::string needle = "\"kind\": \"" + kind + "\"";
  for (auto at = geojson.find(needle); at != std::string::npos; at = geojson.find(needle, at + 1)) {
    const auto begin = geojson.rfind("{ \"type\": \"Feature\"", at);
    const auto end = geojson.find("\n", at);
    out.push_back(geojson.substr(begin, end - begin));
  }
  return out;
}

}  // namespace

TEST_CASE("gis sites layer holds every kind of supply of the scenario", "[gis]") {
  Scenario sc = two_communes();
  sc.plans.clear();
  RemotePool pool;
  pool.id = "plateforme";
  pool.doctors = 3;
  RemotePool lonely;
  lonely.id = "lecture";
  sc.remote_pools = {pool, lonely};
  Cabin cab;
  cab.id = "cabine-1";
  cab.commune = 1;
  cab.pool = 0;
  sc.cabins.push_back(cab);
  Ehpad e;
  e.id = "ehpad-1";
  e.residents = 80;
  sc.ehpads.push_back(e);
  Hospital h;
  h.id = "ch";
  h.ed_doctors = 2;
  sc.hospitals.push_back(h);
  Hotline line;
  line.id = "cpts";
  line.commune = 0;
  line.communes = {1};
  sc.hotlines.push_back(line);
  Bus bus;
  bus.id = "bus-1";
  bus.specialty = "ophthalmology";
  bus.stops = {{0, 0, 9 * 3600.0, 12 * 3600.0}, {1, 3, 13.5 * 3600, 17 * 3600.0}};
  sc.buses.push_back(bus);
  RunResult r = two_plans();
  const fs::path dir = fs::temp_directory_path() / "maillage_test_gis_sites";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_gis_layers(r, sc, aggregate_communes(r, sc), dir.string());
  const std::string sites = slurp(dir / "sites.geojson");
  fs::remove_all(dir);

  CHECK(features_of(sites, "msp").size() == sc.practices.size());
  CHECK(features_of(sites, "hospital").size() == 1);
  CHECK(features_of(sites, "ehpad").size() == 1);
  REQUIRE(features_of(sites, "cabin").size() == 1);
  CHECK(features_of(sites, "cabin")[0].find("remote pool plateforme") != std::string::npos);
  // The remote pools: at the centre of their cabins (the second commune), or of the territory.
  const auto pools = features_of(sites, "remote_pool");
  REQUIRE(pools.size() == 2);
  CHECK(pools[0].find("\"id\": \"plateforme\"") != std::string::npos);
  CHECK(pools[0].find("3 doctors") != std::string::npos);
  CHECK(pools[0].find("[ 1.4, 47.6 ]") != std::string::npos);
  CHECK(pools[1].find("\"id\": \"lecture\"") != std::string::npos);
  CHECK(pools[1].find("[ 1.35, 47.55 ]") != std::string::npos);
  CHECK(pools[1].find("centre of the territory") != std::string::npos);
  // The hotline where it consults, with the communes it covers.
  const auto lines = features_of(sites, "hotline");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("\"insee\": \"41001\"") != std::string::npos);
  CHECK(lines[0].find("covers 41002") != std::string::npos);
  // One feature per bus stop, with its day and hours.
  const auto stops = features_of(sites, "bus_stop");
  REQUIRE(stops.size() == 2);
  CHECK(stops[0].find("Monday 09:00-12:00") != std::string::npos);
  CHECK(stops[0].find("\"insee\": \"41001\"") != std::string::npos);
  CHECK(stops[1].find("Thursday 13:30-17:00") != std::string::npos);
  CHECK(stops[1].find("\"insee\": \"41002\"") != std::string::npos);
}
