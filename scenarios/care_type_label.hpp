#pragma once
// A care type as a person reads it: its display name (the scenario's `label:`) in the
// report's language, else its key. The CSV and JSON outputs keep the keys.
#include <optional>
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

/** The label of the care type whose mean wait `measure` is ("wait_days_mean.gp_acute"); empty
 *  for any other measure, or a care type without a label. */
CareTypeLabel wait_measure_label(const Scenario& scenario, const std::string& measure);

/** A per-care-type column of the summary ("wait_days_mean.gp_acute") as a table row reads it:
 *  its label and decimals; nullopt for the columns the tables do not show per care type. */
struct CareTypeRow {
  std::string label;
  int decimals = 2;
};
std::optional<CareTypeRow> care_type_row(const RunResult& run, const std::string& column, Lang lang);

/** The heading of a site-selection wait column ("wait_days_mean.gp_acute", or the overall
 *  "wait_days_mean"): its care type's label, or "all care types". */
std::string wait_column_heading(const RunResult& run, const std::string& measure, Lang lang);

}  // namespace maillage
