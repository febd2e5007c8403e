#pragma once
// A YAML text parsed into a tree, with the problems the parser hides or words badly said
// plainly: binary data (a NUL byte, bytes that are not UTF-8), nesting past the parser's limit, and duplicate keys
// (yaml-cpp keeps both and `node[key]` silently returns the first).
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenarios/diagnostics.hpp"

namespace maillage {

/** The tree of `text` (named `file` in messages), or nothing when it cannot be parsed.
 *  Every problem is added to `diags`; duplicate keys are reported and the tree returned. */
std::optional<YAML::Node> parse_yaml_document(const std::string& text, const std::string& file,
                                              std::vector<Diagnostic>& diags);

/** The same for a file, read with read_data_file: throws DataFileError when it cannot be read. */
std::optional<YAML::Node> parse_yaml_file(const std::string& file, std::vector<Diagnostic>& diags);

}  // namespace maillage
