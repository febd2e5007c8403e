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

CareTypeLabel wait_measure_label(const Scenario& scenario, const std::string& measure) {
  const std::string wait = "wait_days_mean.";
  if (measure.rfind(wait, 0) != 0) return {};
  for (const auto& ct : scenario.care_types)
    if (ct.name == measure.substr(wait.size())) return ct.label;
  return {};
}

std::optional<CareTypeRow> care_type_row(const RunResult& run, const std::string& column, Lang lang) {
  const auto dot = column.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const std::string base = column.substr(0, dot), ct = column.substr(dot + 1);
  if (base == "unserved_share") return CareTypeRow{care_type_label(run, ct, lang) + word("t.ct_unserved", lang), 4};
  if (base == "wait_days_mean") return CareTypeRow{care_type_label(run, ct, lang) + word("t.ct_wait", lang), 2};
  return std::nullopt;
}

std::string wait_column_heading(const RunResult& run, const std::string& measure, Lang lang) {
  const auto dot = measure.find('.');
  return fill(word("p.wait_col", lang),
              dot == std::string::npos ? word("p.all_care_types", lang) : care_type_label(run, measure.substr(dot + 1), lang));
}

}  // namespace maillage
