#include "scenarios/roads_reader.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <utility>

#include "models/road_network.hpp"
#include "scenarios/data_file.hpp"
#include "scenarios/osm_reader.hpp"

namespace maillage {
namespace {

using Path = std::string;
const auto key = YamlReader::key_path;
const auto idx = YamlReader::index_path;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string data_file(const std::string& base_dir, const std::string& file) {
  if (file.empty() || file[0] == '/' || base_dir.empty() || base_dir == ".") return file;
  return (std::filesystem::path(base_dir) / file).lexically_normal().string();
}

/** A non-negative finite number from text, or nothing. */
std::optional<double> non_negative(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

/** One undirected edge per pair; a pair given both ways takes the mean of the two (half the
 *  round trip, which is what patients drive). `exact`: the pairs' times as given. */
std::vector<RoadEdge> pair_edges(const std::vector<TravelRow>& rows, bool exact) {
  std::map<std::pair<std::size_t, std::size_t>, std::tuple<double, double, int>> sums;
  for (const TravelRow& t : rows) {
    auto& [s, m, count] = sums[{std::min(t.from, t.to), std::max(t.from, t.to)}];
    s += t.seconds, m += t.metres, ++count;
  }
  std::vector<RoadEdge> edges;
  for (const auto& [ab, sum] : sums) {
    const auto [s, m, count] = sum;
    RoadEdge e{ab.first, ab.second, m / count, s / count};
    e.exact = exact;
    edges.push_back(e);
  }
  return edges;
}

/** The rows of a table file, or nothing after reporting its bad rows. */
std::optional<std::vector<TravelRow>> table_rows(const YAML::Node& n, const Path& path, YamlReader& r,
                                                  const RoadsContext& ctx) {
  CsvTable t;
  try {
    t = CsvTable::read(data_file(ctx.base_dir, n.Scalar()));
  } catch (const std::exception& e) {
    r.error(n, path, e.what());
    return std::nullopt;
  }
  if (ctx.left_out && !ctx.left_out->empty()) {
    // A part of a national table: edges touching a commune left out are not the scenario's.
    const int cf = t.column("from"), ct = t.column("to");
    CsvTable kept = t;
    kept.rows.clear(), kept.lines.clear();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto& row = t.rows[i];
      auto out = [&](int c) { return c >= 0 && ctx.left_out->count(row[static_cast<std::size_t>(c)]) > 0; };
      if (out(cf) || out(ct)) continue;
      kept.rows.push_back(row), kept.lines.push_back(t.lines[i]);
    }
    t = std::move(kept);
  }
  std::vector<std::string> errors;
  auto rows = travel_rows(t, ctx.commune_index, true, errors);
  for (const auto& e : errors) r.error(n, path, e);
  if (!errors.empty()) return std::nullopt;
  return rows;
}

/** An OSRM table response: {"durations": [[s]], "distances": [[m]], "sources": [...],
 *  "destinations": [...]}, square, rows and columns both in the order of the scenario's
 *  communes, or of a "communes": [INSEE...] list added to it. Each source's snapped
 *  location must lie within 5 km of its commune's centre (a check of that order). */
std::optional<std::vector<TravelRow>> osrm_rows(const YAML::Node& n, const Path& path, YamlReader& r,
                                                 const RoadsContext& ctx) {
  const std::string file = data_file(ctx.base_dir, n.Scalar());
  auto fail = [&](const YAML::Mark& m, const std::string& what) {
    r.error(n, path, file + (m.is_null() ? "" : ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1)) +
                         ": " + what);
    return std::nullopt;
  };
  YAML::Node root;
  try {
    root = YAML::Load(read_data_file(file));  // a regular file of bounded size: no FIFO, no /dev/zero
  } catch (const DataFileError& e) {
    return fail(YAML::Mark::null_mark(), e.reason);
  } catch (const YAML::Exception& e) {
    return fail(e.mark, "not valid JSON: " + e.msg);
  }
  if (!root.IsMap()) return fail(root.Mark(), "expected an OSRM table response, a JSON object with durations and distances");
  if (root["code"] && root["code"].IsScalar() && root["code"].Scalar() != "Ok")
    return fail(root["code"].Mark(), "OSRM answered \"" + root["code"].Scalar() + "\", not Ok");
  const YAML::Node dur = root["durations"], dist = root["distances"];
  if (!dur || !dist)
    return fail(root.Mark(), "expected both \"durations\" and \"distances\" (ask OSRM for annotations=duration,distance)");
  // Which commune each row (and column) is.
  std::vector<std::size_t> order;
  if (const YAML::Node codes = root["communes"]; codes) {
    if (!codes.IsSequence()) return fail(codes.Mark(), "\"communes\" must be a list of INSEE codes");
    for (const auto& c : codes) {
      const auto it = c.IsScalar() ? ctx.commune_index.find(c.Scalar()) : ctx.commune_index.end();
      if (it == ctx.commune_index.end()) return fail(c.Mark(), "unknown commune \"" + (c.IsScalar() ? c.Scalar() : "?") + "\"");
      order.push_back(it->second);
    }
  } else {
    for (std::size_t i = 0; i < ctx.communes.size(); ++i) order.push_back(i);
  }
  const std::size_t size = order.size();
  for (const auto& [name, m] : {std::pair{"durations", dur}, {"distances", dist}}) {
    if (!m.IsSequence() || m.size() != size)
      return fail(m.Mark(), std::string("\"") + name + "\" must have one row per commune (" + std::to_string(size) +
                                (root["communes"] ? ", as listed in \"communes\"" : ", in the scenario's order") + ")");
    for (const auto& row : m)
      if (!row.IsSequence() || row.size() != size)
        return fail(row.Mark(), std::string("each row of \"") + name + "\" must have " + std::to_string(size) + " values");
  }
  for (const char* side : {"sources", "destinations"}) {
    const YAML::Node w = root[side];
    if (!w) continue;
    if (!w.IsSequence() || w.size() != size)
      return fail(w.Mark(), std::string("\"") + side + "\" must list " + std::to_string(size) + " waypoints");
    for (std::size_t i = 0; i < size; ++i) {
      const YAML::Node loc = w[i].IsMap() ? w[i]["location"] : YAML::Node();
      if (!loc || !loc.IsSequence() || loc.size() != 2) continue;
      const Commune& c = ctx.communes[order[i]];
      const double km = great_circle_m(c.lat, c.lon, loc[1].as<double>(0), loc[0].as<double>(0)) / 1000;
      if (km > 5)
        return fail(loc.Mark(), std::string(side) + "[" + std::to_string(i) + "] lies " + std::to_string(std::lround(km)) +
                                    " km from " + c.insee + " (" + c.name +
                                    "): the rows must follow the order of the communes (or list them in \"communes\")");
    }
  }
  std::vector<TravelRow> rows;
  for (std::size_t i = 0; i < size; ++i)
    for (std::size_t j = 0; j < size; ++j) {
      const YAML::Node s = dur[i][j], m = dist[i][j];
      if (i == j || order[i] == order[j] || s.IsNull() || m.IsNull()) continue;  // null: no route
      const auto sv = s.IsScalar() ? non_negative(s.Scalar()) : std::nullopt;
      const auto mv = m.IsScalar() ? non_negative(m.Scalar()) : std::nullopt;
      if (!sv || !mv) return fail((sv ? m : s).Mark(), "expected a non-negative number or null");
      rows.push_back(TravelRow{order[i], order[j], *sv, *mv, s.Mark().line + 1});
    }
  return rows;
}

/** The roads of an OpenStreetMap extract between the communes (RoadNetwork). */
std::optional<std::vector<RoadEdge>> osm_edges(const YAML::Node& n, const Path& path, YamlReader& r, const RoadsContext& ctx) {
  const std::string file = data_file(ctx.base_dir, n.Scalar());
  NetworkEdges found;
  try {
    check_data_file(file, ~0ull);  // libosmium reads it: a FIFO would block (extracts may be large)
    found = network_edges(read_osm_network(file), ctx.communes);
  } catch (const std::exception& e) {
    r.error(n, path, e.what());
    return std::nullopt;
  }
  bool ok = true;
  for (std::size_t c = 0; c < ctx.communes.size(); ++c)
    if (found.snap_metres[c] > 10000) {
      r.error(n, path, file + ": no road within 10 km of " + ctx.communes[c].insee + " (" + ctx.communes[c].name +
                           "): is the commune inside the extract?");
      ok = false;
    }
  if (!ok) return std::nullopt;
  if (ctx.note && found.nodes_dropped > 0)
    *ctx.note += file + ": " + std::to_string(found.nodes_dropped) + " of " + std::to_string(found.nodes_dropped + found.nodes_kept) +
                 " road nodes left out: outside the largest part where every node reaches every other\n";
  std::vector<TravelRow> rows;
  for (const RoadEdge& e : found.trips) rows.push_back(TravelRow{e.a, e.b, e.seconds, e.metres, 0});
  return pair_edges(rows, false);
}

/** `ferries: [{from, to, minutes, km}]`: crossings that join islands to the mainland. */
std::optional<std::vector<RoadEdge>> ferries(const YAML::Node& n, const Path& path, YamlReader& r,
                                             const RoadsContext& ctx) {
  if (!r.sequence(n, path)) return std::nullopt;
  const std::size_t before = ctx.diagnostics.size();
  std::vector<RoadEdge> out;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node f = n[i];
    const Path p = idx(path, i);
    if (!r.map(f, p, {"from", "to", "minutes", "km"}, {"from", "to", "minutes", "km"})) continue;
    RoadEdge e;
    bool ok = true;
    for (auto [k, slot] : {std::pair{"from", &e.a}, {"to", &e.b}}) {
      const auto code = r.text(f[k], key(p, k));
      const auto it = code ? ctx.commune_index.find(*code) : ctx.commune_index.end();
      if (code && it == ctx.commune_index.end()) r.error(f[k], key(p, k), "unknown commune \"" + *code + "\"");
      if (it == ctx.commune_index.end()) ok = false; else *slot = it->second;
    }
    const auto minutes = r.number(f["minutes"], key(p, "minutes"), 0, 1e6);
    const auto km = r.number(f["km"], key(p, "km"), 0, 1e5);
    if (ok && e.a == e.b) r.error(f, p, "a ferry from a commune to itself"), ok = false;
    if (!ok || !minutes || !km) continue;
    e.seconds = *minutes * 60, e.metres = *km * 1000;
    out.push_back(e);
  }
  if (ctx.diagnostics.size() != before) return std::nullopt;
  return out;
}

/** `model: knn, k, detour` with `speed`, or `access` and `speeds: [{from: 0 km, speed}]`. */
std::optional<KnnRoads> knn_model(const YAML::Node& n, const Path& path, YamlReader& r, const RoadsContext& ctx) {
  const std::size_t before = ctx.diagnostics.size();
  for (const char* required : {"model", "k", "detour"})
    if (!n[required]) r.error(n, path, std::string("missing key \"") + required + "\" of the knn model");
  if (n["speed"] && n["speeds"]) r.error(n, path, "give speed (one for every road) or speeds (by trip distance), not both");
  if (!n["speed"] && !n["speeds"]) r.error(n, path, "missing key \"speed\" (or \"speeds\") of the knn model");
  if (n["access"] && !n["speeds"]) r.error(n["access"], key(path, "access"), "access goes with speeds: [{from: 0 km, speed: ...}, ...]");
  r.choice(n["model"], key(path, "model"), {"knn"});
  KnnRoads m;
  const auto k = r.integer(n["k"], key(path, "k"), 1, 100);
  const auto detour = r.number(n["detour"], key(path, "detour"), 1.0, 10.0);
  if (const auto speed = r.quantity(n["speed"], key(path, "speed"), Dimension::Speed)) {
    if (*speed <= 0) r.error(n["speed"], key(path, "speed"), "expected a positive speed");
    m.speed_mps = *speed;
  }
  if (const YAML::Node s = n["speeds"]; s && r.sequence(s, key(path, "speeds"))) {
    SpeedCurve c;
    if (const auto a = r.quantity(n["access"], key(path, "access"), Dimension::Duration)) c.access_s = *a;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const Path p = idx(key(path, "speeds"), i);
      if (!r.map(s[i], p, {"from", "speed"}, {"from", "speed"})) continue;
      const auto from = r.quantity(s[i]["from"], key(p, "from"), Dimension::Distance);
      const auto v = r.quantity(s[i]["speed"], key(p, "speed"), Dimension::Speed);
      if (from && v) c.bands.emplace_back(*from, *v);
    }
    if (ctx.diagnostics.size() == before) {
      try {
        c.check();
      } catch (const std::invalid_argument& e) {
        r.error(s, key(path, "speeds"), e.what() + std::string(", e.g. [{from: 0 km, speed: 40 km/h}, {from: 10 km, speed: 80 km/h}]"));
      }
    }
    m.curve = c;
  }
  if (ctx.diagnostics.size() != before || !k || !detour) return std::nullopt;
  m.k = static_cast<int>(*k), m.detour = *detour;
  return m;
}

/** Every commune must reach every other. Otherwise names a commune of each part cut off
 *  from the largest, the closest pair between them, and how to join them. */
void check_connected(const RoadGraph& g, const YAML::Node& n, const Path& path, YamlReader& r, const RoadsContext& ctx) {
  const auto comp = g.components();
  int parts = 0;
  for (int c : comp) parts = std::max(parts, c + 1);
  if (parts <= 1) return;
  const auto& cs = ctx.communes;
  auto named = [&](std::size_t i) { return cs[i].insee + " (" + cs[i].name + ")"; };
  std::string text = "the road graph is disconnected: " + std::to_string(parts) + " parts; the largest holds " +
                     named(static_cast<std::size_t>(std::find(comp.begin(), comp.end(), 0) - comp.begin()));
  std::string example;
  for (int part = 1; part < std::min(parts, 6); ++part) {
    // The closest pair between this part and the largest (as the crow flies).
    std::size_t size = 0, best_a = 0, best_b = 0;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < comp.size(); ++a) {
      if (comp[a] != part) continue;
      ++size;
      for (std::size_t b = 0; b < comp.size(); ++b)
        if (comp[b] == 0)
          if (const double d = great_circle_m(cs[a].lat, cs[a].lon, cs[b].lat, cs[b].lon); d < best) best = d, best_a = a, best_b = b;
    }
    text += "; cut off: " + named(best_a) + (size > 1 ? " and " + std::to_string(size - 1) + " more with it" : "") +
            ", " + std::to_string(std::lround(best / 1000)) + " km from " + named(best_b);
    if (example.empty())
      example = "{from: \"" + cs[best_a].insee + "\", to: \"" + cs[best_b].insee + "\", minutes: M, km: " +
                std::to_string(std::lround(best / 1000)) + "}";
  }
  if (parts > 6) text += "; and " + std::to_string(parts - 6) + " more parts";
  r.error(n, path, text + ". Join each part with a crossing, e.g. ferries: [" + example +
                       "] (the crossing's time and length), or raise k, or add edges");
}

}  // namespace

std::vector<TravelRow> travel_rows(const CsvTable& t, const std::map<std::string, std::size_t>& commune_index,
                                   bool need_km, std::vector<std::string>& errors) {
  const int cf = t.column("from"), ct = t.column("to"), cm = t.column("minutes"), ck = t.column("km");
  for (auto [c, name] : {std::pair{cf, "from"}, {ct, "to"}, {cm, "minutes"}, {need_km ? ck : 0, "km"}})
    if (c < 0) errors.push_back(t.file + ": missing column \"" + name + "\" (expected from,to,minutes" + (need_km ? ",km" : "[,km]") + ")");
  if (!errors.empty()) return {};
  std::vector<TravelRow> rows;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    const std::string where = t.file + ":" + std::to_string(t.lines[i]) + ": ";
    TravelRow x{0, 0, 0, kNaN, t.lines[i]};
    bool ok = true;
    for (auto [col, slot] : {std::pair{cf, &x.from}, {ct, &x.to}}) {
      const std::string& code = row[static_cast<std::size_t>(col)];
      const auto it = commune_index.find(code);
      if (it == commune_index.end()) errors.push_back(where + "unknown commune \"" + code + "\""), ok = false;
      else *slot = it->second;
    }
    for (auto [col, slot, scale] : {std::tuple{cm, &x.seconds, 60.0}, {ck, &x.metres, 1000.0}}) {
      if (col < 0) continue;
      const std::string& s = row[static_cast<std::size_t>(col)];
      if (const auto v = non_negative(s)) *slot = *v * scale;
      else errors.push_back(where + "expected a non-negative number, got \"" + s + "\""), ok = false;
    }
    if (ok && x.from == x.to) errors.push_back(where + "a pair from a commune to itself"), ok = false;
    if (ok) rows.push_back(x);
  }
  return rows;
}

std::shared_ptr<const RoadGraph> read_roads(const YAML::Node& n, const Path& path, YamlReader& r,
                                            const RoadsContext& ctx, std::optional<KnnRoads>& knn) {
  if (!r.map(n, path, {"model", "k", "detour", "speed", "access", "speeds", "edges", "matrix", "ferries", "osm"})) return nullptr;
  const bool model = n["model"] || n["k"] || n["detour"] || n["speed"] || n["speeds"] || n["access"];
  if ((n["edges"] ? 1 : 0) + (model ? 1 : 0) + (n["osm"] ? 1 : 0) > 1) {
    r.error(n, path, "give one of model: knn (with k, detour and speed), edges: FILE or osm: FILE, not several");
    return nullptr;
  }
  if (!n["edges"] && !model && !n["matrix"] && !n["osm"]) {
    r.error(n, path, "expected model: knn (with k, detour and speed), edges: FILE, matrix: FILE or osm: FILE");
    return nullptr;
  }
  const std::size_t before = ctx.diagnostics.size();
  std::vector<RoadEdge> edges;
  std::optional<SpeedCurve> curve;
  if (model) {
    knn = knn_model(n, path, r, ctx);
    if (knn) edges = RoadGraph::knn_edges(ctx.communes, *knn), curve = knn->curve;
  }
  if (const YAML::Node e = n["edges"]; e && r.text(e, key(path, "edges"))) {
    if (const auto rows = table_rows(e, key(path, "edges"), r, ctx))
      for (const TravelRow& t : *rows) edges.push_back(RoadEdge{t.from, t.to, t.metres, t.seconds});
  }
  if (const YAML::Node m = n["matrix"]; m && r.text(m, key(path, "matrix"))) {
    const bool json = m.Scalar().size() > 5 && m.Scalar().substr(m.Scalar().size() - 5) == ".json";
    if (const auto rows = json ? osrm_rows(m, key(path, "matrix"), r, ctx) : table_rows(m, key(path, "matrix"), r, ctx)) {
      const auto given = pair_edges(*rows, true);
      edges.insert(edges.end(), given.begin(), given.end());
    }
  }
  if (const YAML::Node o = n["osm"]; o && r.text(o, key(path, "osm")))
    if (const auto roads = osm_edges(o, key(path, "osm"), r, ctx)) edges.insert(edges.end(), roads->begin(), roads->end());
  if (const YAML::Node f = n["ferries"]; f)
    if (const auto crossings = ferries(f, key(path, "ferries"), r, ctx)) edges.insert(edges.end(), crossings->begin(), crossings->end());
  if (ctx.diagnostics.size() != before) return nullptr;
  auto graph = std::make_shared<RoadGraph>(RoadGraph::from_edges(ctx.communes.size(), edges, curve));
  check_connected(*graph, n, path, r, ctx);
  if (ctx.diagnostics.size() != before) return nullptr;
  return graph;
}

}  // namespace maillage
