#pragma once
// A care type as a person reads it: its display name (the scenario's `label:`) in the
// report's language, else its key. The CSV and JSON outputs keep the keys.
#include <string>

#include "models/experiment.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {

/** `label` in `lang`; when it has none, the other language's; when neither, `key`. */
std::string care_type_label(const CareTypeLabel& label, const std::string& key, Lang lang);

/** The care type `key` of a run as a person reads it (the key when the run has no label for it). */
std::string care_type_label(const RunResult& run, const std::string& key, Lang lang);

/** The care type `key` of a scenario as a person reads it (the key when it has none such). */
std::string care_type_label(const Scenario& scenario, const std::string& key, Lang lang);

}  // namespace maillage
