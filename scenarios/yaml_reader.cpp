#include "scenarios/yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstdlib>

namespace maillage {
namespace {

std::string quoted(const std::string& s) { return "\"" + short_text(s) + "\""; }

std::string list_words(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : ", ") + w;
  return s;
}

std::string kind_of(const YAML::Node& n) {
  if (!n.IsDefined()) return "nothing";  // a missing key: Type() would throw
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return quoted(n.Scalar());
    default: return "an undefined value";
  }
}

}  // namespace

std::string closest_word(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    // Levenshtein distance, two rows.
    std::vector<std::size_t> prev(c.size() + 1), cur(c.size() + 1);
    for (std::size_t j = 0; j <= c.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= c.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (word[i - 1] == c[j - 1] ? 0 : 1)});
      prev.swap(cur);
    }
    if (prev[c.size()] < best_d) best_d = prev[c.size()], best = c;
  }
  return best;
}

void YamlReader::error(const YAML::Mark& at, const std::string& path, const std::string& message) {
  for (const auto& o : overridden_)
    if (path == o || path.rfind(o + ".", 0) == 0 || path.rfind(o + "[", 0) == 0) {
      sink_.push_back(Diagnostic{"override " + o, 0, 0, path, message});
      return;
    }
  const bool known = at.line >= 0 && !at.is_null();
  std::string file = file_;
  for (const auto& [prefix, included] : included_)
    if (path.rfind(prefix + "[", 0) == 0) file = included;
  sink_.push_back(Diagnostic{file, known ? at.line + 1 : 0, known ? at.column + 1 : 0, path, message});
}

void YamlReader::error(const YAML::Node& at, const std::string& path, const std::string& message) {
  error(at.IsDefined() ? at.Mark() : YAML::Mark::null_mark(), path, message);
}

bool YamlReader::map(const YAML::Node& n, const std::string& path, std::initializer_list<const char*> allowed,
                     std::initializer_list<const char*> required) {
  if (!n.IsDefined() || !n.IsMap()) {
    error(n, path, "expected a mapping of keys (" + list_words({allowed.begin(), allowed.end()}) + "), got " +
                       kind_of(n));
    return false;
  }
  const std::vector<std::string> known(allowed.begin(), allowed.end());
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      const std::string guess = closest_word(key, known);
      error(kv.first, key_path(path, key),
            "unknown key" + (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)") +
                "; expected one of: " + list_words(known));
    }
  }
  for (const char* r : required)
    if (!n[r]) error(n, path, std::string("missing key \"") + r + "\"");
  return true;
}

bool YamlReader::dictionary(const YAML::Node& n, const std::string& path) {
  if (n.IsDefined() && n.IsMap()) return true;
  error(n, path, "expected a mapping of names to entries, got " + kind_of(n));
  return false;
}

bool YamlReader::sequence(const YAML::Node& n, const std::string& path) {
  if (n.IsDefined() && n.IsSequence()) return true;
  error(n, path, "expected a list, got " + kind_of(n));
  return false;
}

std::optional<std::string> YamlReader::scalar(const YAML::Node& n, const std::string& path,
                                              const std::string& expected) {
  if (!n.IsDefined()) return std::nullopt;
  if (!n.IsScalar()) {
    error(n, path, "expected " + expected + ", got " + kind_of(n));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> YamlReader::text(const YAML::Node& n, const std::string& path) {
  auto s = scalar(n, path, "a text");
  if (s && s->empty()) {
    error(n, path, "expected a non-empty text");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& n, const std::string& path) {
  const auto s = scalar(n, path, "true or false");
  if (!s) return std::nullopt;
  if (*s == "true" || *s == "yes") return true;
  if (*s == "false" || *s == "no") return false;
  error(n, path, "expected true or false, got " + quoted(*s));
  return std::nullopt;
}

std::optional<long long> YamlReader::integer(const YAML::Node& n, const std::string& path, long long lo,
                                             long long hi) {
  const auto s = scalar(n, path, "a whole number");
  if (!s) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s->c_str(), &end, 10);
  if (*end != '\0' && std::find(scaled_.begin(), scaled_.end(), path) != scaled_.end()) {
    // A whole count scaled by an override ("*0.9" of 3 is 2.7): the nearest, halves away from zero.
    const double x = std::strtod(s->c_str(), &end);
    if (*end == '\0' && std::isfinite(x) && std::fabs(x) < 9e18) v = std::llround(x);
  }
  if (s->empty() || *end != '\0' || errno != 0) {
    error(n, path, "expected a whole number, got " + quoted(*s));
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    error(n, path, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + short_text(*s));
    return std::nullopt;
  }
  return v;
}

std::optional<double> YamlReader::number(const YAML::Node& n, const std::string& path, double lo, double hi) {
  const auto s = scalar(n, path, "a number");
  if (!s) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s->c_str(), &end);
  if (s->empty() || *end != '\0' || !std::isfinite(v)) {
    error(n, path, "expected a number, got " + quoted(*s));
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    auto fmt = [](double x) {
      std::string t = std::to_string(x);
      t.erase(t.find_last_not_of('0') + 1);
      if (!t.empty() && t.back() == '.') t.pop_back();
      return t;
    };
    error(n, path, "expected a number from " + fmt(lo) + " to " + fmt(hi) + ", got " + short_text(*s));
    return std::nullopt;
  }
  return v;
}

std::optional<double> YamlReader::quantity(const YAML::Node& n, const std::string& path, Dimension d) {
  const auto s = scalar(n, path, describe(d));
  if (!s) return std::nullopt;
  try {
    return parse_quantity(*s, d);
  } catch (const QuantityError& e) {
    std::string message = e.what();
    char* end = nullptr;
    std::strtod(s->c_str(), &end);
    const bool bare = !s->empty() && *end == '\0';
    const bool overridden = std::any_of(overridden_.begin(), overridden_.end(), [&](const std::string& o) {
      return path == o || path.rfind(o + ".", 0) == 0 || path.rfind(o + "[", 0) == 0;
    });
    if (bare && overridden)
      message += " (a bare number takes the unit of the value it replaces, and the scenario writes none there)";
    error(n, path, message);
    return std::nullopt;
  }
}

std::optional<std::string> YamlReader::choice(const YAML::Node& n, const std::string& path,
                                              const std::vector<std::string>& words) {
  const auto s = scalar(n, path, "one of " + list_words(words));
  if (!s) return std::nullopt;
  if (std::find(words.begin(), words.end(), *s) != words.end()) return s;
  const std::string guess = closest_word(*s, words);
  error(n, path, "expected one of " + list_words(words) + ", got " + quoted(*s) +
                     (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
  return std::nullopt;
}

}  // namespace maillage
