#include "models/service.hpp"

#include <limits>

#include "models/simulation.hpp"

namespace maillage {

void Service::schedule(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  sim_.schedule(*this, time, kind, target, data);
}

void UtilisationRows::set_columns(ResultTable& t) {
  t.key_columns = {"plan", "replication", "resource", "kind", "insee", "limited_by", "technology"};
  t.value_columns = {"utilisation", "busy_hours", "open_hours", "queue_at_end", "sessions", "sessions_degraded_share",
                     "sessions_failed_share", "limiting_line_mbps", "video_mbps", "readings", "reading_wait_hours_mean"};
}

void UtilisationRows::add(const std::string& id, const std::string& kind, const std::string& insee, double busy,
                          double cap, double queue, const UtilisationDetail& d) {
  table.rows.push_back({{plan, replication, id, kind, insee, d.limited_by, d.technology},
                        {cap > 0 ? busy / cap : std::numeric_limits<double>::quiet_NaN(), busy / 3600.0, cap / 3600.0,
                         queue, d.sessions, d.sessions_degraded_share, d.sessions_failed_share, d.limiting_line_mbps, d.video_mbps,
                         d.readings, d.reading_wait_hours_mean}});
}

}  // namespace maillage
