// The territory: its communes (a CSV file or a list) and the road graph between them
// (an edge list or k nearest neighbours); the network has network_reader.cpp.
#include "scenarios/section_readers.hpp"

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
  if (!ctx.r.map(n, path, {"model", "k", "detour", "speed", "edges"})) return;
  std::optional<RoadGraph> graph;
  if (n["edges"]) {
    if (n["model"] || n["k"] || n["speed"] || n["detour"]) {
      ctx.r.error(n, path, "give either edges: FILE or model: knn with k, detour and speed, not both");
      return;
    }
    const YAML::Node e = n["edges"];
    auto name = ctx.r.text(e, key(path, "edges"));
    if (!name) return;
    const auto table = ctx.read_csv(e, key(path, "edges"), {"from", "to", "km", "minutes"});
    if (!table) return;
    const CsvTable& t = *table;
    const std::string& file = t.file;
    const int cf = t.column("from"), ct = t.column("to"), ck = t.column("km"), cm = t.column("minutes");
    std::vector<RoadEdge> edges;
    const std::size_t before = ctx.diags.size();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto& row = t.rows[i];
      const std::string where = file + ":" + std::to_string(t.lines[i]) + ": ";
      RoadEdge edge;
      bool ok = true;
      for (auto [col, slot] : {std::pair{cf, &edge.a}, {ct, &edge.b}}) {
        const auto it = ctx.commune_index.find(row[static_cast<std::size_t>(col)]);
        if (it == ctx.commune_index.end()) {
          ctx.r.error(e, key(path, "edges"), where + "unknown commune " + quote(row[static_cast<std::size_t>(col)]));
          ok = false;
        } else {
          *slot = it->second;
        }
      }
      for (auto [col, slot, scale] : {std::tuple{ck, &edge.metres, 1000.0}, {cm, &edge.seconds, 60.0}}) {
        const std::string& s = row[static_cast<std::size_t>(col)];
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0' || !std::isfinite(v) || v < 0) {
          ctx.r.error(e, key(path, "edges"), where + "expected a non-negative number, got " + quote(s));
          ok = false;
        } else {
          *slot = v * scale;
        }
      }
      if (ok && edge.a == edge.b) {
        ctx.r.error(e, key(path, "edges"), where + "an edge from a commune to itself");
        ok = false;
      }
      if (ok) edges.push_back(edge);
    }
    if (ctx.diags.size() != before) return;
    graph = RoadGraph::from_edges(ctx.sc.communes.size(), edges);
  } else {
    const std::size_t before = ctx.diags.size();
    for (const char* required : {"model", "k", "detour", "speed"})
      if (!n[required])
        ctx.r.error(n, path, std::string("missing key \"") + required + "\" (or give edges: FILE instead)");
    ctx.r.choice(n["model"], key(path, "model"), {"knn"});
    auto k = ctx.r.integer(n["k"], key(path, "k"), 1, 100);
    auto detour = ctx.r.number(n["detour"], key(path, "detour"), 1.0, 10.0);
    auto speed = ctx.r.quantity(n["speed"], key(path, "speed"), Dimension::Speed);
    if (speed && *speed <= 0) ctx.r.error(n["speed"], key(path, "speed"), "expected a positive speed");
    if (ctx.diags.size() != before || !k || !detour || !speed) return;
    graph = RoadGraph::knn(ctx.sc.communes, static_cast<int>(*k), *detour, *speed);
  }
  // Every commune must reach every other: name the ones cut off from the largest part.
  const auto comp = graph->components();
  std::vector<std::string> cut;
  std::size_t n_cut = 0;
  for (std::size_t c = 0; c < comp.size(); ++c)
    if (comp[c] != 0 && n_cut++ < 5) cut.push_back(ctx.sc.communes[c].insee + " (" + ctx.sc.communes[c].name + ")");
  if (n_cut > 0) {
    std::string list;
    for (const auto& s : cut) list += (list.empty() ? "" : ", ") + s;
    ctx.r.error(n, path,
                "the road graph is disconnected: " + std::to_string(n_cut) + " commune(s) cannot be reached from the rest: " +
                    list + (n_cut > cut.size() ? ", ..." : "") +
                    (n["edges"] ? "; add edges to them" : "; raise k or use an edge list"));
    return;
  }
  ctx.sc.roads = std::make_shared<RoadGraph>(std::move(*graph));
}

}  // namespace

void read_territory(LoaderContext& ctx, const YAML::Node& n) {
  const Path p = "territory";
  if (!ctx.r.map(n, p, {"communes", "roads", "network"}, {"communes", "roads"})) return;
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
}

}  // namespace maillage::loader
