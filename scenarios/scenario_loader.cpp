// The public entry points and the order sections are read in; each section has its reader
// (section_readers.hpp), over the state they share (loader_context.hpp).
#include "scenarios/scenario_loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "scenarios/section_readers.hpp"

namespace maillage {
namespace {

using namespace loader;

std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

/** The scenario (or, with ctx.plan, the plan); check ctx.diags before using it. */
Scenario load_sections(LoaderContext& ctx, YAML::Node root, std::vector<Override> overrides) {
  if (ctx.plan) {
    const Path pp = key("plans", ctx.plan->name);
    if (const YAML::Node set = ctx.plan->node["set"]; set && ctx.r.dictionary(set, key(pp, "set")))
      for (const auto& kv : set) overrides.emplace_back(kv.first.Scalar(), YAML::Dump(kv.second));
    if (const YAML::Node rm = ctx.plan->node["remove"]; rm && ctx.r.sequence(rm, key(pp, "remove")))
      for (std::size_t i = 0; i < rm.size(); ++i)
        if (auto id = ctx.r.text(rm[i], idx(key(pp, "remove"), i))) ctx.removed_ids.insert(*id);
  }
  apply_overrides(ctx, root, overrides);
  if (ctx.r.map(root, "", {"scenario", "territory", "demand", "supply", "plans", "site_selection"},
                {"scenario", "territory", "demand", "supply"})) {
    if (root["scenario"]) read_scenario_section(ctx, root["scenario"]);
    if (root["territory"]) read_territory(ctx, root["territory"]);
    if (root["supply"]) read_supply(ctx, root["supply"]);  // before demand: care types name pools
    if (root["demand"]) read_demand(ctx, root["demand"]);
    if (root["plans"] && !ctx.plan) read_plans(ctx, root["plans"]);
    if (root["site_selection"] && !ctx.plan && ctx.communes_ok) read_site_selection(ctx, root["site_selection"]);
  }
  if (ctx.plan)
    for (const auto& id : ctx.removed_ids)
      if (!ctx.removed_found.count(id))
        ctx.r.error(ctx.plan->node["remove"], key(key("plans", ctx.plan->name), "remove"),
                    "no practice, cabin, remote pool or EHPAD has the id \"" + id + "\"");
  return std::move(ctx.sc);
}


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
  LoaderContext ctx(file, base_dir, nullptr);
  Scenario sc = load_sections(ctx, root, overrides);
  diags.insert(diags.end(), ctx.diags.begin(), ctx.diags.end());
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
  LoaderContext ctx(file, base_dir, &overlay);
  Scenario plan = load_sections(ctx, YAML::Load(yaml), overrides);
  plan.name = sc.name;
  diags.insert(diags.end(), ctx.diags.begin(), ctx.diags.end());
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
