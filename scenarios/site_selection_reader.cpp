// The site_selection section: candidates (a CSV file or a list), the template of the
// site to open, the objective and limits, and the sites the chosen ones replace.
#include "scenarios/section_readers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>

namespace maillage::loader {
namespace {

/** The supply list a site-selection template adds to, from its kind. */
const char* template_list(const std::string& kind) {
  return (kind == "cabin" || kind == "kiosk" || kind == "suitcase") ? "cabins" : "practices";
}

/** A candidate's own position from CSV cells: both empty (the commune's point) or both
 *  WGS84 degrees. */
bool read_position(const std::string& lat, const std::string& lon, SiteCandidate& c, const std::function<void(const std::string&)>& error) {
  if (lat.empty() && lon.empty()) return true;
  auto degrees = [&](const std::string& s, const char* name, double limit) -> std::optional<double> {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !std::isfinite(v) || std::fabs(v) > limit) {
      error(std::string(name) + ": expected WGS84 degrees from " + std::to_string(static_cast<int>(-limit)) + " to " +
            std::to_string(static_cast<int>(limit)) + " (or both lat and lon empty: the commune's point), got " + quote(s));
      return std::nullopt;
    }
    return v;
  };
  c.lat = degrees(lat, "lat", 90);
  c.lon = degrees(lon, "lon", 180);
  return c.lat && c.lon;
}

void read_site_candidates(LoaderContext& ctx, const YAML::Node& n, const Path& path, SiteSelection& sel) {
  const std::string prefix = "site";
  std::set<std::string> ids;
  auto add = [&](SiteCandidate c, const std::optional<std::string>& given_id, const std::function<void(const std::string&)>& error) {
    if (given_id) {
      c.id = *given_id;
    } else {  // site-<insee>, then site-<insee>-2... for a second host in the commune
      c.id = prefix + "-" + ctx.sc.communes[c.commune].insee;
      for (int k = 2; ids.count(c.id) || ctx.supply_ids.count(c.id); ++k) c.id = prefix + "-" + ctx.sc.communes[c.commune].insee + "-" + std::to_string(k);
    }
    if (ctx.supply_ids.count(c.id)) return error("id " + quote(c.id) + " is already a site of the supply");
    if (!ids.insert(c.id).second) return error("id " + quote(c.id) + " is used twice");
    sel.candidates.push_back(std::move(c));
  };
  if (n.IsScalar()) {  // a CSV file: commune, and optionally id, host, name, capital, per_year, lat, lon
    const auto table = ctx.read_csv(n, path, {"commune"});
    if (!table) return;
    const CsvTable& t = *table;
    const int cc = t.column("commune"), ci = t.column("id"), ch = t.column("host"), cn = t.column("name"),
              ccap = t.column("capital"), cpy = t.column("per_year"), clat = t.column("lat"), clon = t.column("lon");
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto& row = t.rows[i];
      const std::string where = t.file + ":" + std::to_string(t.lines[i]) + ": ";
      auto cell = [&](int col) { return col < 0 ? std::string() : row[static_cast<std::size_t>(col)]; };
      auto error = [&](const std::string& m) { ctx.r.error(n, path, where + m); };
      const auto it = ctx.commune_index.find(cell(cc));
      if (it == ctx.commune_index.end()) {
        error("unknown commune " + quote(cell(cc)) + " (not in territory.communes)");
        continue;
      }
      SiteCandidate c;
      c.commune = it->second, c.host = cell(ch), c.name = cell(cn);
      try {
        if (!cell(ccap).empty()) c.cost.capital = parse_quantity(cell(ccap), Dimension::Money);
        if (!cell(cpy).empty()) c.cost.per_year = parse_quantity(cell(cpy), Dimension::Money);
      } catch (const QuantityError& e) {
        error(std::string("cost: ") + e.what());
        continue;
      }
      if (!read_position(cell(clat), cell(clon), c, error)) continue;
      add(c, cell(ci).empty() ? std::nullopt : std::optional<std::string>(cell(ci)), error);
    }
  } else if (ctx.r.sequence(n, path)) {
    for (std::size_t i = 0; i < n.size(); ++i) {
      const Path cp = idx(path, i);
      const YAML::Node x = n[i];
      if (!ctx.r.map(x, cp, {"id", "commune", "host", "name", "cost", "lat", "lon"}, {"commune"})) continue;
      SiteCandidate c;
      if (x["lat"]) c.lat = ctx.r.number(x["lat"], key(cp, "lat"), -90, 90);
      if (x["lon"]) c.lon = ctx.r.number(x["lon"], key(cp, "lon"), -180, 180);
      if ((x["lat"] && !c.lat) || (x["lon"] && !c.lon)) continue;
      if (c.lat.has_value() != c.lon.has_value()) {
        ctx.r.error(x, cp, "give both lat and lon (WGS84 degrees) or neither (the commune's point)");
        continue;
      }
      auto commune = ctx.commune_ref(x["commune"], key(cp, "commune"), ctx.r);
      auto id = ctx.r.text(x["id"], key(cp, "id"));
      if (auto h = ctx.r.text(x["host"], key(cp, "host"))) c.host = *h;
      if (auto nm = ctx.r.text(x["name"], key(cp, "name"))) c.name = *nm;
      if (!commune || (x["id"] && !id) || !read_cost(x, cp, ctx.r, c.cost)) continue;
      c.commune = *commune;
      add(c, id, [&](const std::string& m) { ctx.r.error(x["id"] ? x["id"] : x, x["id"] ? key(cp, "id") : cp, m); });
    }
  }
  if (n.IsSequence() && n.size() == 0) ctx.r.error(n, path, "no candidate given");
}

}  // namespace

YAML::Node site_item(const YAML::Node& tmpl, const SiteCandidate& c, const std::string& insee) {
  YAML::Node item(YAML::NodeType::Map);
  for (const auto& kv : tmpl) item[kv.first.Scalar()] = kv.second;
  item["id"] = c.id;
  item["commune"] = insee;
  if (c.cost.given()) {
    YAML::Node cost(YAML::NodeType::Map);
    cost["capital"] = std::to_string(c.cost.capital) + " EUR";
    cost["per_year"] = std::to_string(c.cost.per_year) + " EUR";
    cost["years"] = c.cost.years;
    item["cost"] = cost;
  }
  return item;
}

void read_site_selection(LoaderContext& ctx, const YAML::Node& n) {
  const Path p = "site_selection";
  if (!ctx.r.map(n, p, {"candidates", "template", "open", "budget", "objective", "options", "replaces", "solver",
                  "equivalent_within", "max_replications", "prefer_hosts"},
                 {"candidates", "template", "objective"}) ||
      !n["candidates"] || !n["template"] || !n["objective"])
    return;
  SiteSelection sel;
  bool ok = true;
  // The objective: a word, or {coverage_within: 30 min}.
  const YAML::Node obj = n["objective"];
  if (obj.IsMap()) {
    if (ctx.r.map(obj, key(p, "objective"), {"coverage_within"}, {"coverage_within"})) {
      sel.objective = SiteObjective::CoverageWithin;
      if (auto w = ctx.r.quantity(obj["coverage_within"], key(key(p, "objective"), "coverage_within"), Dimension::Duration)) sel.within = *w;
      else ok = false;
    } else {
      ok = false;
    }
  } else if (obj.IsScalar() && obj.Scalar() == "coverage_within") {
    ctx.r.error(obj, key(p, "objective"), "coverage_within needs its radius, e.g. {coverage_within: 30 min}");
    ok = false;
  } else if (auto o = ctx.r.choice(obj, key(p, "objective"), {"unserved", "travel", "wait", "coverage_within", "ed_visits"})) {
    sel.objective = *o == "travel"      ? SiteObjective::Travel
                    : *o == "wait"      ? SiteObjective::Wait
                    : *o == "ed_visits" ? SiteObjective::EdVisits
                                        : SiteObjective::Unserved;
  } else {
    ok = false;
  }
  if (auto v = ctx.r.integer(n["open"], key(p, "open"), 1, 100000)) sel.open = static_cast<int>(*v);
  else if (n["open"]) ok = false;
  if (auto v = ctx.r.quantity(n["budget"], key(p, "budget"), Dimension::Money)) sel.budget = *v;
  else if (n["budget"]) ok = false;
  if (!n["open"] && !n["budget"]) {
    ctx.r.error(n, p, "say how many sites to open (open: 10) or what they may cost a year (budget: 120000 EUR)");
    ok = false;
  }
  if (auto v = ctx.r.integer(n["options"], key(p, "options"), 1, 20)) sel.options = static_cast<int>(*v);
  // The indifference zone of the sequential ranking: "1%" of the best's mean, or a value in
  // the objective's unit (a count, days, minutes or a population share).
  if (const YAML::Node e = n["equivalent_within"]) {
    const std::string text = e.IsScalar() ? e.Scalar() : "";
    char* end = nullptr;
    const double v = text.empty() ? std::nan("") : std::strtod(text.c_str(), &end);
    const bool percent = end && std::string(end) == "%";
    if (!(v > 0) || !end || (*end && !percent)) {
      ctx.r.error(e, key(p, "equivalent_within"), "expected a positive share (1%) or a positive value in the objective's unit (e.g. 50)");
      ok = false;
    } else {
      sel.equivalent_within = percent ? v / 100 : v;
      sel.equivalent_relative = percent;
    }
  }
  if (auto v = ctx.r.integer(n["max_replications"], key(p, "max_replications"), 2, 100000)) sel.max_replications = static_cast<int>(*v);
  else if (n["max_replications"]) ok = false;
  // Which host a commune's candidates are chosen by: a list of host types, first preferred.
  if (const YAML::Node ph = n["prefer_hosts"]; ph && ctx.r.sequence(ph, key(p, "prefer_hosts"))) {
    for (std::size_t i = 0; i < ph.size(); ++i) {
      auto h = ctx.r.text(ph[i], idx(key(p, "prefer_hosts"), i));
      if (!h) {
        ok = false;
      } else if (std::find(sel.prefer_hosts.begin(), sel.prefer_hosts.end(), *h) != sel.prefer_hosts.end()) {
        ctx.r.error(ph[i], idx(key(p, "prefer_hosts"), i), "host type " + quote(*h) + " is listed twice");
        ok = false;
      } else {
        sel.prefer_hosts.push_back(*h);
      }
    }
  } else if (ph) {
    ok = false;
  }
  if (const YAML::Node so = n["solver"]; so && ctx.r.map(so, key(p, "solver"), {"exact_arc_limit", "time_limit"})) {
    if (auto v = ctx.r.integer(so["exact_arc_limit"], key(key(p, "solver"), "exact_arc_limit"), 0, 1LL << 40))
      sel.solver.exact_arc_limit = static_cast<std::size_t>(*v);
    if (auto v = ctx.r.quantity(so["time_limit"], key(key(p, "solver"), "time_limit"), Dimension::Duration)) sel.solver.time_limit_s = *v;
  }

  // The template: a site of the supply, less its id and commune.
  const YAML::Node tmpl = n["template"];
  const Path tp = key(p, "template");
  std::string kind;
  if (!tmpl.IsMap()) {
    ctx.r.error(tmpl, tp, "expected a site: {kind: cabin, pool: ..., hours: ...} or {kind: msp, doctors: ..., hours: ...}");
    ok = false;
  } else {
    for (const char* k : {"id", "commune"})
      if (tmpl[k]) {
        ctx.r.error(tmpl[k], key(tp, k), std::string("the candidates give each site its ") + k + ": leave it out of the template");
        ok = false;
      }
    if (tmpl["host"]) {
      ctx.r.error(tmpl["host"], key(tp, "host"), "a template site cannot share a practice's line (host): each candidate is its own host");
      ok = false;
    }
    if (!tmpl["kind"]) {
      ctx.r.error(tmpl, tp, "missing key \"kind\": cabin, kiosk or suitcase (a device), or cabinet, msp or centre_de_sante (a practice)");
      ok = false;
    } else if (auto k = ctx.r.choice(tmpl["kind"], key(tp, "kind"), {"cabin", "kiosk", "suitcase", "cabinet", "msp", "centre_de_sante"})) {
      kind = *k;
      sel.kind = std::string(template_list(kind)) == "cabins" ? SiteKind::Cabin : SiteKind::Practice;
    } else {
      ok = false;
    }
    if (tmpl["cost"] && !read_cost(tmpl, tp, ctx.r, sel.template_cost)) ok = false;
  }
  read_site_candidates(ctx, n["candidates"], key(p, "candidates"), sel);
  if (sel.candidates.empty()) ok = false;
  // A preferred host no candidate has is a typo, not a preference.
  std::vector<std::string> hosts;
  for (const auto& c : sel.candidates)
    if (std::find(hosts.begin(), hosts.end(), c.host) == hosts.end()) hosts.push_back(c.host);
  for (std::size_t i = 0; i < sel.prefer_hosts.size() && !sel.candidates.empty(); ++i)
    if (std::find(hosts.begin(), hosts.end(), sel.prefer_hosts[i]) == hosts.end()) {
      const std::string near = closest_word(sel.prefer_hosts[i], hosts);
      ctx.r.error(n["prefer_hosts"][i], idx(key(p, "prefer_hosts"), i),
                  "no candidate has the host " + quote(sel.prefer_hosts[i]) + (near.empty() ? "" : "; did you mean " + quote(near) + "?"));
      ok = false;
    }

  // Which sites of the base the chosen ones replace.
  std::vector<std::string> list_ids;
  if (!kind.empty()) {
    if (sel.kind == SiteKind::Cabin) {
      for (const auto& c : ctx.sc.cabins)
        if (c.ehpad < 0) list_ids.push_back(c.id);
    } else {
      for (const auto& pr : ctx.sc.practices) list_ids.push_back(pr.id);
    }
  }
  if (const YAML::Node rep = n["replaces"]; rep) {
    const Path rp = key(p, "replaces");
    if (rep.IsScalar() && rep.Scalar() == "all") {
      sel.replaces = list_ids;
    } else if (ctx.r.sequence(rep, rp)) {
      for (std::size_t i = 0; i < rep.size(); ++i) {
        auto id = ctx.r.text(rep[i], idx(rp, i));
        if (!id) continue;
        if (!kind.empty() && std::find(list_ids.begin(), list_ids.end(), *id) == list_ids.end())
          ctx.r.error(rep[i], idx(rp, i), "no site of supply." + std::string(template_list(kind)) + " has the id " + quote(*id) +
                                          (closest_word(*id, list_ids).empty() ? "" : "; did you mean " + quote(closest_word(*id, list_ids)) + "?"));
        else sel.replaces.push_back(*id);
      }
    }
  }

  // Check the template as the site it makes, at the first candidate.
  if (ok && !kind.empty()) {
    const std::size_t before = ctx.diags.size();
    YAML::Node list(YAML::NodeType::Sequence);
    list.push_back(site_item(tmpl, sel.candidates[0], ctx.sc.communes[sel.candidates[0].commune].insee));
    const std::size_t cabins = ctx.sc.cabins.size(), practices = ctx.sc.practices.size();
    if (sel.kind == SiteKind::Cabin) read_cabins(ctx, list, tp, ctx.r);
    else read_practices(ctx, list, tp, ctx.r);
    ctx.sc.cabins.resize(cabins);
    ctx.sc.practices.resize(practices);
    ctx.supply_ids.erase(sel.candidates[0].id);
    for (std::size_t d = before; d < ctx.diags.size(); ++d) {  // "template[0].pool" -> "template.pool"
      auto& path = ctx.diags[d].path;
      if (path.rfind(tp + "[0]", 0) == 0) path = tp + path.substr(tp.size() + 3);
    }
    if (ctx.diags.size() != before) ok = false;
  }
  if (sel.open > static_cast<int>(sel.candidates.size()) && !sel.candidates.empty()) {
    ctx.r.error(n["open"], key(p, "open"), std::to_string(sel.open) + " sites to open but only " +
                                            std::to_string(sel.candidates.size()) + (sel.candidates.size() == 1 ? " candidate" : " candidates"));
    ok = false;
  }
  sel.care_types = site_care_types(ctx.sc.care_types, sel.kind);  // whose waits the ranking shows
  if (ok) ctx.sc.site_selection = std::move(sel);
}
}  // namespace maillage::loader
