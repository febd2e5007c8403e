// The GIS layers on a constructed run: one commune feature per plan, means and paired
// differences, outlines or points, the sites with their utilisation; byte-identical twice.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "models/scenario.hpp"
#include "scenarios/gis_layers.hpp"

using namespace maillage;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

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

TEST_CASE("gis layers name the file they cannot write", "[gis]") {
  CHECK_THROWS_WITH(write_gis_layers(two_plans(), two_communes(), CommuneAggregate{}, "/nonexistent-maillage-dir"),
                    Catch::Contains("/nonexistent-maillage-dir/communes.geojson"));
}
