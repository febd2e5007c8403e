#pragma once
// Writes a run's tables as CSV files and prints the summary table. Numbers are formatted
// the same way on every run (shortest round-trip form), missing values are empty cells:
// same scenario, seed and binary give byte-identical files.
#include <ostream>
#include <string>
#include <vector>

#include "engine/result_table.hpp"
#include "models/experiment.hpp"
#include "scenarios/report_words.hpp"
#include "scenarios/site_ranking.hpp"

namespace maillage {

/** A measure of the printed tables and the report, with its label and decimals. */
struct ShownMeasure {
  const char* column;
  const char* label;
  int decimals;
};
const std::vector<ShownMeasure>& shown_measures();

/** A number for a person: fixed decimals, "-" when missing, no "-0". */
std::string fixed(double v, int decimals);

/** A difference and its interval that all show as zero at `decimals`: said "unchanged",
 *  not "0.00 [0.00, 0.00]". */
bool unchanged(double diff, double low, double high, int decimals);

/** Formats a value for CSV: "" for NaN, integers without a decimal point, others with the
 *  shortest representation that reads back to the same double. */
std::string format_value(double v);

void write_csv(const ResultTable& table, std::ostream& out);
/** Throws std::runtime_error with the OS's reason when the file cannot be written. */
void write_csv(const ResultTable& table, const std::string& path);

/** Writes summary.csv, kpis.csv, by_commune.csv, utilisation.csv, timeseries.csv (and the
 *  network's and costs' tables when there are) into the existing folder `dir`: a
 *  ResultsFolder's staging folder, so that they replace the previous results together. */
void write_outputs(const RunResult& result, const std::string& dir);

/** The first plan's weeks, averaged over replications, with the warm-up marked: to see
 *  whether the warm-up covers the start-up transient. */
void print_series(const RunResult& result, double warmup_seconds, std::ostream& out);

/** What the intervals shown mean beyond Student-t: clipped at 0, quantiles' resolution. */
extern const char* const kIntervalNote;

/** "76 days measured": the period counts are over. */
std::string period_label(double days);

/** A table a person reads: the main measures per plan, mean and 95% interval, per year
 *  when the measured period is not one; then the cost-effectiveness. */
void print_summary(const RunResult& result, std::ostream& out, Lang lang = Lang::en);

/** Per plan, its annual cost and per measure its verdict, or euros per unit for a sure gain;
 *  the wait care type by care type (result.cost_effectiveness; the care types' labels). */
void print_cost_effectiveness(const RunResult& result, std::ostream& out, Lang lang = Lang::en);

/** The site-selection ranking a person reads: rank, option, the screen's rank and value,
 *  the objective's mean and interval, the paired difference to the winner; then the
 *  verdict. */
void print_ranking(const SiteRanking& ranking, std::ostream& out, Lang lang = Lang::en);

/** Writes the run's files, selection.csv (the ranking), selection_sites.csv and report.html. */
void write_ranking(const SiteRanking& ranking, const std::string& dir, Lang lang = Lang::en);

}  // namespace maillage
