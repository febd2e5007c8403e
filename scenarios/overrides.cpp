// Overrides (--set KEY=VALUE, a plan's set:) written into the YAML tree before it is read.
// A key path walks maps by key and lists by [index], [id] (the item whose id is that) or
// [*] (every item); the last step replaces a map key or a list item. A relative change,
// "*0.9" or {scale: 0.9}, multiplies the number each named value starts with and keeps its
// unit ("3 per year" -> "2.7 per year"). The product is kept exact: a practice's doctors
// take fractions (a part-time diary), and the reader of a key that takes only whole counts
// rounds a scaled value to the nearest, halves away from zero (YamlReader::integer). A bare
// number where the scenario writes a quantity takes that quantity's unit: 1.4 replacing
// "3 per year" is "1.4 per year".
#include "scenarios/section_readers.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "scenarios/data_file.hpp"
#include "scenarios/yaml_document.hpp"

namespace maillage::loader {
namespace {

class OverrideWalk {
public:
  OverrideWalk(LoaderContext& ctx, const std::string& path, const std::string& value)
      : ctx_(ctx), path_(path), value_(value) {}

  /** Sets the value at path[pos...] below `node`, reached by `walked` (`parent[parent_key]`
   *  is node when parent is a map), recording each path written in `set`. */
  void walk(YAML::Node node, YAML::Node parent, const std::string& parent_key, std::size_t pos,
            const std::string& walked) {
    if (pos < path_.size() && path_[pos] == '[') return item_step(node, parent, parent_key, pos, walked);
    const auto end = path_.find_first_of(".[", pos);
    const bool last = end == std::string::npos;
    const std::string k = path_.substr(pos, last ? std::string::npos : end - pos);
    if (k.empty()) return fail("expected a key path like demand.care_types.gp_acute.rate");
    if (!node.IsMap() || (!last && !node[k]))
      return fail("no key \"" + short_text(k) + "\"" + (walked.empty() ? "" : " under \"" + walked + "\""));
    if (last) return assign(node[k], key(walked, k));
    walk(node[k], node, k, path_[end] == '.' ? end + 1 : end, key(walked, k));
  }

  std::vector<std::string> set;     ///< the paths written, list items by index
  std::vector<std::string> scaled;  ///< those a relative change wrote

private:
  void item_step(YAML::Node node, YAML::Node parent, const std::string& parent_key, std::size_t pos,
                 const std::string& walked) {
    if (node.IsScalar() && parent.IsMap()) {
      // A list kept in a file of its own (supply.practices: data/x.yaml): bring it into
      // the tree so the override can reach its items; their errors still name that file.
      const std::string file = join_path(ctx_.base_dir, node.Scalar());
      try {
        std::vector<Diagnostic> ignored;  // the list's own problems are reported when it is read
        if (auto list = parse_yaml_file(file, ignored)) {
          parent[parent_key] = *list;
          node.reset(parent[parent_key]);
          ctx_.r.add_included(walked, file);
        }
      } catch (const DataFileError&) {
        // Not a readable file: the "no item" message below says what is wrong.
      }
    }
    const auto close = path_.find(']', pos);
    const std::string sel = close == std::string::npos ? "" : path_.substr(pos + 1, close - pos - 1);
    if (sel.empty())
      return fail("expected an index like [0], an id like [msp-mer] or [*] after \"" + walked + "\"");
    std::size_t next = close + 1;
    if (next < path_.size() && path_[next] == '.') ++next;
    const bool last = next >= path_.size();
    if (!node.IsSequence()) return fail("\"" + walked + "\" has no item [" + short_text(sel) + "]");
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (!selects(sel, node[i], i)) continue;
      const std::string item = idx(walked, i);
      if (last) assign(node[i], item);
      else walk(node[i], node, "", next, item);
      if (sel != "*") return;
    }
    if (sel != "*")
      fail("\"" + walked + "\" has no item [" + short_text(sel) + "] (it has " + std::to_string(node.size()) + ")");
  }

  /** Whether item i is the one [sel] names: its index, its id, or any (*). */
  static bool selects(const std::string& sel, const YAML::Node& item, std::size_t i) {
    if (sel == "*") return true;
    if (sel.find_first_not_of("0123456789") == std::string::npos) {
      errno = 0;
      const unsigned long long n = std::strtoull(sel.c_str(), nullptr, 10);
      return errno == 0 && n == i;  // an index too large for any list selects nothing
    }
    return item.IsMap() && item["id"] && item["id"].IsScalar() && item["id"].Scalar() == sel;
  }

  void assign(YAML::Node target, const std::string& at) {
    try {
      YAML::Node value = value_.size() > 1 && value_[0] == '*' ? YAML::Node(value_) : YAML::Load(value_);
      if (const auto factor = scale_factor(value)) {
        if (!scale(target, *factor, at)) return;
      } else if (!factor.has_value() && scale_requested(value)) {
        return fail("expected a scale like \"*0.9\" or {scale: 0.9}: a number from 0 up, got " +
                    short_text(value_));
      } else if (const auto unit = bare_number(value) ? unit_of(target) : std::nullopt) {
        target = value.Scalar() + *unit;
      } else {
        target = value;
      }
      set.push_back(at);
    } catch (const YAML::Exception& e) {
      fail("the value is not valid YAML: " + e.msg);
    }
  }

  /** Whether the value asks for a relative change: "*x" or {scale: x}. */
  static bool scale_requested(const YAML::Node& v) {
    if (v.IsScalar()) return !v.Scalar().empty() && v.Scalar()[0] == '*';
    return v.IsMap() && v.size() == 1 && v["scale"];
  }

  /** The factor of a relative change, if the value is one and its factor parses. */
  static std::optional<double> scale_factor(const YAML::Node& v) {
    if (!scale_requested(v)) return std::nullopt;
    const std::string text = v.IsScalar() ? v.Scalar().substr(1) : (v["scale"].IsScalar() ? v["scale"].Scalar() : "");
    char* end = nullptr;
    errno = 0;
    const double f = std::strtod(text.c_str(), &end);
    if (text.empty() || errno != 0 || *end != '\0' || !std::isfinite(f) || f < 0) return std::nullopt;
    return f;
  }

  /** Whether the value is a number alone (1.4, 2e-3), with no unit of its own. */
  static bool bare_number(const YAML::Node& v) {
    if (!v.IsScalar()) return false;
    const std::string& t = v.Scalar();
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(t.c_str(), &end);
    return !t.empty() && *end == '\0' && errno == 0 && std::isfinite(x);
  }

  /** The unit the value being replaced is written with (" per year" of "3 per year",
   *  "min" of "15min"), if it is a number followed by a unit (a word, after optional
   *  spaces); "08:00-12:00" or a plain number have none. */
  static std::optional<std::string> unit_of(const YAML::Node& target) {
    if (!target.IsDefined() || !target.IsScalar()) return std::nullopt;
    const std::string& old = target.Scalar();
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(old.c_str(), &end);
    if (end == old.c_str() || errno != 0 || !std::isfinite(x)) return std::nullopt;
    const std::string rest(end);
    const auto word = rest.find_first_not_of(' ');
    if (word == std::string::npos || !std::isalpha(static_cast<unsigned char>(rest[word]))) return std::nullopt;
    return rest;
  }

  /** Multiplies the number `target` starts with; false (and a diagnostic) when it has none. */
  bool scale(YAML::Node target, double factor, const std::string& at) {
    const std::string old = target.IsScalar() ? target.Scalar() : "";
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(old.c_str(), &end);
    if (old.empty() || end == old.c_str() || errno != 0 || !std::isfinite(x)) {
      fail("\"" + at + "\" is not a number to scale" + (old.empty() ? "" : ", it is " + short_text(old)));
      return false;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12g", x * factor);
    target = std::string(buf) + end;
    scaled.push_back(at);
    return true;
  }

  void fail(const std::string& message) {
    ctx_.diags.push_back({"override " + path_, 0, 0, path_, message});
  }

  LoaderContext& ctx_;
  const std::string& path_;
  const std::string& value_;
};

}  // namespace

void apply_overrides(LoaderContext& ctx, YAML::Node& root, const std::vector<Override>& overrides) {
  std::vector<std::string> paths, scaled;
  for (const auto& [path, value] : overrides) {
    OverrideWalk w(ctx, path, value);
    w.walk(root, YAML::Node(), "", 0, "");
    // Errors in a value set name the override rather than a line of the file.
    if (w.set.empty()) paths.push_back(path);
    paths.insert(paths.end(), w.set.begin(), w.set.end());
    scaled.insert(scaled.end(), w.scaled.begin(), w.scaled.end());
  }
  ctx.r.set_overridden(std::move(paths));
  ctx.r.set_scaled(std::move(scaled));
}

}  // namespace maillage::loader
