#include "scenarios/care_type_label.hpp"

namespace maillage {

std::string care_type_label(const CareTypeLabel& label, const std::string& key, Lang lang) {
  const std::string& own = lang == Lang::fr ? label.fr : label.en;
  const std::string& other = lang == Lang::fr ? label.en : label.fr;
  return !own.empty() ? own : !other.empty() ? other : key;
}

std::string care_type_label(const RunResult& run, const std::string& key, Lang lang) {
  const auto it = run.care_type_labels.find(key);
  return it == run.care_type_labels.end() ? key : care_type_label(it->second, key, lang);
}

std::string care_type_label(const Scenario& scenario, const std::string& key, Lang lang) {
  for (const auto& ct : scenario.care_types)
    if (ct.name == key) return care_type_label(ct.label, key, lang);
  return key;
}

}  // namespace maillage
