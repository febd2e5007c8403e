// Overrides (--set KEY=VALUE, a plan's set:) written into the YAML tree before it is read.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void apply_overrides(LoaderContext& ctx, YAML::Node& root, const std::vector<Override>& overrides) {
  std::vector<std::string> paths;
  for (const auto& [path, value] : overrides) {
    // Walk "a.b[2].c" through maps and lists; the last step may create a map key.
    YAML::Node node = root, parent;
    std::string walked, parent_key;
    std::size_t pos = 0;
    bool ok = true;
    while (ok && pos < path.size()) {
      if (path[pos] == '[') {
        if (node.IsScalar() && parent.IsMap()) {
          // A list kept in a file of its own (supply.practices: data/x.yaml): bring it into
          // the tree so the override can reach its items; their errors still name that file.
          const std::string file = join_path(ctx.base_dir, node.Scalar());
          try {
            parent[parent_key] = YAML::LoadFile(file);
            node.reset(parent[parent_key]);
            ctx.r.add_included(walked, file);
          } catch (const YAML::Exception&) {
            // Not a readable YAML file: the "no item" message below says what is wrong.
          }
        }
        const auto close = path.find(']', pos);
        const std::string digits = close == std::string::npos ? "" : path.substr(pos + 1, close - pos - 1);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
          ctx.diags.push_back({"override " + path, 0, 0, path, "expected an index like [0] after \"" + walked + "\""});
          ok = false;
          break;
        }
        const std::size_t i = std::stoul(digits);
        if (!node.IsSequence() || i >= node.size()) {
          ctx.diags.push_back({"override " + path, 0, 0, path,
                               "\"" + walked + "\" has no item [" + digits + "]" +
                                (node.IsSequence() ? " (it has " + std::to_string(node.size()) + ")" : "")});
          ok = false;
          break;
        }
        walked += "[" + digits + "]";
        node.reset(node[i]);
        pos = close + 1;
        if (pos < path.size() && path[pos] == '.') ++pos;
        continue;
      }
      const auto end = path.find_first_of(".[", pos);
      const std::string k = path.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      const bool last = end == std::string::npos;
      if (!node.IsMap() || (!last && !node[k])) {
        ctx.diags.push_back({"override " + path, 0, 0, path,
                             "no key \"" + k + "\"" + (walked.empty() ? "" : " under \"" + walked + "\"")});
        ok = false;
        break;
      }
      walked = key(walked, k);
      if (last) {
        try {
          node[k] = YAML::Load(value);
        } catch (const YAML::Exception& e) {
          ctx.diags.push_back({"override " + path, 0, 0, path, "the value is not valid YAML: " + e.msg});
        }
        break;
      }
      parent.reset(node);
      parent_key = k;
      node.reset(node[k]);
      pos = path[end] == '.' ? end + 1 : end;
    }
    paths.push_back(path);
  }
  ctx.r.set_overridden(std::move(paths));
}

}  // namespace maillage::loader
