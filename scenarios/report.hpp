#pragma once
// report.html: one self-contained page (no script, no external file) a person can open or
// mail: the main measures of every plan with their intervals and differences, the costs,
// the weekly series with the warm-up shaded, and for `maillage select` the ranking and its
// verdict. Byte-identical for the same results (no date, no machine name).
#include <ostream>
#include <string>

#include "models/experiment.hpp"

namespace maillage {

struct Scenario;
struct SiteRanking;

struct ReportContext {
  std::string title;           ///< the scenario's name
  double warmup_seconds = 0.0;  ///< shaded in the weekly charts
  const SiteRanking* ranking = nullptr;  ///< `maillage select`: the ranking first
  const Scenario* scenario = nullptr;    ///< its communes and sites: the maps (none when null)
};

void write_report(const RunResult& result, const ReportContext& context, std::ostream& out);
/** Throws std::runtime_error when the file cannot be written. */
void write_report(const RunResult& result, const ReportContext& context, const std::string& path);

}  // namespace maillage
