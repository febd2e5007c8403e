#include "scenarios/scenario_loader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "scenarios/csv_table.hpp"
#include "scenarios/roads_reader.hpp"
#include "scenarios/yaml_reader.hpp"

namespace maillage {
namespace {

using Path = std::string;
const auto key = YamlReader::key_path;
const auto idx = YamlReader::index_path;

std::string join_path(const std::string& dir, const std::string& file) {
  if (file.empty() || file[0] == '/' || dir.empty() || dir == ".") return file;
  return (std::filesystem::path(dir) / file).lexically_normal().string();
}

std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

/** The supply list a site-selection template adds to, from its kind. */
const char* template_list(const std::string& kind) {
  return (kind == "cabin" || kind == "kiosk" || kind == "suitcase") ? "cabins" : "practices";
}

/** One new site: the template's keys (sharing its nodes, so errors point into the
 *  template) with the candidate's id, commune and, when it has one, cost. */
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

/** A plan's overlay on the base scenario: {add: {list: [...]}, remove: [ids], set: {path: value}}. */
struct PlanOverlay {
  std::string name;
  YAML::Node node;
};

class Loader {
public:
  Loader(std::string file, std::string base_dir, const PlanOverlay* plan = nullptr)
      : r_(diags_, std::move(file)), base_dir_(std::move(base_dir)), plan_(plan) {
    sc_.name.clear();
  }

  /** The scenario; check diagnostics() before using it. */
  Scenario load(YAML::Node root, std::vector<Override> overrides);
  std::vector<Diagnostic>& diagnostics() { return diags_; }

private:
  void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides);
  void scenario_section(const YAML::Node& n);
  void territory(const YAML::Node& n);
  void communes_from_csv(const YAML::Node& n, const Path& path);
  void communes_inline(const YAML::Node& n, const Path& path);
  void add_commune(Commune c, const YAML::Mark& at, const Path& path, const std::string& where);
  void roads(const YAML::Node& n, const Path& path);
  void network(const YAML::Node& n, const Path& path);
  std::optional<std::size_t> technology_ref(const YAML::Node& n, const Path& path);
  std::optional<std::size_t> pool_ref(const YAML::Node& n, const Path& path, YamlReader& r);
  void remote_pools(const YAML::Node& n, const Path& path);
  void cabins(const YAML::Node& n, const Path& path, YamlReader& r);
  void ehpads(const YAML::Node& n, const Path& path, YamlReader& r);
  void hospitals(const YAML::Node& n, const Path& path, YamlReader& r);
  void hotlines(const YAML::Node& n, const Path& path, YamlReader& r);
  void buses(const YAML::Node& n, const Path& path, YamlReader& r);
  /** A supply list given inline or as the name of a YAML file holding it. */
  void list_or_file(const YAML::Node& n, const Path& path,
                    const std::function<void(const YAML::Node&, const Path&, YamlReader&)>& load);
  void demand(const YAML::Node& n);
  void care_type(const std::string& name, const YAML::Node& n, const Path& path);
  std::optional<Distribution> distribution(const YAML::Node& n, const Path& path);
  void supply(const YAML::Node& n);
  void practices(const YAML::Node& n, const Path& path, YamlReader& r);
  std::optional<WeeklyCalendar> hours(const YAML::Node& n, const Path& path, YamlReader& r);
  std::optional<std::size_t> commune_ref(const YAML::Node& n, const Path& path, YamlReader& r);
  void plans(const YAML::Node& n);
  void site_selection(const YAML::Node& n);
  void site_candidates(const YAML::Node& n, const Path& path, SiteSelection& sel);

  /** The CSV file named by n, with the given columns; nothing after reporting an error. */
  std::optional<CsvTable> read_csv(const YAML::Node& n, const Path& path, std::initializer_list<const char*> columns);

  /** The id of a supply item, unique across the supply (plans remove items by id): nothing
   *  when invalid or used twice (the error noted), or when the plan removes the item (then
   *  `removed_item` is set: skip it). */
  std::optional<std::string> item_id(const YAML::Node& x, const Path& p, YamlReader& r, bool& removed_item);
  /** A resource's `cost: {capital: 360000 EUR, per_year: 12000 EUR}`; false after an error. */
  bool cost(const YAML::Node& x, const Path& p, YamlReader& r, Cost& out);
  std::set<std::string> supply_ids_;
  /** Whether a plan removes this id; remembers that it was found. */
  bool removed(const std::string& id) {
    if (!removed_.count(id)) return false;
    removed_found_.insert(id);
    return true;
  }
  /** A supply list of the base, then the plan's additions to it. */
  void supply_list(const YAML::Node& supply, const char* name,
                   const std::function<void(const YAML::Node&, const Path&, YamlReader&)>& load);

  std::vector<Diagnostic> diags_;
  YamlReader r_;
  std::string base_dir_;
  const PlanOverlay* plan_;
  /** Cabins standing in a practice, resolved once the practices are loaded. */
  struct HostRef {
    std::size_t cabin;
    YAML::Node node;
    Path path;
    YamlReader* reader;
  };
  std::vector<HostRef> host_refs_;
  std::set<std::string> removed_, removed_found_;
  Scenario sc_;
  std::map<std::string, std::size_t> commune_index_;
  std::map<std::string, std::size_t> technology_index_, pool_index_;
  bool communes_ok_ = false;
};

void Loader::apply_overrides(YAML::Node& root, const std::vector<Override>& overrides) {
  std::vector<std::string> paths;
  for (const auto& [path, value] : overrides) {
    // Walk "a.b[2].c" through maps and lists; the last step may create a map key.
    YAML::Node node = root, parent;
    std::string walked, parent_key;
    std::size_t pos = 0;
    bool ok = true;
    while (ok && pos < path.size()) {
      if (path[pos] == '[') {
        if (node.IsScalar() && parent.IsMap()) {
          // A list kept in a file of its own (supply.practices: data/x.yaml): bring it into
          // the tree so the override can reach its items; their errors still name that file.
          const std::string file = join_path(base_dir_, node.Scalar());
          try {
            parent[parent_key] = YAML::LoadFile(file);
            node.reset(parent[parent_key]);
            r_.add_included(walked, file);
          } catch (const YAML::Exception&) {
            // Not a readable YAML file: the "no item" message below says what is wrong.
          }
        }
        const auto close = path.find(']', pos);
        const std::string digits = close == std::string::npos ? "" : path.substr(pos + 1, close - pos - 1);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
          diags_.push_back({"override " + path, 0, 0, path, "expected an index like [0] after \"" + walked + "\""});
          ok = false;
          break;
        }
        const std::size_t i = std::stoul(digits);
        if (!node.IsSequence() || i >= node.size()) {
          diags_.push_back({"override " + path, 0, 0, path,
                            "\"" + walked + "\" has no item [" + digits + "]" +
                                (node.IsSequence() ? " (it has " + std::to_string(node.size()) + ")" : "")});
          ok = false;
          break;
        }
        walked += "[" + digits + "]";
        node.reset(node[i]);
        pos = close + 1;
        if (pos < path.size() && path[pos] == '.') ++pos;
        continue;
      }
      const auto end = path.find_first_of(".[", pos);
      const std::string k = path.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      const bool last = end == std::string::npos;
      if (!node.IsMap() || (!last && !node[k])) {
        diags_.push_back({"override " + path, 0, 0, path,
                          "no key \"" + k + "\"" + (walked.empty() ? "" : " under \"" + walked + "\"")});
        ok = false;
        break;
      }
      walked = key(walked, k);
      if (last) {
        try {
          node[k] = YAML::Load(value);
        } catch (const YAML::Exception& e) {
          diags_.push_back({"override " + path, 0, 0, path, "the value is not valid YAML: " + e.msg});
        }
        break;
      }
      parent.reset(node);
      parent_key = k;
      node.reset(node[k]);
      pos = path[end] == '.' ? end + 1 : end;
    }
    paths.push_back(path);
  }
  r_.set_overridden(std::move(paths));
}

Scenario Loader::load(YAML::Node root, std::vector<Override> overrides) {
  if (plan_) {
    const Path pp = key("plans", plan_->name);
    if (const YAML::Node set = plan_->node["set"]; set && r_.dictionary(set, key(pp, "set")))
      for (const auto& kv : set) overrides.emplace_back(kv.first.Scalar(), YAML::Dump(kv.second));
    if (const YAML::Node rm = plan_->node["remove"]; rm && r_.sequence(rm, key(pp, "remove")))
      for (std::size_t i = 0; i < rm.size(); ++i)
        if (auto id = r_.text(rm[i], idx(key(pp, "remove"), i))) removed_.insert(*id);
  }
  apply_overrides(root, overrides);
  if (r_.map(root, "", {"scenario", "territory", "demand", "supply", "plans", "site_selection"},
             {"scenario", "territory", "demand", "supply"})) {
    if (root["scenario"]) scenario_section(root["scenario"]);
    if (root["territory"]) territory(root["territory"]);
    if (root["supply"]) supply(root["supply"]);  // before demand: care types name pools
    if (root["demand"]) demand(root["demand"]);
    if (root["plans"] && !plan_) plans(root["plans"]);
    if (root["site_selection"] && !plan_ && communes_ok_) site_selection(root["site_selection"]);
  }
  if (plan_)
    for (const auto& id : removed_)
      if (!removed_found_.count(id))
        r_.error(plan_->node["remove"], key(key("plans", plan_->name), "remove"),
                 "no practice, cabin, remote pool or EHPAD has the id \"" + id + "\"");
  return std::move(sc_);
}

void Loader::scenario_section(const YAML::Node& n) {
  const Path p = "scenario";
  if (!r_.map(n, p, {"name", "horizon", "warmup", "replications", "precision", "seed"}, {"horizon"})) return;
  if (auto v = r_.text(n["name"], key(p, "name"))) sc_.name = *v;
  if (auto v = r_.quantity(n["horizon"], key(p, "horizon"), Dimension::Duration)) {
    if (*v <= 0) r_.error(n["horizon"], key(p, "horizon"), "expected a positive duration");
    sc_.horizon = *v;
  }
  if (auto v = r_.quantity(n["warmup"], key(p, "warmup"), Dimension::Duration)) {
    sc_.warmup = *v;
    if (n["horizon"] && sc_.warmup >= sc_.horizon)
      r_.error(n["warmup"], key(p, "warmup"),
               "the warm-up (" + format_duration(*v) + ") must be shorter than the horizon (" +
                   format_duration(sc_.horizon) + "): nothing would be measured");
  }
  if (n["replications"] && n["replications"].IsScalar() && n["replications"].Scalar() == "auto")
    sc_.auto_replications = true;
  else if (auto v = r_.integer(n["replications"], key(p, "replications"), 1, 100000))
    sc_.replications = static_cast<int>(*v);
  // With replications: auto, how precise the main measures must be, and how far to go.
  if (const YAML::Node pr = n["precision"]; pr) {
    const Path pp = key(p, "precision");
    if (!sc_.auto_replications)
      r_.error(pr, pp, "precision goes with replications: auto");
    if (r_.map(pr, pp, {"half_width", "max", "measures"})) {
      if (auto v = r_.number(pr["half_width"], key(pp, "half_width"), 1e-6, 1)) sc_.target_half_width = *v;
      if (auto v = r_.integer(pr["max"], key(pp, "max"), 2, 100000)) sc_.max_replications = static_cast<int>(*v);
      if (const YAML::Node ms = pr["measures"]; ms && r_.sequence(ms, key(pp, "measures"))) {
        sc_.precision_measures.clear();
        for (std::size_t i = 0; i < ms.size(); ++i)
          if (auto m = r_.text(ms[i], idx(key(pp, "measures"), i))) sc_.precision_measures.push_back(*m);
      }
    }
  }
  if (auto v = r_.integer(n["seed"], key(p, "seed"), 0, (1LL << 62))) sc_.seed = static_cast<std::uint64_t>(*v);
}

void Loader::territory(const YAML::Node& n) {
  const Path p = "territory";
  if (!r_.map(n, p, {"communes", "roads", "network"}, {"communes", "roads"})) return;
  const YAML::Node c = n["communes"];
  if (c) {
    const std::size_t before = diags_.size();
    if (c.IsScalar())
      communes_from_csv(c, key(p, "communes"));
    else if (c.IsSequence())
      communes_inline(c, key(p, "communes"));
    else
      r_.error(c, key(p, "communes"), "expected a CSV file name or a list of communes");
    if (sc_.communes.empty() && diags_.size() == before) r_.error(c, key(p, "communes"), "no commune given");
    communes_ok_ = diags_.size() == before;
  }
  if (n["roads"] && communes_ok_) roads(n["roads"], key(p, "roads"));
  if (n["network"] && communes_ok_) network(n["network"], key(p, "network"));
}

std::optional<std::size_t> Loader::technology_ref(const YAML::Node& n, const Path& path) {
  auto name = r_.text(n, path);
  if (!name) return std::nullopt;
  const auto it = technology_index_.find(*name);
  if (it != technology_index_.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [k, v] : technology_index_) names.push_back(k);
  const std::string guess = closest_word(*name, names);
  r_.error(n, path, "unknown technology \"" + *name + "\" (not in territory.network.technologies" +
                        (guess.empty() ? ")" : "; did you mean \"" + guess + "\"?)"));
  return std::nullopt;
}

void Loader::network(const YAML::Node& n, const Path& path) {
  if (!r_.map(n, path, {"technologies", "coverage", "rollout", "platform"}, {"technologies", "coverage"})) return;
  Network& net = sc_.network;
  auto technology = [&](const YAML::Node& t, const Path& tp, Technology& out) {
    if (!r_.map(t, tp, {"down", "up", "latency"}, {"down", "up", "latency"})) return false;
    auto down = r_.quantity(t["down"], key(tp, "down"), Dimension::Bandwidth);
    auto up = r_.quantity(t["up"], key(tp, "up"), Dimension::Bandwidth);
    auto lat = r_.quantity(t["latency"], key(tp, "latency"), Dimension::Duration);
    if (!down || !up || !lat) return false;
    out.down_bps = *down, out.up_bps = *up, out.latency_s = *lat;
    return true;
  };
  const YAML::Node techs = n["technologies"];
  if (techs && r_.dictionary(techs, key(path, "technologies"))) {
    for (const auto& kv : techs) {
      // Registered even when invalid (its error is recorded), so references to it check.
      Technology t;
      t.name = kv.first.Scalar();
      technology(kv.second, key(key(path, "technologies"), t.name), t);
      technology_index_[t.name] = net.technologies.size();
      net.technologies.push_back(t);
    }
  }
  if (n["platform"]) technology(n["platform"], key(path, "platform"), net.platform);
  if (net.technologies.empty()) return;

  const YAML::Node cov = n["coverage"];
  const Path cp = key(path, "coverage");
  if (cov.IsScalar()) {  // a CSV file: insee,technology (communes not listed: an error)
    const auto table = read_csv(cov, cp, {"insee", "technology"});
    if (!table) return;
    const CsvTable& t = *table;
    const std::string& file = t.file;
    const int ci = t.column("insee"), ct = t.column("technology");
    net.coverage.assign(sc_.communes.size(), std::size_t(-1));
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const std::string where = file + ":" + std::to_string(t.lines[i]) + ": ";
      const auto c = commune_index_.find(t.rows[i][static_cast<std::size_t>(ci)]);
      const auto k = technology_index_.find(t.rows[i][static_cast<std::size_t>(ct)]);
      if (c == commune_index_.end()) r_.error(cov, cp, where + "unknown commune \"" + t.rows[i][static_cast<std::size_t>(ci)] + "\"");
      else if (k == technology_index_.end()) r_.error(cov, cp, where + "unknown technology \"" + t.rows[i][static_cast<std::size_t>(ct)] + "\"");
      else net.coverage[c->second] = k->second;
    }
    for (std::size_t c = 0; c < net.coverage.size(); ++c)
      if (net.coverage[c] == std::size_t(-1)) {
        r_.error(cov, cp, file + ": commune " + sc_.communes[c].insee + " has no technology");
        break;
      }
  } else if (r_.map(cov, cp, {"default", "communes"}, {"default"})) {
    const auto def = technology_ref(cov["default"], key(cp, "default"));
    if (def) net.coverage.assign(sc_.communes.size(), *def);
    const YAML::Node per = cov["communes"];
    if (per && r_.dictionary(per, key(cp, "communes")))
      for (const auto& kv : per) {
        const Path pp = key(key(cp, "communes"), kv.first.Scalar());
        const auto c = commune_index_.find(kv.first.Scalar());
        if (c == commune_index_.end()) {
          r_.error(kv.first, pp, "unknown commune \"" + kv.first.Scalar() + "\" (not in territory.communes)");
          continue;
        }
        if (auto k = technology_ref(kv.second, pp); k && def) net.coverage[c->second] = *k;
      }
  }

  const YAML::Node ro = n["rollout"];
  if (ro && ro.IsScalar()) {  // a CSV file: insee,at,technology; one step per (date, technology)
    const Path rp = key(path, "rollout");
    const auto table = read_csv(ro, rp, {"insee", "at", "technology"});
    if (!table) return;
    const CsvTable& t = *table;
    const std::string& file = t.file;
    const int ci = t.column("insee"), ca = t.column("at"), ct = t.column("technology");
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto& row = t.rows[i];
      const std::string where = file + ":" + std::to_string(t.lines[i]) + ": ";
      const auto c = commune_index_.find(row[static_cast<std::size_t>(ci)]);
      const auto k = technology_index_.find(row[static_cast<std::size_t>(ct)]);
      double at = 0;
      try {
        at = parse_quantity(row[static_cast<std::size_t>(ca)], Dimension::Duration);
      } catch (const QuantityError& e) {
        r_.error(ro, rp, where + "at: " + e.what());
        continue;
      }
      if (c == commune_index_.end()) { r_.error(ro, rp, where + "unknown commune \"" + row[static_cast<std::size_t>(ci)] + "\""); continue; }
      if (k == technology_index_.end()) { r_.error(ro, rp, where + "unknown technology \"" + row[static_cast<std::size_t>(ct)] + "\""); continue; }
      auto step = std::find_if(net.rollout.begin(), net.rollout.end(),
                               [&](const Rollout& x) { return x.at == at && x.technology == k->second; });
      if (step == net.rollout.end()) {
        net.rollout.push_back(Rollout{at, {}, k->second});
        step = net.rollout.end() - 1;
      }
      step->communes.push_back(c->second);
    }
    std::stable_sort(net.rollout.begin(), net.rollout.end(), [](const Rollout& a, const Rollout& b) { return a.at < b.at; });
  } else if (ro && r_.sequence(ro, key(path, "rollout"))) {
    for (std::size_t i = 0; i < ro.size(); ++i) {
      const Path rp = idx(key(path, "rollout"), i);
      if (!r_.map(ro[i], rp, {"at", "communes", "technology"}, {"at", "communes", "technology"})) continue;
      Rollout step;
      auto at = r_.quantity(ro[i]["at"], key(rp, "at"), Dimension::Duration);
      auto tech = technology_ref(ro[i]["technology"], key(rp, "technology"));
      const YAML::Node cs = ro[i]["communes"];
      bool ok = at && tech;
      if (r_.sequence(cs, key(rp, "communes")))
        for (std::size_t j = 0; j < cs.size(); ++j) {
          const auto c = commune_index_.find(cs[j].Scalar());
          if (c == commune_index_.end()) {
            r_.error(cs[j], idx(key(rp, "communes"), j), "unknown commune \"" + cs[j].Scalar() + "\" (not in territory.communes)");
            ok = false;
          } else {
            step.communes.push_back(c->second);
          }
        }
      if (!ok) continue;
      if (!net.rollout.empty() && *at < net.rollout.back().at)
        r_.error(ro[i]["at"], key(rp, "at"), "rollout steps must be in date order");
      step.at = *at, step.technology = *tech;
      net.rollout.push_back(std::move(step));
    }
  }
}

void Loader::add_commune(Commune c, const YAML::Mark& at, const Path& path, const std::string& where) {
  if (!commune_index_.emplace(c.insee, sc_.communes.size()).second) {
    r_.error(at, path, "commune \"" + c.insee + "\" is listed twice" + where);
    return;
  }
  sc_.communes.push_back(std::move(c));
}

std::optional<CsvTable> Loader::read_csv(const YAML::Node& n, const Path& path,
                                         std::initializer_list<const char*> columns) {
  const std::string file = join_path(base_dir_, n.Scalar());
  CsvTable t;
  try {
    t = CsvTable::read(file);
  } catch (const std::exception& e) {
    r_.error(n, path, e.what());
    return std::nullopt;
  }
  std::string missing, all;
  for (const char* c : columns) {
    all += (all.empty() ? "" : ",") + std::string(c);
    if (t.column(c) < 0) missing += (missing.empty() ? "" : ", ") + std::string(c);
  }
  if (!missing.empty()) {
    r_.error(n, path, file + ": missing column(s) " + missing + " (expected " + all + ")");
    return std::nullopt;
  }
  return t;
}

void Loader::communes_from_csv(const YAML::Node& n, const Path& path) {
  const auto table = read_csv(n, path, {"insee", "name", "population", "lat", "lon"});
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
        r_.error(n, path, where + name + ": expected a number from " + std::to_string(static_cast<int>(lo)) +
                              " to " + std::to_string(static_cast<int>(hi)) + ", got \"" + s + "\"");
        return std::nullopt;
      }
      return v;
    };
    Commune c;
    c.insee = row[static_cast<std::size_t>(ci)];
    c.name = row[static_cast<std::size_t>(cn)];
    if (c.insee.empty()) {
      r_.error(n, path, where + "insee: empty code");
      continue;
    }
    auto pop = num(cp, "population", 0, 1e9), lat = num(clat, "lat", -90, 90), lon = num(clon, "lon", -180, 180);
    if (!pop || !lat || !lon) continue;
    c.population = *pop, c.lat = *lat, c.lon = *lon;
    add_commune(std::move(c), n.Mark(), path, " (" + where.substr(0, where.size() - 2) + ")");
  }
}

void Loader::communes_inline(const YAML::Node& n, const Path& path) {
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node c = n[i];
    const Path p = idx(path, i);
    if (!r_.map(c, p, {"insee", "name", "population", "lat", "lon"}, {"insee", "population", "lat", "lon"})) continue;
    Commune x;
    auto code = r_.text(c["insee"], key(p, "insee"));
    auto pop = r_.number(c["population"], key(p, "population"), 0, 1e9);
    auto lat = r_.number(c["lat"], key(p, "lat"), -90, 90);
    auto lon = r_.number(c["lon"], key(p, "lon"), -180, 180);
    if (!code || !pop || !lat || !lon) continue;
    x.insee = *code;
    x.name = r_.text(c["name"], key(p, "name")).value_or(*code);
    x.population = *pop, x.lat = *lat, x.lon = *lon;
    add_commune(std::move(x), c["insee"].Mark(), key(p, "insee"), "");
  }
}

void Loader::roads(const YAML::Node& n, const Path& path) {
  sc_.roads = read_roads(n, path, r_, RoadsContext{sc_.communes, commune_index_, base_dir_, diags_, &sc_.roads_note}, sc_.knn_roads);
}

void Loader::demand(const YAML::Node& n) {
  const Path p = "demand";
  if (!r_.map(n, p, {"without_gp_share", "care_types"}, {"care_types"})) return;
  // A share for all, or {default: share, communes: {insee: share}}.
  const YAML::Node wg = n["without_gp_share"];
  const Path wp = key(p, "without_gp_share");
  if (wg && wg.IsMap()) {
    if (r_.map(wg, wp, {"default", "communes"}, {"default"})) {
      if (auto v = r_.number(wg["default"], key(wp, "default"), 0, 1)) sc_.without_gp_share = *v;
      if (const YAML::Node cs = wg["communes"]; cs && r_.dictionary(cs, key(wp, "communes")))
        for (const auto& kv : cs) {
          const Path cp = key(key(wp, "communes"), kv.first.Scalar());
          const auto c = commune_index_.find(kv.first.Scalar());
          if (c == commune_index_.end()) {
            r_.error(kv.first, cp, "unknown commune \"" + kv.first.Scalar() + "\" (not in territory.communes)");
            continue;
          }
          if (auto v = r_.number(kv.second, cp, 0, 1)) sc_.without_gp_by_commune.emplace_back(c->second, *v);
        }
    }
  } else if (auto v = r_.number(wg, wp, 0, 1)) {
    sc_.without_gp_share = *v;
  }
  const YAML::Node cts = n["care_types"];
  if (!cts || !r_.dictionary(cts, key(p, "care_types"))) return;
  if (cts.size() == 0) r_.error(cts, key(p, "care_types"), "expected at least one care type");
  for (const auto& kv : cts) {
    const std::string name = kv.first.Scalar();
    care_type(name, kv.second, key(key(p, "care_types"), name));
  }
}

std::optional<Distribution> Loader::distribution(const YAML::Node& n, const Path& path) {
  if (!r_.map(n, path, {"exponential", "lognormal", "fixed"})) return std::nullopt;
  if (n.size() != 1) {
    r_.error(n, path, "expected exactly one of exponential, lognormal, fixed, e.g. {exponential: 15 min}");
    return std::nullopt;
  }
  if (n["exponential"]) {
    auto m = r_.quantity(n["exponential"], key(path, "exponential"), Dimension::Duration);
    if (m && *m <= 0) r_.error(n["exponential"], key(path, "exponential"), "expected a positive mean");
    if (m && *m > 0) return Distribution::exponential(*m);
  } else if (n["fixed"]) {
    if (auto v = r_.quantity(n["fixed"], key(path, "fixed"), Dimension::Duration)) return Distribution::fixed(*v);
  } else if (n["lognormal"]) {
    const YAML::Node l = n["lognormal"];
    const Path lp = key(path, "lognormal");
    if (!r_.map(l, lp, {"mean", "sd"}, {"mean", "sd"})) return std::nullopt;
    auto m = r_.quantity(l["mean"], key(lp, "mean"), Dimension::Duration);
    auto sd = r_.quantity(l["sd"], key(lp, "sd"), Dimension::Duration);
    if (m && *m <= 0) r_.error(l["mean"], key(lp, "mean"), "expected a positive mean");
    if (m && sd && *m > 0) return Distribution::lognormal(*m, *sd);
  }
  return std::nullopt;
}

void Loader::care_type(const std::string& name, const YAML::Node& n, const Path& p) {
  if (!r_.map(n, p,
              {"rate", "population", "unscheduled", "max_wait", "max_travel", "duration", "remote_share", "pathway",
               "patience", "video", "pool", "tele_expertise", "specialty", "choice", "reference"},
              {"rate", "max_wait", "max_travel", "duration", "pathway"}))
    return;
  CareType ct;
  ct.name = name;
  bool ok = true;
  if (auto v = r_.quantity(n["rate"], key(p, "rate"), Dimension::Rate)) ct.rate = *v; else ok = false;
  if (auto v = r_.boolean(n["unscheduled"], key(p, "unscheduled"))) ct.unscheduled = *v;
  if (auto v = r_.text(n["specialty"], key(p, "specialty"))) ct.specialty = *v;
  // reference: the in-person provider remote care spares the trip to, a hospital by its id
  // or {commune: INSEE}; without it, the nearest practice or hospital with the specialty.
  if (const YAML::Node ref = n["reference"]; ref) {
    const Path rp = key(p, "reference");
    if (ref.IsScalar()) {
      const auto h = std::find_if(sc_.hospitals.begin(), sc_.hospitals.end(),
                                  [&](const Hospital& x) { return x.id == ref.Scalar(); });
      if (h != sc_.hospitals.end()) ct.reference = static_cast<long>(h->commune);
      else r_.error(ref, rp, "unknown hospital \"" + ref.Scalar() + "\" (not in supply.hospitals); or give {commune: INSEE}");
    } else if (r_.map(ref, rp, {"commune"}, {"commune"})) {
      if (auto c = commune_ref(ref["commune"], key(rp, "commune"), r_)) ct.reference = static_cast<long>(*c);
    }
  }
  // choice: first (in pathway order), or {travel_min: w, wait_day: w} (generalised cost).
  if (const YAML::Node ch = n["choice"]; ch) {
    const Path cp = key(p, "choice");
    if (ch.IsScalar()) {
      r_.choice(ch, cp, {"first"});
    } else if (r_.map(ch, cp, {"travel_min", "wait_day"}, {"travel_min", "wait_day"})) {
      auto t = r_.number(ch["travel_min"], key(cp, "travel_min"), 0, 1e6);
      auto w = r_.number(ch["wait_day"], key(cp, "wait_day"), 0, 1e6);
      if (t && w) ct.cost_choice = true, ct.cost_travel_min = *t, ct.cost_wait_day = *w;
    }
  }
  if (auto v = r_.choice(n["population"], key(p, "population"), {"inhabitants", "residents"})) {
    ct.residents = *v == "residents";
    if (ct.residents && sc_.ehpads.empty())
      r_.error(n["population"], key(p, "population"), "needs of EHPAD residents, but supply.ehpads lists none");
  }
  if (auto v = r_.quantity(n["max_wait"], key(p, "max_wait"), Dimension::Duration)) ct.max_wait = *v; else ok = false;
  if (auto v = r_.quantity(n["max_travel"], key(p, "max_travel"), Dimension::Duration)) ct.max_travel = *v; else ok = false;
  if (n["duration"]) {
    if (auto d = distribution(n["duration"], key(p, "duration"))) ct.duration = *d; else ok = false;
  }
  if (auto v = r_.number(n["remote_share"], key(p, "remote_share"), 0, 1)) ct.remote_share = *v;
  if (n["patience"]) {
    if (auto d = distribution(n["patience"], key(p, "patience"))) ct.patience = *d, ct.has_patience = true; else ok = false;
  }
  if (const YAML::Node v = n["video"]; v && r_.map(v, key(p, "video"), {"rate", "min"}, {"rate", "min"})) {
    auto rate = r_.quantity(v["rate"], key(key(p, "video"), "rate"), Dimension::Bandwidth);
    auto min = r_.quantity(v["min"], key(key(p, "video"), "min"), Dimension::Bandwidth);
    if (rate && min && *min > *rate) r_.error(v["min"], key(key(p, "video"), "min"), "the minimum is above the rate");
    if (rate) ct.video_bps = *rate;
    if (min) ct.video_min_bps = *min;
  }
  if (n["pool"]) {
    if (auto pool = pool_ref(n["pool"], key(p, "pool"), r_)) ct.home_pool = static_cast<int>(*pool); else ok = false;
  }
  if (const YAML::Node te = n["tele_expertise"]; te) {
    const Path tp = key(p, "tele_expertise");
    if (r_.map(te, tp, {"pool", "upload", "delay"}, {"pool", "upload", "delay"})) {
      auto pool = pool_ref(te["pool"], key(tp, "pool"), r_);
      auto upload = r_.quantity(te["upload"], key(tp, "upload"), Dimension::Size);
      auto delay = distribution(te["delay"], key(tp, "delay"));
      if (pool && upload && delay) ct.tele_expertise = TeleExpertise{static_cast<int>(*pool), *upload, *delay};
      else ok = false;
    }
  }
  const YAML::Node pw = n["pathway"];
  if (pw && r_.sequence(pw, key(p, "pathway"))) {
    const auto names = pathway_option_names();
    if (pw.size() == 0) r_.error(pw, key(p, "pathway"), "expected at least one option");
    for (std::size_t i = 0; i < pw.size(); ++i) {
      if (auto o = r_.choice(pw[i], idx(key(p, "pathway"), i), names)) {
        PathwayOption opt;
        parse_pathway_option(*o, opt);
        ct.pathway.push_back(opt);
      }
    }
  }
  // Remote options need what they run on: say so here rather than skip them silently.
  for (std::size_t i = 0; i < ct.pathway.size(); ++i) {
    const Path op = idx(key(p, "pathway"), i);
    const bool remote = ct.pathway[i] == PathwayOption::Cabin || ct.pathway[i] == PathwayOption::HomeRemote ||
                        ct.pathway[i] == PathwayOption::TeleExpertise;
    if (remote && !sc_.network.enabled())
      r_.error(pw[i], op, std::string(to_string(ct.pathway[i])) + " runs over the network: describe it in territory.network");
    else if (ct.pathway[i] == PathwayOption::HomeRemote && !n["pool"])
      r_.error(pw[i], op, "home_remote needs the care type's pool: the remote pool that consults from home");
    else if (ct.pathway[i] == PathwayOption::Hospital && !n["specialty"])
      r_.error(pw[i], op, "hospital needs the care type's specialty: which specialists see it");
    else if (ct.pathway[i] == PathwayOption::TeleExpertise && !n["tele_expertise"])
      r_.error(pw[i], op, "tele_expertise needs the care type's tele_expertise: {pool, upload, delay}");
  }
  if (ok) sc_.care_types.push_back(std::move(ct));
}

std::optional<std::size_t> Loader::commune_ref(const YAML::Node& n, const Path& path, YamlReader& r) {
  auto code = r.text(n, path);
  if (!code || !communes_ok_) return std::nullopt;
  const auto it = commune_index_.find(*code);
  if (it != commune_index_.end()) return it->second;
  r.error(n, path, "unknown commune \"" + *code + "\" (not in territory.communes)");
  return std::nullopt;
}

std::optional<WeeklyCalendar> Loader::hours(const YAML::Node& n, const Path& path, YamlReader& r) {
  if (n.IsScalar() && n.Scalar() == "always") return WeeklyCalendar::always();
  if (!n.IsMap()) {
    r.error(n, path, "expected always or a mapping of days to hours, e.g. {mon-fri: \"08:30-12:30, 14:00-19:00\"}");
    return std::nullopt;
  }
  WeeklyCalendar cal;
  bool ok = true;
  for (const auto& kv : n) {
    const Path dp = key(path, kv.first.Scalar());
    try {
      const auto days = WeeklyCalendar::parse_days(kv.first.Scalar());
      if (!kv.second.IsScalar()) {
        r.error(kv.second, dp, "expected hours like \"08:30-12:30, 14:00-19:00\"");
        ok = false;
        continue;
      }
      try {
        for (const auto& [a, b] : WeeklyCalendar::parse_ranges(kv.second.Scalar())) cal.add(days, a, b);
      } catch (const CalendarError& e) {
        r.error(kv.second, dp, e.what());
        ok = false;
      }
    } catch (const CalendarError& e) {
      r.error(kv.first, dp, e.what());
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return cal;
}

std::optional<std::string> Loader::item_id(const YAML::Node& x, const Path& p, YamlReader& r, bool& removed_item) {
  removed_item = false;
  auto id = r.text(x["id"], key(p, "id"));
  if (!id) return std::nullopt;
  if (removed(*id)) {
    removed_item = true;
    return std::nullopt;
  }
  if (!supply_ids_.insert(*id).second) {
    r.error(x["id"], key(p, "id"), "id \"" + *id + "\" is used twice");
    return std::nullopt;
  }
  return id;
}

bool Loader::cost(const YAML::Node& x, const Path& p, YamlReader& r, Cost& out) {
  const YAML::Node c = x["cost"];
  if (!c) return true;
  const Path cp = key(p, "cost");
  if (!r.map(c, cp, {"capital", "per_year", "years"})) return false;
  auto capital = r.quantity(c["capital"], key(cp, "capital"), Dimension::Money);
  auto per_year = r.quantity(c["per_year"], key(cp, "per_year"), Dimension::Money);
  auto years = r.number(c["years"], key(cp, "years"), 1, 100);
  if ((c["capital"] && !capital) || (c["per_year"] && !per_year) || (c["years"] && !years)) return false;
  out.capital = capital.value_or(0.0), out.per_year = per_year.value_or(0.0), out.years = years.value_or(10.0);
  return true;
}

void Loader::practices(const YAML::Node& n, const Path& path, YamlReader& r) {
  if (!r.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node x = n[i];
    const Path p = idx(path, i);
    if (!r.map(x, p, {"id", "commune", "kind", "doctors", "hours", "access", "new_patients", "cost"},
               {"id", "commune", "doctors", "hours"}))
      continue;
    Practice pr;
    bool ok = true, skip = false;
    if (auto v = item_id(x, p, r, skip)) pr.id = *v; else ok = false;
    if (skip) continue;
    if (auto c = commune_ref(x["commune"], key(p, "commune"), r)) pr.commune = *c; else ok = false;
    if (auto k = r.choice(x["kind"], key(p, "kind"), {"cabinet", "msp", "centre_de_sante"}))
      pr.kind = *k == "msp" ? PracticeKind::Msp : *k == "centre_de_sante" ? PracticeKind::CentreDeSante : PracticeKind::Cabinet;
    if (auto d = r.integer(x["doctors"], key(p, "doctors"), 1, 1000)) pr.doctors = static_cast<int>(*d); else ok = false;
    if (x["hours"]) {
      if (auto h = hours(x["hours"], key(p, "hours"), r)) pr.hours = *h; else ok = false;
      if (ok && pr.hours.is_never()) r.error(x["hours"], key(p, "hours"), "the practice is never open");
    }
    if (auto a = r.choice(x["access"], key(p, "access"), {"appointment", "walk_in"}))
      pr.access = *a == "walk_in" ? Access::WalkIn : Access::Appointment;
    if (auto b = r.boolean(x["new_patients"], key(p, "new_patients"))) pr.new_patients = *b;
    if (!cost(x, p, r, pr.cost)) ok = false;
    if (ok) sc_.practices.push_back(std::move(pr));
  }
}

std::optional<std::size_t> Loader::pool_ref(const YAML::Node& n, const Path& path, YamlReader& r) {
  auto name = r.text(n, path);
  if (!name) return std::nullopt;
  const auto it = pool_index_.find(*name);
  if (it != pool_index_.end()) return it->second;
  r.error(n, path, "unknown remote pool \"" + *name + "\" (not in supply.remote_pools)");
  return std::nullopt;
}

void Loader::remote_pools(const YAML::Node& n, const Path& path) {
  if (!r_.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r_.map(x, p, {"id", "doctors", "hours", "cost"}, {"id", "doctors", "hours"})) continue;
    RemotePool pool;
    bool skip = false;
    auto id = item_id(x, p, r_, skip);
    if (skip) continue;
    auto doctors = r_.integer(x["doctors"], key(p, "doctors"), 1, 100000);
    auto h = hours(x["hours"], key(p, "hours"), r_);
    if (!id || !doctors || !h || !cost(x, p, r_, pool.cost)) continue;
    pool_index_.emplace(*id, sc_.remote_pools.size());
    pool.id = *id, pool.doctors = static_cast<int>(*doctors), pool.hours = *h;
    sc_.remote_pools.push_back(std::move(pool));
  }
}

void Loader::cabins(const YAML::Node& n, const Path& path, YamlReader& r_) {
  if (!r_.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r_.map(x, p, {"id", "commune", "kind", "pool", "hours", "host", "cost"}, {"id", "commune", "pool", "hours"}))
      continue;
    Cabin cab;
    bool skip = false;
    auto id = item_id(x, p, r_, skip);
    if (skip) continue;
    auto commune = commune_ref(x["commune"], key(p, "commune"), r_);
    auto pool = pool_ref(x["pool"], key(p, "pool"), r_);
    auto h = hours(x["hours"], key(p, "hours"), r_);
    auto kind = r_.choice(x["kind"], key(p, "kind"), {"cabin", "kiosk", "suitcase"});
    if (!id || !commune || !pool || !h || !cost(x, p, r_, cab.cost)) continue;
    cab.id = *id, cab.commune = *commune, cab.pool = *pool, cab.hours = *h;
    if (x["host"]) {  // a practice of the base (practices load last: checked by id here)
      host_refs_.push_back({sc_.cabins.size(), x["host"], key(p, "host"), &r_});
    }
    if (kind) cab.kind = *kind == "kiosk" ? CabinKind::Kiosk : *kind == "suitcase" ? CabinKind::Suitcase : CabinKind::Cabin;
    sc_.cabins.push_back(std::move(cab));
  }
  if (!sc_.cabins.empty() && !sc_.network.enabled())
    r_.error(n, path, "cabins consult over the network: describe it in territory.network");
}

void Loader::ehpads(const YAML::Node& n, const Path& path, YamlReader& r_) {
  if (!r_.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r_.map(x, p, {"id", "commune", "residents", "cart", "cost"}, {"id", "commune", "residents"})) continue;
    bool skip = false;
    auto id = item_id(x, p, r_, skip);
    if (skip) continue;
    auto commune = commune_ref(x["commune"], key(p, "commune"), r_);
    auto residents = r_.integer(x["residents"], key(p, "residents"), 1, 100000);
    Cabin cart;
    const YAML::Node c = x["cart"];
    const Path cp = key(p, "cart");
    if (!c) {
      r_.error(x, p, "missing key \"cart\": the telemedicine cart {pool, hours} (its nurse's hours)");
      continue;
    }
    if (!r_.map(c, cp, {"pool", "hours"}, {"pool", "hours"})) continue;
    auto pool = pool_ref(c["pool"], key(cp, "pool"), r_);
    auto h = hours(c["hours"], key(cp, "hours"), r_);
    if (!id || !commune || !residents || !pool || !h || !cost(x, p, r_, cart.cost)) continue;  // the cart's cost
    cart.id = *id + "/cart", cart.commune = *commune, cart.kind = CabinKind::Suitcase, cart.pool = *pool, cart.hours = *h;
    cart.ehpad = static_cast<int>(sc_.ehpads.size());
    sc_.ehpads.push_back(Ehpad{*id, *commune, static_cast<double>(*residents), sc_.cabins.size()});
    sc_.cabins.push_back(std::move(cart));
  }
  if (!sc_.ehpads.empty() && !sc_.network.enabled())
    r_.error(n, path, "EHPAD carts consult over the network: describe it in territory.network");
}

void Loader::hospitals(const YAML::Node& n, const Path& path, YamlReader& r) {
  if (!r.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r.map(x, p, {"id", "commune", "specialties", "emergency", "cost"}, {"id", "commune"})) continue;
    Hospital h;
    bool skip = false;
    auto id = item_id(x, p, r, skip);
    if (skip) continue;
    auto commune = commune_ref(x["commune"], key(p, "commune"), r);
    bool ok = id && commune;
    if (const YAML::Node sp = x["specialties"]; sp && r.dictionary(sp, key(p, "specialties")))
      for (const auto& kv : sp) {
        const Path sp_path = key(key(p, "specialties"), kv.first.Scalar());
        if (!r.map(kv.second, sp_path, {"doctors", "hours"}, {"doctors", "hours"})) {
          ok = false;
          continue;
        }
        auto doctors = r.integer(kv.second["doctors"], key(sp_path, "doctors"), 1, 10000);
        auto hrs = hours(kv.second["hours"], key(sp_path, "hours"), r);
        if (doctors && hrs) h.specialties.push_back(Specialty{kv.first.Scalar(), static_cast<int>(*doctors), *hrs});
        else ok = false;
      }
    if (const YAML::Node ed = x["emergency"]; ed && r.map(ed, key(p, "emergency"), {"doctors"}, {"doctors"})) {
      if (auto d = r.integer(ed["doctors"], key(key(p, "emergency"), "doctors"), 1, 10000)) h.ed_doctors = static_cast<int>(*d);
      else ok = false;
    }
    if (!ok || !cost(x, p, r, h.cost)) continue;
    h.id = *id, h.commune = *commune;
    sc_.hospitals.push_back(std::move(h));
  }
}

void Loader::hotlines(const YAML::Node& n, const Path& path, YamlReader& r) {
  if (!r.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r.map(x, p, {"id", "commune", "communes", "doctors", "hours", "slots_per_day", "cost"},
               {"id", "commune", "doctors", "hours", "slots_per_day"}))
      continue;
    Hotline h;
    bool skip = false;
    auto id = item_id(x, p, r, skip);
    if (skip) continue;
    auto commune = commune_ref(x["commune"], key(p, "commune"), r);
    auto doctors = r.integer(x["doctors"], key(p, "doctors"), 1, 10000);
    auto hrs = hours(x["hours"], key(p, "hours"), r);
    auto slots = r.integer(x["slots_per_day"], key(p, "slots_per_day"), 1, 1000000);
    bool ok = id && commune && doctors && hrs && slots;
    if (const YAML::Node cs = x["communes"]; cs && r.sequence(cs, key(p, "communes")))
      for (std::size_t j = 0; j < cs.size(); ++j) {
        if (auto c = commune_ref(cs[j], idx(key(p, "communes"), j), r)) h.communes.push_back(*c);
        else ok = false;
      }
    if (!ok || !cost(x, p, r, h.cost)) continue;
    h.id = *id, h.commune = *commune, h.doctors = static_cast<int>(*doctors), h.hours = *hrs;
    h.slots_per_day = static_cast<int>(*slots);
    sc_.hotlines.push_back(std::move(h));
  }
}

void Loader::buses(const YAML::Node& n, const Path& path, YamlReader& r) {
  if (!r.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r.map(x, p, {"id", "specialty", "care_types", "stops", "per_hour", "access", "tele_expertise", "cost"},
               {"id", "stops", "per_hour"}))
      continue;
    Bus bus;
    bool skip = false;
    auto id = item_id(x, p, r, skip);
    if (skip) continue;
    auto per_hour = r.number(x["per_hour"], key(p, "per_hour"), 0.01, 1000);
    bool ok = id && per_hour;
    if (auto s = r.text(x["specialty"], key(p, "specialty"))) bus.specialty = *s;
    if (auto a = r.choice(x["access"], key(p, "access"), {"appointment", "walk_in"})) bus.walk_in = *a == "walk_in";
    if (auto t = r.boolean(x["tele_expertise"], key(p, "tele_expertise"))) {
      bus.tele_expertise = *t;
      if (*t && !sc_.network.enabled()) {
        r.error(x["tele_expertise"], key(p, "tele_expertise"), "the upload runs over the network: describe it in territory.network");
        ok = false;
      }
    }
    if (const YAML::Node cts = x["care_types"]; cts && r.sequence(cts, key(p, "care_types")))
      for (std::size_t j = 0; j < cts.size(); ++j)
        if (auto c = r.text(cts[j], idx(key(p, "care_types"), j))) bus.care_types.push_back(*c);
    if (!x["specialty"] && !x["care_types"]) {
      r.error(x, p, "a bus serves a specialty or care_types: give at least one");
      ok = false;
    }
    const YAML::Node stops = x["stops"];
    if (stops && r.sequence(stops, key(p, "stops")))
      for (std::size_t j = 0; j < stops.size(); ++j) {
        const Path sp = idx(key(p, "stops"), j);
        const YAML::Node s = stops[j];
        if (!r.map(s, sp, {"commune", "day", "hours"}, {"commune", "day", "hours"})) {
          ok = false;
          continue;
        }
        BusStop stop;
        auto commune = commune_ref(s["commune"], key(sp, "commune"), r);
        try {
          const auto mask = WeeklyCalendar::parse_days(s["day"].Scalar());
          if (mask == 0 || (mask & (mask - 1)) != 0) throw CalendarError("expected one day, e.g. tue");
          while (!(mask & (1u << stop.day))) ++stop.day;
        } catch (const CalendarError& e) {
          r.error(s["day"], key(sp, "day"), e.what());
          ok = false;
        }
        try {
          const auto ranges = WeeklyCalendar::parse_ranges(s["hours"].Scalar());
          if (ranges.size() != 1) throw CalendarError("expected one range of hours a stop, e.g. \"09:00-16:00\"");
          stop.start = ranges[0].first, stop.end = ranges[0].second;
        } catch (const CalendarError& e) {
          r.error(s["hours"], key(sp, "hours"), e.what());
          ok = false;
        }
        if (commune) stop.commune = *commune; else ok = false;
        bus.stops.push_back(stop);
      }
    if (!ok || !cost(x, p, r, bus.cost)) continue;
    bus.id = *id, bus.per_hour = *per_hour;
    sc_.buses.push_back(std::move(bus));
  }
}

void Loader::list_or_file(const YAML::Node& n, const Path& path,
                          const std::function<void(const YAML::Node&, const Path&, YamlReader&)>& load) {
  if (!n.IsScalar()) {
    load(n, path, r_);
    return;
  }
  // A separate YAML file holding the list; its errors name that file.
  const std::string file = join_path(base_dir_, n.Scalar());
  YAML::Node list;
  try {
    list = YAML::LoadFile(file);
  } catch (const YAML::BadFile&) {
    r_.error(n, path, "cannot read the file " + file);
    return;
  } catch (const YAML::ParserException& e) {
    diags_.push_back({file, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg});
    return;
  }
  YamlReader sub(diags_, file);
  load(list, path, sub);
}

void Loader::supply(const YAML::Node& n) {
  const Path p = "supply";
  if (!r_.map(n, p, {"practices", "hospitals", "remote_pools", "cabins", "ehpads", "buses", "hotlines"})) return;
  // Pools before cabins and EHPADs, which name them.
  supply_list(n, "remote_pools", [this](const YAML::Node& l, const Path& lp, YamlReader&) { remote_pools(l, lp); });
  supply_list(n, "cabins", [this](const YAML::Node& l, const Path& lp, YamlReader& r) { cabins(l, lp, r); });
  supply_list(n, "ehpads", [this](const YAML::Node& l, const Path& lp, YamlReader& r) { ehpads(l, lp, r); });
  supply_list(n, "practices", [this](const YAML::Node& l, const Path& lp, YamlReader& r) { practices(l, lp, r); });
  supply_list(n, "hospitals", [this](const YAML::Node& l, const Path& lp, YamlReader& r) { hospitals(l, lp, r); });
  supply_list(n, "hotlines", [this](const YAML::Node& l, const Path& lp, YamlReader& r) { hotlines(l, lp, r); });
  supply_list(n, "buses", [this](const YAML::Node& l, const Path& lp, YamlReader& r) { buses(l, lp, r); });
  for (const auto& h : host_refs_) {
    const std::string id = h.node.Scalar();
    auto it = std::find_if(sc_.practices.begin(), sc_.practices.end(), [&](const Practice& p) { return p.id == id; });
    if (it == sc_.practices.end()) {
      h.reader->error(h.node, h.path, "unknown practice \"" + id + "\" (not in supply.practices)");
    } else if (it->commune != sc_.cabins[h.cabin].commune) {
      h.reader->error(h.node, h.path, "the practice \"" + id + "\" is in another commune than the cabin");
    } else {
      sc_.cabins[h.cabin].host = static_cast<int>(it - sc_.practices.begin());
    }
  }
}

void Loader::supply_list(const YAML::Node& supply, const char* name,
                         const std::function<void(const YAML::Node&, const Path&, YamlReader&)>& load) {
  if (supply[name]) list_or_file(supply[name], key("supply", name), load);
  if (!plan_) return;
  const YAML::Node add = plan_->node["add"];
  if (add && add[name]) list_or_file(add[name], key(key(key("plans", plan_->name), "add"), name), load);
}

void Loader::plans(const YAML::Node& n) {
  // The overlays' structure; their content is checked when each plan is loaded.
  if (!r_.dictionary(n, "plans")) return;
  for (const auto& kv : n) {
    const std::string name = kv.first.Scalar();
    const Path pp = key("plans", name);
    const YAML::Node plan = kv.second;
    if (plan.IsNull()) continue;
    if (!r_.map(plan, pp, {"add", "remove", "set"})) continue;
    if (name == "baseline" && plan.size() > 0) {
      r_.error(kv.first, pp, "the baseline is the scenario itself: give it no overlay, {}");
      continue;
    }
    if (plan["add"])
      r_.map(plan["add"], key(pp, "add"),
             {"practices", "remote_pools", "cabins", "ehpads", "hospitals", "hotlines", "buses"});
  }
}


void Loader::site_selection(const YAML::Node& n) {
  const Path p = "site_selection";
  if (!r_.map(n, p, {"candidates", "template", "open", "budget", "objective", "options", "replaces", "solver"},
              {"candidates", "template", "objective"}) ||
      !n["candidates"] || !n["template"] || !n["objective"])
    return;
  SiteSelection sel;
  bool ok = true;
  // The objective: a word, or {coverage_within: 30 min}.
  const YAML::Node obj = n["objective"];
  if (obj.IsMap()) {
    if (r_.map(obj, key(p, "objective"), {"coverage_within"}, {"coverage_within"})) {
      sel.objective = SiteObjective::CoverageWithin;
      if (auto w = r_.quantity(obj["coverage_within"], key(key(p, "objective"), "coverage_within"), Dimension::Duration)) sel.within = *w;
      else ok = false;
    } else {
      ok = false;
    }
  } else if (obj.IsScalar() && obj.Scalar() == "coverage_within") {
    r_.error(obj, key(p, "objective"), "coverage_within needs its radius, e.g. {coverage_within: 30 min}");
    ok = false;
  } else if (auto o = r_.choice(obj, key(p, "objective"), {"unserved", "travel", "wait", "coverage_within", "ed_visits"})) {
    sel.objective = *o == "travel"      ? SiteObjective::Travel
                    : *o == "wait"      ? SiteObjective::Wait
                    : *o == "ed_visits" ? SiteObjective::EdVisits
                                        : SiteObjective::Unserved;
  } else {
    ok = false;
  }
  if (auto v = r_.integer(n["open"], key(p, "open"), 1, 100000)) sel.open = static_cast<int>(*v);
  else if (n["open"]) ok = false;
  if (auto v = r_.quantity(n["budget"], key(p, "budget"), Dimension::Money)) sel.budget = *v;
  else if (n["budget"]) ok = false;
  if (!n["open"] && !n["budget"]) {
    r_.error(n, p, "say how many sites to open (open: 10) or what they may cost a year (budget: 120000 EUR)");
    ok = false;
  }
  if (auto v = r_.integer(n["options"], key(p, "options"), 1, 20)) sel.options = static_cast<int>(*v);
  if (const YAML::Node so = n["solver"]; so && r_.map(so, key(p, "solver"), {"exact_arc_limit", "time_limit"})) {
    if (auto v = r_.integer(so["exact_arc_limit"], key(key(p, "solver"), "exact_arc_limit"), 0, 1LL << 40))
      sel.solver.exact_arc_limit = static_cast<std::size_t>(*v);
    if (auto v = r_.quantity(so["time_limit"], key(key(p, "solver"), "time_limit"), Dimension::Duration)) sel.solver.time_limit_s = *v;
  }

  // The template: a site of the supply, less its id and commune.
  const YAML::Node tmpl = n["template"];
  const Path tp = key(p, "template");
  std::string kind;
  if (!tmpl.IsMap()) {
    r_.error(tmpl, tp, "expected a site: {kind: cabin, pool: ..., hours: ...} or {kind: msp, doctors: ..., hours: ...}");
    ok = false;
  } else {
    for (const char* k : {"id", "commune"})
      if (tmpl[k]) {
        r_.error(tmpl[k], key(tp, k), std::string("the candidates give each site its ") + k + ": leave it out of the template");
        ok = false;
      }
    if (tmpl["host"]) {
      r_.error(tmpl["host"], key(tp, "host"), "a template site cannot share a practice's line (host): each candidate is its own host");
      ok = false;
    }
    if (!tmpl["kind"]) {
      r_.error(tmpl, tp, "missing key \"kind\": cabin, kiosk or suitcase (a device), or cabinet, msp or centre_de_sante (a practice)");
      ok = false;
    } else if (auto k = r_.choice(tmpl["kind"], key(tp, "kind"), {"cabin", "kiosk", "suitcase", "cabinet", "msp", "centre_de_sante"})) {
      kind = *k;
      sel.kind = std::string(template_list(kind)) == "cabins" ? SiteKind::Cabin : SiteKind::Practice;
    } else {
      ok = false;
    }
    if (tmpl["cost"] && !cost(tmpl, tp, r_, sel.template_cost)) ok = false;
  }
  site_candidates(n["candidates"], key(p, "candidates"), sel);
  if (sel.candidates.empty()) ok = false;

  // Which sites of the base the chosen ones replace.
  std::vector<std::string> list_ids;
  if (!kind.empty()) {
    if (sel.kind == SiteKind::Cabin) {
      for (const auto& c : sc_.cabins)
        if (c.ehpad < 0) list_ids.push_back(c.id);
    } else {
      for (const auto& pr : sc_.practices) list_ids.push_back(pr.id);
    }
  }
  if (const YAML::Node rep = n["replaces"]; rep) {
    const Path rp = key(p, "replaces");
    if (rep.IsScalar() && rep.Scalar() == "all") {
      sel.replaces = list_ids;
    } else if (r_.sequence(rep, rp)) {
      for (std::size_t i = 0; i < rep.size(); ++i) {
        auto id = r_.text(rep[i], idx(rp, i));
        if (!id) continue;
        if (!kind.empty() && std::find(list_ids.begin(), list_ids.end(), *id) == list_ids.end())
          r_.error(rep[i], idx(rp, i), "no site of supply." + std::string(template_list(kind)) + " has the id \"" + *id + "\"" +
                                          (closest_word(*id, list_ids).empty() ? "" : "; did you mean \"" + closest_word(*id, list_ids) + "\"?"));
        else sel.replaces.push_back(*id);
      }
    }
  }

  // Check the template as the site it makes, at the first candidate.
  if (ok && !kind.empty()) {
    const std::size_t before = diags_.size();
    YAML::Node list(YAML::NodeType::Sequence);
    list.push_back(site_item(tmpl, sel.candidates[0], sc_.communes[sel.candidates[0].commune].insee));
    const std::size_t cabins = sc_.cabins.size(), practices = sc_.practices.size();
    if (sel.kind == SiteKind::Cabin) this->cabins(list, tp, r_);
    else this->practices(list, tp, r_);
    sc_.cabins.resize(cabins);
    sc_.practices.resize(practices);
    supply_ids_.erase(sel.candidates[0].id);
    for (std::size_t d = before; d < diags_.size(); ++d) {  // "template[0].pool" -> "template.pool"
      auto& path = diags_[d].path;
      if (path.rfind(tp + "[0]", 0) == 0) path = tp + path.substr(tp.size() + 3);
    }
    if (diags_.size() != before) ok = false;
  }
  if (sel.open > static_cast<int>(sel.candidates.size()) && !sel.candidates.empty()) {
    r_.error(n["open"], key(p, "open"), std::to_string(sel.open) + " sites to open but only " +
                                            std::to_string(sel.candidates.size()) + (sel.candidates.size() == 1 ? " candidate" : " candidates"));
    ok = false;
  }
  if (ok) sc_.site_selection = std::move(sel);
}

void Loader::site_candidates(const YAML::Node& n, const Path& path, SiteSelection& sel) {
  const std::string prefix = "site";
  std::set<std::string> ids;
  auto add = [&](SiteCandidate c, const std::optional<std::string>& given_id, const std::function<void(const std::string&)>& error) {
    if (given_id) {
      c.id = *given_id;
    } else {  // site-<insee>, then site-<insee>-2... for a second host in the commune
      c.id = prefix + "-" + sc_.communes[c.commune].insee;
      for (int k = 2; ids.count(c.id) || supply_ids_.count(c.id); ++k) c.id = prefix + "-" + sc_.communes[c.commune].insee + "-" + std::to_string(k);
    }
    if (supply_ids_.count(c.id)) return error("id \"" + c.id + "\" is already a site of the supply");
    if (!ids.insert(c.id).second) return error("id \"" + c.id + "\" is used twice");
    sel.candidates.push_back(std::move(c));
  };
  if (n.IsScalar()) {  // a CSV file: commune, and optionally id, host, name, capital, per_year
    const auto table = read_csv(n, path, {"commune"});
    if (!table) return;
    const CsvTable& t = *table;
    const int cc = t.column("commune"), ci = t.column("id"), ch = t.column("host"), cn = t.column("name"),
              ccap = t.column("capital"), cpy = t.column("per_year");
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto& row = t.rows[i];
      const std::string where = t.file + ":" + std::to_string(t.lines[i]) + ": ";
      auto cell = [&](int col) { return col < 0 ? std::string() : row[static_cast<std::size_t>(col)]; };
      auto error = [&](const std::string& m) { r_.error(n, path, where + m); };
      const auto it = commune_index_.find(cell(cc));
      if (it == commune_index_.end()) {
        error("unknown commune \"" + cell(cc) + "\" (not in territory.communes)");
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
      add(c, cell(ci).empty() ? std::nullopt : std::optional<std::string>(cell(ci)), error);
    }
  } else if (r_.sequence(n, path)) {
    for (std::size_t i = 0; i < n.size(); ++i) {
      const Path cp = idx(path, i);
      const YAML::Node x = n[i];
      if (!r_.map(x, cp, {"id", "commune", "host", "name", "cost"}, {"commune"})) continue;
      SiteCandidate c;
      auto commune = commune_ref(x["commune"], key(cp, "commune"), r_);
      auto id = r_.text(x["id"], key(cp, "id"));
      if (auto h = r_.text(x["host"], key(cp, "host"))) c.host = *h;
      if (auto nm = r_.text(x["name"], key(cp, "name"))) c.name = *nm;
      if (!commune || (x["id"] && !id) || !cost(x, cp, r_, c.cost)) continue;
      c.commune = *commune;
      add(c, id, [&](const std::string& m) { r_.error(x["id"] ? x["id"] : x, x["id"] ? key(cp, "id") : cp, m); });
    }
  }
  if (n.IsSequence() && n.size() == 0) r_.error(n, path, "no candidate given");
}
}  // namespace

namespace {

YAML::Node parse(const std::string& yaml, const std::string& file) {
  try {
    return YAML::Load(yaml);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError({Diagnostic{file, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg}});
  }
}

/** The base scenario of a file, its diagnostics added to `diags`. */
Scenario load_base(const YAML::Node& root, const std::string& file, const std::string& base_dir,
                   const std::vector<Override>& overrides, std::vector<Diagnostic>& diags) {
  Loader loader(file, base_dir);
  Scenario sc = loader.load(root, overrides);
  diags.insert(diags.end(), loader.diagnostics().begin(), loader.diagnostics().end());
  if (sc.name.empty()) {  // default: the file's name without folder and extension
    const auto slash = file.find_last_of('/');
    sc.name = file.substr(slash == std::string::npos ? 0 : slash + 1);
    sc.name = sc.name.substr(0, sc.name.find_last_of('.'));
  }
  return sc;
}

/** A plan: the same text loaded again with its overlay, parsed afresh because overrides
 *  write into the tree (YAML::Clone would lose the line numbers). */
void add_plan(Scenario& sc, const PlanOverlay& overlay, const std::string& yaml, const std::string& file,
              const std::string& base_dir, const std::vector<Override>& overrides, std::vector<Diagnostic>& diags) {
  Loader plan_loader(file, base_dir, &overlay);
  Scenario plan = plan_loader.load(YAML::Load(yaml), overrides);
  plan.name = sc.name;
  diags.insert(diags.end(), plan_loader.diagnostics().begin(), plan_loader.diagnostics().end());
  sc.plans.emplace_back(overlay.name, std::make_shared<Scenario>(std::move(plan)));
}

/** Every problem at once, read top to bottom, file by file: the order a person fixes them in. */
void throw_if_any(std::vector<Diagnostic> diags) {
  if (diags.empty()) return;
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  diags.erase(std::unique(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.str() == b.str(); }),
              diags.end());
  throw ScenarioError(diags);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({Diagnostic{path, 0, 0, "", "cannot read the scenario file"}});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Scenario load_scenario_text(const std::string& yaml, const std::string& file, const std::string& base_dir,
                            const std::vector<Override>& overrides) {
  const YAML::Node root = parse(yaml, file);
  std::vector<Diagnostic> diags;
  Scenario sc = load_base(root, file, base_dir, overrides, diags);
  if (root["plans"] && root["plans"].IsMap())
    for (const auto& kv : root["plans"])
      if (kv.first.Scalar() != "baseline") add_plan(sc, PlanOverlay{kv.first.Scalar(), kv.second}, yaml, file, base_dir, overrides, diags);
  throw_if_any(std::move(diags));
  return sc;
}

Scenario load_site_options(const std::string& path, const std::vector<SiteOptionPlan>& options,
                           const std::vector<Override>& overrides) {
  const std::string yaml = read_file(path), base_dir = directory_of(path);
  const YAML::Node root = parse(yaml, path);
  std::vector<Diagnostic> diags;
  Scenario sc = load_base(root, path, base_dir, overrides, diags);
  throw_if_any(diags);
  if (!sc.site_selection) throw ScenarioError({Diagnostic{path, 0, 0, "site_selection", "the scenario has no site_selection section"}});
  const SiteSelection& sel = *sc.site_selection;
  const YAML::Node tmpl = root["site_selection"]["template"];
  const char* list = sel.kind == SiteKind::Cabin ? "cabins" : "practices";
  for (const auto& [name, sites] : options) {
    YAML::Node overlay(YAML::NodeType::Map), items(YAML::NodeType::Sequence);
    for (auto k : sites) {
      const SiteCandidate& c = sel.candidates.at(k);
      items.push_back(site_item(tmpl, c, sc.communes[c.commune].insee));
    }
    overlay["add"][list] = items;
    if (!sel.replaces.empty()) {
      YAML::Node removed(YAML::NodeType::Sequence);
      for (const auto& id : sel.replaces) removed.push_back(id);
      overlay["remove"] = removed;
    }
    add_plan(sc, PlanOverlay{name, overlay}, yaml, path, base_dir, overrides, diags);
  }
  throw_if_any(std::move(diags));
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  return load_scenario_text(read_file(path), path, directory_of(path), overrides);
}

}  // namespace maillage
