#pragma once
// report.html: one self-contained page (no script, no external file) a person can open or
// mail: the main measures of every plan with their intervals and differences, the costs,
// the weekly series with the warm-up shaded, and for `maillage select` the ranking and its
// verdict. Byte-identical for the same results (no date, no machine name).
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "models/experiment.hpp"
#include "scenarios/commune_aggregate.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {

struct Scenario;
struct SiteRanking;

struct ReportContext {
  std::string title;           ///< the scenario's name
  double warmup_seconds = 0.0;  ///< shaded in the weekly charts
  const SiteRanking* ranking = nullptr;  ///< `maillage select`: the ranking first
  const Scenario* scenario = nullptr;    ///< its communes and sites: the maps (none when null)
  Lang lang = Lang::en;                  ///< the reader's language (`--lang fr`)
  std::optional<std::uint64_t> seed;     ///< the seed run (--seed); default: the scenario's
  /** The per-commune means the maps show, shared with the GIS layers; computed here when
   *  null and a scenario is given. */
  const CommuneAggregate* communes = nullptr;
};

void write_report(const RunResult& result, const ReportContext& context, std::ostream& out);
/** Throws std::runtime_error when the file cannot be written. */
void write_report(const RunResult& result, const ReportContext& context, const std::string& path);

}  // namespace maillage
