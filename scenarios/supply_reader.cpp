// The supply section: each list (inline or in a YAML file of its own) read in the order
// their references need, then the plan's additions; and what every supply item has: an
// id, opening hours, a cost.
#include "scenarios/section_readers.hpp"

#include <algorithm>

#include "scenarios/data_file.hpp"
#include "scenarios/yaml_document.hpp"

namespace maillage::loader {
namespace {

/** The id of a supply item, unique across the supply: nothing when invalid or used twice
 *  (the error noted), or when the plan removes the item (then `removed_item` is set). */
std::optional<std::string> read_item_id(LoaderContext& ctx, const YAML::Node& x, const Path& p, YamlReader& r,
                                        bool& removed_item) {
  removed_item = false;
  auto id = r.text(x["id"], key(p, "id"));
  if (!id) return std::nullopt;
  if (ctx.removed(*id)) {
    removed_item = true;
    return std::nullopt;
  }
  if (!ctx.supply_ids.insert(*id).second) {
    r.error(x["id"], key(p, "id"), "id " + quote(*id) + " is used twice");
    return std::nullopt;
  }
  return id;
}

/** A supply list reader: read_practices, read_cabins... */
using ListReader = void (*)(LoaderContext&, const YAML::Node&, const Path&, YamlReader&);

/** A supply list given inline or as the name of a YAML file holding it. */
void read_list_or_file(LoaderContext& ctx, const YAML::Node& n, const Path& path, const ListReader& load) {
  if (!n.IsScalar()) {
    load(ctx, n, path, ctx.r);
    return;
  }
  // A separate YAML file holding the list; its errors name that file.
  const std::string file = join_path(ctx.base_dir, n.Scalar());
  std::optional<YAML::Node> list;
  if (ctx.files)
    if (const auto it = ctx.files->yaml.find(file); it != ctx.files->yaml.end()) {
      ctx.diags.insert(ctx.diags.end(), it->second.diags.begin(), it->second.diags.end());
      list = it->second.root;
    }
  if (!list) {
    std::vector<Diagnostic> diags;
    try {
      list = parse_yaml_file(file, diags);
    } catch (const DataFileError& e) {
      ctx.r.error(n, path, e.missing() ? "cannot read the file " + file : e.what());
      return;
    }
    ctx.diags.insert(ctx.diags.end(), diags.begin(), diags.end());
    if (!list) return;
    if (ctx.files) ctx.files->yaml.emplace(file, ParsedFiles::Yaml{*list, std::move(diags)});
  }
  YamlReader sub(ctx.diags, file);
  load(ctx, *list, path, sub);
}

/** A supply list of the base, then the plan's additions to it. */
void read_supply_list(LoaderContext& ctx, const YAML::Node& supply, const char* name, const ListReader& load) {
  if (supply[name]) read_list_or_file(ctx, supply[name], key("supply", name), load);
  if (!ctx.plan) return;
  const YAML::Node add = ctx.plan->node["add"];
  if (add && add.IsMap() && add[name])  // an add that is not a mapping: read_plans says so
    read_list_or_file(ctx, add[name], key(key(key("plans", ctx.plan->name), "add"), name), load);
}

}  // namespace

bool read_items(LoaderContext& ctx, YamlReader& r, const YAML::Node& n, const Path& path,
                std::initializer_list<const char*> allowed, std::initializer_list<const char*> required,
                const ItemReader& read_item) {
  if (!r.sequence(n, path)) return false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    if (!r.map(n[i], p, allowed, required)) continue;
    bool removed = false;
    const auto id = read_item_id(ctx, n[i], p, r, removed);
    if (!removed) read_item(n[i], p, id);
  }
  return true;
}

void read_supply(LoaderContext& ctx, const YAML::Node& n) {
  const Path p = "supply";
  if (!ctx.r.map(n, p, {"practices", "hospitals", "remote_pools", "cabins", "ehpads", "buses", "hotlines"})) return;
  // Pools before cabins and EHPADs, which name them.
  read_supply_list(ctx, n, "remote_pools", read_remote_pools);
  read_supply_list(ctx, n, "cabins", read_cabins);
  read_supply_list(ctx, n, "ehpads", read_ehpads);
  read_supply_list(ctx, n, "practices", read_practices);
  read_supply_list(ctx, n, "hospitals", read_hospitals);
  read_supply_list(ctx, n, "hotlines", read_hotlines);
  read_supply_list(ctx, n, "buses", read_buses);
  for (const auto& h : ctx.host_refs) {
    const std::string id = h.node.Scalar();
    auto it = std::find_if(ctx.sc.practices.begin(), ctx.sc.practices.end(), [&](const Practice& p) { return p.id == id; });
    if (it == ctx.sc.practices.end()) {
      h.reader->error(h.node, h.path, "unknown practice " + quote(id) + " (not in supply.practices)");
    } else if (it->commune != ctx.sc.cabins[h.cabin].commune) {
      h.reader->error(h.node, h.path, "the practice " + quote(id) + " is in another commune than the cabin");
    } else {
      ctx.sc.cabins[h.cabin].host = static_cast<int>(it - ctx.sc.practices.begin());
    }
  }
}

std::optional<WeeklyCalendar> read_hours(const YAML::Node& n, const Path& path, YamlReader& r) {
  if (!n.IsDefined()) return std::nullopt;  // a missing key: the map check reported it
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

bool read_cost(const YAML::Node& x, const Path& p, YamlReader& r, Cost& out) {
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

}  // namespace maillage::loader
