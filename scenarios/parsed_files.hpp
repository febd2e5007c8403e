#pragma once
// The data files one load has parsed (load_scenario, load_site_options), shared by the base
// and every plan: a plan that sets a value is read from the text afresh, and without this
// it parsed the commune outlines (GDAL), the CSV tables and the supply lists' YAML files
// again. Only what parsed without error is kept: a file in error is read again, so its
// messages come out as before (and the loader reports each once).
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/commune_outline.hpp"
#include "scenarios/csv_table.hpp"
#include "scenarios/diagnostics.hpp"

namespace maillage::loader {

struct ParsedFiles {
  /** CSV tables by resolved path. */
  std::map<std::string, std::shared_ptr<const CsvTable>> csv;

  /** A supply list's YAML file by resolved path, with the warnings parsing it gave (a
   *  duplicate key), repeated to each reader as a fresh parse would. Readers only read the tree. */
  struct Yaml {
    YAML::Node root;
    std::vector<Diagnostic> diags;
  };
  std::map<std::string, Yaml> yaml;

  /** Outlines depend on the file, the property naming the commune, and the communes (their
   *  codes in order: a plan may set territory.communes). */
  struct OutlinesKey {
    std::string file, property;
    std::vector<std::string> communes;
    bool operator<(const OutlinesKey& o) const {
      return std::tie(file, property, communes) < std::tie(o.file, o.property, o.communes);
    }
  };
  struct Outlines {
    std::shared_ptr<const CommuneOutlines> outlines;
    std::string note;
  };
  std::map<OutlinesKey, Outlines> outlines;
};

}  // namespace maillage::loader
