// The territory: its communes (a CSV file or a list) and the road graph between them
// (roads_reader.cpp); the network has network_reader.cpp.
#include "scenarios/section_readers.hpp"

#include "scenarios/roads_reader.hpp"

#include <cmath>
#include <tuple>

namespace maillage::loader {
namespace {

void add_commune(LoaderContext& ctx, Commune c, const YAML::Mark& at, const Path& path, const std::string& where) {
  if (!ctx.commune_index.emplace(c.insee, ctx.sc.communes.size()).second) {
    ctx.r.error(at, path, "commune " + quote(c.insee) + " is listed twice" + where);
    return;
  }
  ctx.sc.communes.push_back(std::move(c));
}

void read_communes_from_csv(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  const auto table = ctx.read_csv(n, path, {"insee", "name", "population", "lat", "lon"});
  if (!table) return;
  const CsvTable& t = *table;
  const std::string& file = t.file;
  const int ci = t.column("insee"), cn = t.column("name"), cp = t.column("population"), clat = t.column("lat"),
            clon = t.column("lon");
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    const std::string where = file + ":" + std::to_string(t.lines[i]) + ": ";
    auto num = [&](int col, const char* name, double lo, double hi) -> std::optional<double> {
      char* end = nullptr;
      const std::string& s = row[static_cast<std::size_t>(col)];
      const double v = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi) {
        ctx.r.error(n, path, where + name + ": expected a number from " + std::to_string(static_cast<int>(lo)) +
                              " to " + std::to_string(static_cast<int>(hi)) + ", got " + quote(s));
        return std::nullopt;
      }
      return v;
    };
    Commune c;
    c.insee = row[static_cast<std::size_t>(ci)];
    c.name = row[static_cast<std::size_t>(cn)];
    if (c.insee.empty()) {
      ctx.r.error(n, path, where + "insee: empty code");
      continue;
    }
    auto pop = num(cp, "population", 0, 1e9), lat = num(clat, "lat", -90, 90), lon = num(clon, "lon", -180, 180);
    if (!pop || !lat || !lon) continue;
    c.population = *pop, c.lat = *lat, c.lon = *lon;
    add_commune(ctx, std::move(c), n.Mark(), path, " (" + where.substr(0, where.size() - 2) + ")");
  }
}

void read_communes_inline(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node c = n[i];
    const Path p = idx(path, i);
    if (!ctx.r.map(c, p, {"insee", "name", "population", "lat", "lon"}, {"insee", "population", "lat", "lon"})) continue;
    Commune x;
    auto code = ctx.r.text(c["insee"], key(p, "insee"));
    auto pop = ctx.r.number(c["population"], key(p, "population"), 0, 1e9);
    auto lat = ctx.r.number(c["lat"], key(p, "lat"), -90, 90);
    auto lon = ctx.r.number(c["lon"], key(p, "lon"), -180, 180);
    if (!code || !pop || !lat || !lon) continue;
    x.insee = *code;
    x.name = ctx.r.text(c["name"], key(p, "name")).value_or(*code);
    x.population = *pop, x.lat = *lat, x.lon = *lon;
    add_commune(ctx, std::move(x), c["insee"].Mark(), key(p, "insee"), "");
  }
}

void read_roads(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  ctx.sc.roads = maillage::read_roads(n, path, ctx.r,
                                      RoadsContext{ctx.sc.communes, ctx.commune_index, ctx.base_dir, ctx.diags,
                                                   &ctx.sc.roads_note},
                                      ctx.sc.knn_roads);
}

}  // namespace

void read_territory(LoaderContext& ctx, const YAML::Node& n) {
  const Path p = "territory";
  if (!ctx.r.map(n, p, {"communes", "roads", "network", "outlines"}, {"communes", "roads"})) return;
  const YAML::Node c = n["communes"];
  if (c) {
    const std::size_t before = ctx.diags.size();
    if (c.IsScalar())
      read_communes_from_csv(ctx, c, key(p, "communes"));
    else if (c.IsSequence())
      read_communes_inline(ctx, c, key(p, "communes"));
    else
      ctx.r.error(c, key(p, "communes"), "expected a CSV file name or a list of communes");
    if (ctx.sc.communes.empty() && ctx.diags.size() == before) ctx.r.error(c, key(p, "communes"), "no commune given");
    ctx.communes_ok = ctx.diags.size() == before;
  }
  if (n["roads"] && ctx.communes_ok) read_roads(ctx, n["roads"], key(p, "roads"));
  if (n["network"] && ctx.communes_ok) read_network(ctx, n["network"], key(p, "network"));
  if (n["outlines"] && ctx.communes_ok) read_outlines(ctx, n["outlines"], key(p, "outlines"));
}

}  // namespace maillage::loader
