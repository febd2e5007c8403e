// The public entry points and the order sections are read in; each section has its reader
// (section_readers.hpp), over the state they share (loader_context.hpp).
#include "scenarios/scenario_loader.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "scenarios/data_file.hpp"
#include "scenarios/section_readers.hpp"
#include "scenarios/workload.hpp"
#include "scenarios/yaml_document.hpp"

namespace maillage {
namespace {

using namespace loader;

std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

/** Reads the scenario (or, with ctx.plan, the plan) into ctx.sc; check ctx.diags before
 *  using it. `base`: for a plan that sets no value, the base already read from the same
 *  tree, whose overrides are in place and whose territory (the costly part: CSV files, the
 *  road graph) the plan shares rather than reads again. */
void load_sections(LoaderContext& ctx, YAML::Node root, std::vector<Override> overrides,
                   const LoaderContext* base = nullptr) {
  if (ctx.plan) {
    const Path pp = key("plans", ctx.plan->name);
    if (const YAML::Node set = ctx.plan->node["set"]; set && ctx.r.dictionary(set, key(pp, "set")))
      for (const auto& kv : set) overrides.emplace_back(kv.first.Scalar(), YAML::Dump(kv.second));
    if (const YAML::Node rm = ctx.plan->node["remove"]; rm && ctx.r.sequence(rm, key(pp, "remove")))
      for (std::size_t i = 0; i < rm.size(); ++i)
        if (auto id = ctx.r.text(rm[i], idx(key(pp, "remove"), i))) ctx.removed_ids.insert(*id);
  }
  if (base)
    ctx.r.follow(base->r);
  else
    apply_overrides(ctx, root, overrides);
  if (ctx.r.map(root, "", {"scenario", "territory", "demand", "supply", "plans", "site_selection"},
                {"scenario", "territory", "demand", "supply"})) {
    if (root["scenario"]) read_scenario_section(ctx, root["scenario"]);
    if (base) {
      ctx.sc.communes = base->sc.communes, ctx.sc.roads = base->sc.roads, ctx.sc.network = base->sc.network;
      ctx.commune_index = base->commune_index, ctx.technology_index = base->technology_index;
      ctx.communes_ok = base->communes_ok;
    } else if (root["territory"]) {
      read_territory(ctx, root["territory"]);
    }
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
}


/** Every problem at once, read top to bottom, file by file: the order a person fixes them in;
 *  each once, though the base and every plan find the problems of the text they share. */
void throw_if_any(std::vector<Diagnostic> diags) {
  if (diags.empty()) return;
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  std::set<std::string> seen;
  diags.erase(std::remove_if(diags.begin(), diags.end(), [&](const Diagnostic& d) { return !seen.insert(d.str()).second; }),
              diags.end());
  throw ScenarioError(diags);
}

YAML::Node parse(const std::string& yaml, const std::string& file) {
  std::vector<Diagnostic> diags;
  const auto root = parse_yaml_document(yaml, file, diags);
  throw_if_any(diags);
  return *root;
}

/** A scenario file being loaded: the base read once, then each plan, all sharing the data
 *  files parsed (parsed_files.hpp). */
class FileLoad {
public:
  FileLoad(const std::string& yaml, const std::string& file, const std::string& base_dir,
           const std::vector<Override>& overrides)
      : yaml_(yaml), file_(file), base_dir_(base_dir), overrides_(overrides), root_(parse(yaml, file)),
        base_(file, base_dir, nullptr, &files_) {
    load_sections(base_, root_, overrides);
    diags_ = base_.diags;
    if (base_.sc.name.empty()) {  // default: the file's name without folder and extension
      const auto slash = file.find_last_of('/');
      base_.sc.name = file.substr(slash == std::string::npos ? 0 : slash + 1);
      base_.sc.name = base_.sc.name.substr(0, base_.sc.name.find_last_of('.'));
    }
  }

  const YAML::Node& root() const { return root_; }
  const Scenario& base() const { return base_.sc; }
  std::vector<Diagnostic>& diagnostics() { return diags_; }

  /** A plan: the base with its overlay. One that sets values is read from the text parsed
   *  afresh, since overrides write into the tree (YAML::Clone would lose the line numbers). */
  void add_plan(const PlanOverlay& overlay) {
    LoaderContext ctx(file_, base_dir_, &overlay, &files_);
    if (overlay.node.IsMap() && overlay.node["set"])
      load_sections(ctx, YAML::Load(yaml_), overrides_);
    else
      load_sections(ctx, root_, overrides_, &base_);
    ctx.sc.name = base_.sc.name;
    // Panels: the plan's patients start registered as in the baseline (models/panels.hpp).
    if (ctx.sc.panels) ctx.sc.baseline_practices = base_.sc.practices;
    diags_.insert(diags_.end(), ctx.diags.begin(), ctx.diags.end());
    plans_.emplace_back(overlay.name, std::make_shared<Scenario>(std::move(ctx.sc)));
  }

  /** The scenario with its plans; throws ScenarioError with every problem found. */
  Scenario finish() {
    throw_if_any(std::move(diags_));
    Scenario sc = std::move(base_.sc);
    sc.plans = std::move(plans_);
    return sc;
  }

private:
  const std::string& yaml_;
  std::string file_, base_dir_;
  const std::vector<Override>& overrides_;
  YAML::Node root_;
  ParsedFiles files_;  // before base_, which refers to it
  LoaderContext base_;
  std::vector<Diagnostic> diags_;
  decltype(Scenario::plans) plans_;
};

std::string read_scenario_file(const std::string& path) {
  try {
    return read_data_file(path);
  } catch (const DataFileError& e) {
    throw ScenarioError({Diagnostic{path, 0, 0, "", e.missing() ? "cannot read the scenario file" : e.reason}});
  }
}

/** Never a raw yaml-cpp or library exception out of the loader: a check the readers miss
 *  becomes a clear error naming the file (and where yaml-cpp says, the line). */
template <typename F>
Scenario guarded(const std::string& file, F&& load) {
  try {
    return load();
  } catch (const ScenarioError&) {
    throw;
  } catch (const YAML::Exception& e) {
    const bool at = !e.mark.is_null();
    throw ScenarioError({Diagnostic{file, at ? e.mark.line + 1 : 0, at ? e.mark.column + 1 : 0, "",
                                    "cannot read the scenario: " + short_text(e.msg)}});
  } catch (const std::exception& e) {
    throw ScenarioError({Diagnostic{file, 0, 0, "", std::string("cannot read the scenario: ") + e.what()}});
  }
}

}  // namespace

Scenario load_scenario_text(const std::string& yaml, const std::string& file, const std::string& base_dir,
                            const std::vector<Override>& overrides, bool force) {
  return guarded(file, [&] {
    FileLoad load(yaml, file, base_dir, overrides);
    // Plans whose overlay is not a mapping are reported by read_plans and not loaded.
    const YAML::Node& root = load.root();  // not a mapping: the base reported it
    if (root.IsMap() && root["plans"] && root["plans"].IsMap())
      for (const auto& kv : root["plans"])
        if (kv.first.Scalar() != "baseline" && (kv.second.IsMap() || kv.second.IsNull()))
          load.add_plan(PlanOverlay{kv.first.Scalar(), kv.second});
    Scenario sc = load.finish();
    if (!force) check_workload(sc, file);
    return sc;
  });
}

Scenario load_site_options(const std::string& path, const std::vector<SiteOptionPlan>& options,
                           const std::vector<Override>& overrides) {
  const std::string yaml = read_scenario_file(path);
  return guarded(path, [&] {
    FileLoad load(yaml, path, directory_of(path), overrides);
    throw_if_any(load.diagnostics());
    const Scenario& sc = load.base();
    if (!sc.site_selection) throw ScenarioError({Diagnostic{path, 0, 0, "site_selection", "the scenario has no site_selection section"}});
    const SiteSelection& sel = *sc.site_selection;
    const YAML::Node tmpl = load.root()["site_selection"]["template"];
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
      load.add_plan(PlanOverlay{name, overlay});
    }
    return load.finish();
  });
}

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides, bool force) {
  return load_scenario_text(read_scenario_file(path), path, directory_of(path), overrides, force);
}

}  // namespace maillage
