#pragma once
// report.html's first screen: for each plan against the baseline, in words and numbers, the
// three questions (more needs served? shorter waits, care type by care type? less driving?)
// with their 95% intervals, per year; the costs and verdict; the run's assumptions; a glossary.
#include <ostream>
#include <string>
#include <vector>

#include "models/experiment.hpp"
#include "scenarios/report.hpp"

namespace maillage {

/** One sentence per plan other than the baseline, e.g. "new-msps: 39,700 more needs served
 *  a year [35,300; 44,100]; gp_acute mean wait 0.13 days shorter [0.10; 0.16]; other care
 *  types' waits unchanged; ..." (plain text). */
std::vector<std::string> first_screen_sentences(const RunResult& result, Lang lang);

/** Above this share of a care type's needs still booked at the horizon (in any plan), its
 *  mean wait leaves out enough of the longest waits to read low: the first screen says so. */
constexpr double kCensoredShare = 0.02;
/** One sentence per such care type (plain text). */
std::vector<std::string> censored_waits(const RunResult& result, Lang lang);

void write_first_screen(const RunResult& result, const ReportContext& context, std::ostream& out);

}  // namespace maillage
