#pragma once
// Why video sessions were degraded or failed, per site: read from the utilisation table's
// session columns (models/remote_care.cpp fills them), pooled over replications, in words a
// planner reads ("100% of 412 sessions degraded: the upload of its adsl line, 0.8 Mbps").
#include <ostream>
#include <string>
#include <vector>

#include "engine/result_table.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {

/** A site whose sessions were degraded or failed, over all replications of a plan. */
struct SessionCause {
  std::string resource, kind, insee;
  double sessions = 0, degraded = 0, failed = 0;
  int replications = 0;  ///< rows pooled: the printed counts are per replication
  std::string limited_by{}, technology{};  ///< the worse direction most often, and the site's technology then
  double line_mbps = 0;                ///< that technology's nominal rate that way
  double video_mbps = 0;               ///< the video rate asked
};

/** The plan's sites with degraded or failed sessions, the most affected first, then the
 *  remote pools likewise. */
std::vector<SessionCause> session_causes(const ResultTable& utilisation, const std::string& plan);

/** One line per site (at most `max_lines`, then how many more), empty when no session was
 *  degraded or failed. */
std::vector<std::string> session_cause_lines(const ResultTable& utilisation, const std::string& plan, Lang lang,
                                             std::size_t max_lines = 8);

/** The report's "Network" section: each plan's lines; nothing when no session was degraded
 *  or failed. */
void session_causes_html(std::ostream& out, const ResultTable& utilisation, const std::vector<std::string>& plans, Lang lang);

}  // namespace maillage
