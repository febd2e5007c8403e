// The loader's shared state: resolving names (communes, technologies, remote pools) and
// reading the CSV files a scenario points at.
#include "scenarios/loader_context.hpp"

#include <filesystem>

namespace maillage::loader {

std::string join_path(const std::string& dir, const std::string& file) {
  if (file.empty() || file[0] == '/' || dir.empty() || dir == ".") return file;
  return (std::filesystem::path(dir) / file).lexically_normal().string();
}

bool LoaderContext::removed(const std::string& id) {
  if (!removed_ids.count(id)) return false;
  removed_found.insert(id);
  return true;
}

std::shared_ptr<const CsvTable> LoaderContext::read_csv(const YAML::Node& n, const Path& path,
                                                        std::initializer_list<const char*> columns) {
  const std::string file = join_path(base_dir, n.Scalar());
  std::shared_ptr<const CsvTable> table;
  if (files)
    if (const auto it = files->csv.find(file); it != files->csv.end()) table = it->second;
  if (!table) {
    try {
      table = std::make_shared<const CsvTable>(CsvTable::read(file));
    } catch (const std::exception& e) {
      r.error(n, path, e.what());
      return nullptr;
    }
    if (files) files->csv.emplace(file, table);
  }
  const CsvTable& t = *table;
  std::string missing, all;
  for (const char* c : columns) {
    all += (all.empty() ? "" : ",") + std::string(c);
    if (t.column(c) < 0) missing += (missing.empty() ? "" : ", ") + std::string(c);
  }
  if (!missing.empty()) {
    r.error(n, path, file + ": missing column(s) " + missing + " (expected " + all + ")");
    return nullptr;
  }
  return table;
}

std::optional<std::size_t> LoaderContext::commune_ref(const YAML::Node& n, const Path& path, YamlReader& r) {
  auto code = r.text(n, path);
  if (!code || !communes_ok) return std::nullopt;
  const auto it = commune_index.find(*code);
  if (it != commune_index.end()) return it->second;
  r.error(n, path, "unknown commune " + quote(*code) + " (not in territory.communes)");
  return std::nullopt;
}

std::optional<std::size_t> LoaderContext::technology_ref(const YAML::Node& n, const Path& path) {
  auto name = r.text(n, path);
  if (!name) return std::nullopt;
  const auto it = technology_index.find(*name);
  if (it != technology_index.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [k, v] : technology_index) names.push_back(k);
  const std::string guess = closest_word(*name, names);
  r.error(n, path, "unknown technology " + quote(*name) + " (not in territory.network.technologies" +
                        (guess.empty() ? ")" : "; did you mean " + quote(guess) + "?)"));
  return std::nullopt;
}

std::optional<std::size_t> LoaderContext::pool_ref(const YAML::Node& n, const Path& path, YamlReader& r) {
  auto name = r.text(n, path);
  if (!name) return std::nullopt;
  const auto it = pool_index.find(*name);
  if (it != pool_index.end()) return it->second;
  r.error(n, path, "unknown remote pool " + quote(*name) + " (not in supply.remote_pools)");
  return std::nullopt;
}

}  // namespace maillage::loader
