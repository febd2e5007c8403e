// The territory: its communes (a CSV file or a list) and the road graph between them
// (roads_reader.cpp); the network has network_reader.cpp.
#include "scenarios/section_readers.hpp"

#include "scenarios/roads_reader.hpp"

#include <cmath>
#include <map>
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

// A part of a commune table: communes whose département, EPCI or own code is listed (the
// union of the lists given). No filter keeps every row.
struct CommuneFilter {
  std::map<std::string, bool> departements, epci, communes;  // code -> matched a row
  bool any() const { return !departements.empty() || !epci.empty() || !communes.empty(); }
};

std::optional<CommuneFilter> read_commune_filter(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  CommuneFilter f;
  bool ok = true;
  auto list = [&](const char* name, std::map<std::string, bool>& into) {
    const YAML::Node l = n[name];
    if (!l) return;
    if (!l.IsSequence() || l.size() == 0) {
      ctx.r.error(l, key(path, name), "expected a non-empty list of codes, such as [\"37\"]");
      ok = false;
      return;
    }
    for (std::size_t i = 0; i < l.size(); ++i)
      if (auto code = ctx.r.text(l[i], idx(key(path, name), i)))
        into.emplace(*code, false);
      else
        ok = false;
  };
  list("departements", f.departements);
  list("epci", f.epci);
  list("communes", f.communes);
  if (!ok) return std::nullopt;
  return f;
}

// Reports the codes of a filter list that matched no row of the file.
void report_unknown(LoaderContext& ctx, const YAML::Node& n, const Path& path, const char* name,
                    const std::map<std::string, bool>& codes, const std::string& file) {
  std::string unknown;
  for (const auto& [code, seen] : codes)
    if (!seen) unknown += (unknown.empty() ? "" : ", ") + quote(code);
  if (unknown.empty()) return;
  // The national table knows the EPCI of a few départements: say how to add the others.
  const std::string hint = std::string(name) == "epci"
                               ? " (an EPCI is known by the epci column of its communes: fill it from the DGCL "
                                 "list with `maillage import epci`)"
                               : "";
  ctx.r.error(n[name], key(path, name), "unknown code(s) " + unknown + " in " + file + hint);
}

void read_communes_from_csv(LoaderContext& ctx, const YAML::Node& spec, const Path& spec_path) {
  const bool mapped = spec.IsMap();
  if (mapped && !ctx.r.map(spec, spec_path, {"file", "departements", "epci", "communes"}, {"file"})) return;
  const YAML::Node n = mapped ? spec["file"] : spec;
  const Path path = mapped ? key(spec_path, "file") : spec_path;
  std::optional<CommuneFilter> filter = mapped ? read_commune_filter(ctx, spec, spec_path) : CommuneFilter{};
  if (!filter) return;
  const auto table = ctx.read_csv(n, path, {"insee", "name", "population", "lat", "lon"});
  if (!table) return;
  const CsvTable& t = *table;
  const int cdept = t.column("dept"), cepci = t.column("epci");
  if (!filter->epci.empty() && cepci < 0) {
    ctx.r.error(spec["epci"], key(spec_path, "epci"), t.file + " has no epci column to filter on");
    return;
  }
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
                              " to " + std::to_string(static_cast<int>(hi)) + ", got " + quote(short_value(s)));
        return std::nullopt;
      }
      return v;
    };
    if (filter->any()) {
      const std::string& code = row[static_cast<std::size_t>(ci)];
      // Without a dept column, the département is the code's prefix (3 characters overseas).
      const std::string dept = cdept >= 0 ? row[static_cast<std::size_t>(cdept)]
                                          : code.substr(0, code.rfind("97", 0) == 0 ? 3 : 2);
      bool keep = false;
      auto match = [&](std::map<std::string, bool>& codes, const std::string& value) {
        const auto it = codes.find(value);
        if (it != codes.end()) it->second = keep = true;
      };
      match(filter->departements, dept);
      if (cepci >= 0) match(filter->epci, row[static_cast<std::size_t>(cepci)]);
      match(filter->communes, code);
      if (!keep) {
        ctx.communes_left_out.insert(code);
        continue;
      }
    }
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
  const std::size_t before = ctx.diags.size();
  report_unknown(ctx, spec, spec_path, "departements", filter->departements, t.file);
  report_unknown(ctx, spec, spec_path, "epci", filter->epci, t.file);
  report_unknown(ctx, spec, spec_path, "communes", filter->communes, t.file);
  if (filter->any() && ctx.sc.communes.empty() && ctx.diags.size() == before)
    ctx.r.error(spec, spec_path, "the filters keep no commune of " + t.file);
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
                                                   &ctx.sc.roads_note, &ctx.communes_left_out},
                                      ctx.sc.knn_roads);
}

}  // namespace

void read_territory(LoaderContext& ctx, const YAML::Node& n) {
  const Path p = "territory";
  if (!ctx.r.map(n, p, {"communes", "roads", "network", "outlines", "ages", "age_weights"}, {"communes", "roads"})) return;
  const YAML::Node c = n["communes"];
  if (c) {
    const std::size_t before = ctx.diags.size();
    if (c.IsScalar() || c.IsMap())
      read_communes_from_csv(ctx, c, key(p, "communes"));
    else if (c.IsSequence())
      read_communes_inline(ctx, c, key(p, "communes"));
    else
      ctx.r.error(c, key(p, "communes"), "expected a CSV file name, {file, departements, epci, communes} or a list of communes");
    if (ctx.sc.communes.empty() && ctx.diags.size() == before) ctx.r.error(c, key(p, "communes"), "no commune given");
    ctx.communes_ok = ctx.diags.size() == before;
  }
  if (n["roads"] && ctx.communes_ok) read_roads(ctx, n["roads"], key(p, "roads"));
  if (n["network"] && ctx.communes_ok) read_network(ctx, n["network"], key(p, "network"));
  if (n["outlines"] && ctx.communes_ok) read_outlines(ctx, n["outlines"], key(p, "outlines"));
  if ((n["ages"] || n["age_weights"]) && ctx.communes_ok) read_ages(ctx, n, p);
}

}  // namespace maillage::loader
