#pragma once
// Reads typed values out of a YAML tree, recording a Diagnostic (file:line:col, key path,
// what was expected) for every problem instead of stopping at the first. Each getter
// returns nothing after recording the error, so the loader goes on and finds the rest.
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenarios/diagnostics.hpp"
#include "scenarios/quantity.hpp"

namespace maillage {

class YamlReader {
public:
  YamlReader(std::vector<Diagnostic>& sink, std::string file) : sink_(sink), file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  void error(const YAML::Node& at, const std::string& path, const std::string& message);
  void error(const YAML::Mark& at, const std::string& path, const std::string& message);
  /** A list brought in from another file at this key path: its errors name that file. */
  void add_included(const std::string& path, const std::string& file) { included_.emplace_back(path, file); }
  /** Paths set by overrides: their errors say "override" rather than a line of the file. */
  void set_overridden(std::vector<std::string> paths) { overridden_ = std::move(paths); }
  /** Reads the same tree as `other` (a plan sharing the base's): the same overridden paths
   *  and included files. */
  void follow(const YamlReader& other) {
    overridden_ = other.overridden_, included_ = other.included_, scaled_ = other.scaled_;
  }
  /** Paths a relative change ("*0.9") wrote: integer() rounds them to whole counts. */
  void set_scaled(std::vector<std::string> paths) { scaled_ = std::move(paths); }

  /** A mapping whose keys are all in `allowed` and which has every key of `required`. */
  bool map(const YAML::Node& n, const std::string& path, std::initializer_list<const char*> allowed,
           std::initializer_list<const char*> required = {});
  /** A mapping with any keys (a dictionary of named things). */
  bool dictionary(const YAML::Node& n, const std::string& path);
  bool sequence(const YAML::Node& n, const std::string& path);

  // Each getter: nothing (no error) when the node is absent; nothing after an error when invalid.
  std::optional<std::string> text(const YAML::Node& n, const std::string& path);
  std::optional<bool> boolean(const YAML::Node& n, const std::string& path);
  std::optional<long long> integer(const YAML::Node& n, const std::string& path, long long lo, long long hi);
  std::optional<double> number(const YAML::Node& n, const std::string& path, double lo, double hi);
  std::optional<double> quantity(const YAML::Node& n, const std::string& path, Dimension d);
  /** One of the given words. */
  std::optional<std::string> choice(const YAML::Node& n, const std::string& path,
                                    const std::vector<std::string>& words);

  static std::string key_path(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  }
  static std::string index_path(const std::string& parent, std::size_t i) {
    return parent + "[" + std::to_string(i) + "]";
  }

private:
  std::optional<std::string> scalar(const YAML::Node& n, const std::string& path, const std::string& expected);
  std::vector<Diagnostic>& sink_;
  std::string file_;
  std::vector<std::string> overridden_, scaled_;
  std::vector<std::pair<std::string, std::string>> included_;
};

/** The closest of `candidates` to `word` (edit distance), or "" when none is close. */
std::string closest_word(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace maillage
