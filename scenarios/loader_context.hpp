#pragma once
// What the section readers share while one scenario (or one plan of it) loads: the
// diagnostics, the Scenario being built, and the indices later sections resolve names
// against (communes, technologies, remote pools, supply ids). Sections are read in the
// order scenario_loader.cpp gives, so a reader only looks up what an earlier one filled.
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/scenario.hpp"
#include "scenarios/csv_table.hpp"
#include "scenarios/diagnostics.hpp"
#include "scenarios/parsed_files.hpp"
#include "scenarios/yaml_reader.hpp"

namespace maillage::loader {

using Path = std::string;
inline std::string key(const std::string& parent, const std::string& k) { return YamlReader::key_path(parent, k); }
inline std::string idx(const std::string& parent, std::size_t i) { return YamlReader::index_path(parent, i); }
/** A value quoted in a message, cut short: it may be a whole CSV cell or file. */
inline std::string quote(const std::string& s) { return "\"" + short_text(s) + "\""; }

/** A data file named in the scenario, relative to the scenario's folder unless absolute. */
std::string join_path(const std::string& dir, const std::string& file);

/** A plan's overlay on the base scenario: {add: {list: [...]}, remove: [ids], set: {path: value}}. */
struct PlanOverlay {
  std::string name;
  YAML::Node node;
};

struct LoaderContext {
  LoaderContext(std::string file, std::string base_dir_, const PlanOverlay* plan_, ParsedFiles* files_ = nullptr)
      : r(diags, std::move(file)), base_dir(std::move(base_dir_)), plan(plan_), files(files_) {
    sc.name.clear();  // unnamed until the file names it: then the file's name is the default
  }
  LoaderContext(const LoaderContext&) = delete;  // r refers to diags

  std::vector<Diagnostic> diags;
  YamlReader r;  ///< the scenario file's reader (lists kept in files of their own have theirs)
  std::string base_dir;
  const PlanOverlay* plan;  ///< the plan being loaded, or null for the base
  ParsedFiles* files;       ///< the files this load has parsed, shared with the base and other plans; may be null
  Scenario sc;

  std::map<std::string, std::size_t> commune_index, technology_index, pool_index;
  /// Codes of the communes file that territory.communes filters left out (road edges to them are dropped).
  std::set<std::string> communes_left_out;
  bool communes_ok = false;  ///< the communes loaded without error: references to them can be checked
  std::set<std::string> supply_ids;                  ///< unique across the supply: plans remove by id
  std::set<std::string> removed_ids, removed_found;  ///< what the plan removes, and what was found of it
  /** Cabins standing in a practice, resolved once the practices are loaded. */
  struct HostRef {
    std::size_t cabin;
    YAML::Node node;
    Path path;
    YamlReader* reader;
  };
  std::vector<HostRef> host_refs;

  /** Whether the plan removes this id; remembers that it was found. */
  bool removed(const std::string& id);
  /** The CSV file named by n, with the given columns (parsed once per load); null after
   *  reporting an error. */
  std::shared_ptr<const CsvTable> read_csv(const YAML::Node& n, const Path& path, std::initializer_list<const char*> columns);
  // References by name; each reports an unknown name (with a guess where it helps).
  std::optional<std::size_t> commune_ref(const YAML::Node& n, const Path& path, YamlReader& r);
  std::optional<std::size_t> technology_ref(const YAML::Node& n, const Path& path);
  std::optional<std::size_t> pool_ref(const YAML::Node& n, const Path& path, YamlReader& r);
};

}  // namespace maillage::loader
