#include "scenarios/yaml_document.hpp"

#include <map>
#include <set>
#include <utility>

#include <yaml-cpp/depthguard.h>

#include "scenarios/data_file.hpp"
#include "scenarios/yaml_reader.hpp"

namespace maillage {
namespace {

using Seen = std::set<std::pair<int, int>>;

/** Reports every key of a mapping given twice, at the second, with the line of the first.
 *  Each collection once, known by where it starts: aliases (*a) refer to one node, and
 *  nested aliases would otherwise make the walk exponential (a "billion laughs" file). */
void find_duplicate_keys(const YAML::Node& n, const std::string& path, const std::string& file,
                         std::vector<Diagnostic>& diags, Seen& seen) {
  if (!(n.IsSequence() || n.IsMap()) || !seen.emplace(n.Mark().line, n.Mark().column).second) return;
  if (n.IsSequence()) {
    for (std::size_t i = 0; i < n.size(); ++i)
      find_duplicate_keys(n[i], YamlReader::index_path(path, i), file, diags, seen);
    return;
  }
  std::map<std::string, int> first_line;
  for (const auto& kv : n) {
    if (!kv.first.IsScalar()) continue;
    const std::string k = kv.first.Scalar();
    const auto [it, fresh] = first_line.emplace(k, kv.first.Mark().line + 1);
    if (!fresh) {
      const YAML::Mark m = kv.first.Mark();
      diags.push_back({file, m.line + 1, m.column + 1, YamlReader::key_path(path, k),
                       "duplicate key \"" + short_text(k) + "\" (first at line " + std::to_string(it->second) +
                           ")"});
    }
    find_duplicate_keys(kv.second, YamlReader::key_path(path, k), file, diags, seen);
  }
}

}  // namespace

std::optional<YAML::Node> parse_yaml_document(const std::string& text, const std::string& file,
                                              std::vector<Diagnostic>& diags) {
  if (const auto bad = find_non_text(text)) {
    diags.push_back({file, bad->line, bad->column, "",
                     bad->what + " at line " + std::to_string(bad->line) + ": the file is not text"});
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    diags.push_back({file, e.mark.line + 1, e.mark.column + 1, "",
                     "YAML nesting deeper than " + std::to_string(e.depth() - 1) + " levels"});
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    diags.push_back({file, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg});
    return std::nullopt;
  }
  Seen seen;
  find_duplicate_keys(root, "", file, diags, seen);
  return root;
}

std::optional<YAML::Node> parse_yaml_file(const std::string& file, std::vector<Diagnostic>& diags) {
  return parse_yaml_document(read_data_file(file), file, diags);
}

}  // namespace maillage
