#include "scenarios/session_causes.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "scenarios/output_writer.hpp"

namespace maillage {

std::vector<SessionCause> session_causes(const ResultTable& t, const std::string& plan) {
  const int sessions = t.value_index("sessions"), degraded = t.value_index("sessions_degraded_share"),
            failed = t.value_index("sessions_failed_share"), mbps = t.value_index("limiting_line_mbps");
  const auto key = [&](const char* name) {
    const auto it = std::find(t.key_columns.begin(), t.key_columns.end(), name);
    return it == t.key_columns.end() ? -1 : static_cast<int>(it - t.key_columns.begin());
  };
  const int limited_by = key("limited_by"), technology = key("technology"), video = t.value_index("video_mbps");
  if (sessions < 0 || degraded < 0 || failed < 0 || mbps < 0 || video < 0 || limited_by < 0 || technology < 0) return {};
  struct Pooled {
    SessionCause cause;
    std::map<std::pair<std::string, std::string>, std::pair<double, double>> ways;  // (way, technology) -> (sessions, Mbps)
  };
  std::vector<Pooled> sites;
  std::map<std::string, std::size_t> at;
  for (const auto& row : t.rows) {
    const double n = row.values[static_cast<std::size_t>(sessions)];
    if (row.keys[0] != plan || std::isnan(n) || n <= 0) continue;
    auto [it, fresh] = at.emplace(row.keys[2], sites.size());
    if (fresh) sites.push_back({{row.keys[2], row.keys[3], row.keys[4]}, {}});
    Pooled& p = sites[it->second];
    const double d = std::round(n * row.values[static_cast<std::size_t>(degraded)]),
                 f = std::round(n * row.values[static_cast<std::size_t>(failed)]);
    p.cause.sessions += n, p.cause.degraded += d, p.cause.failed += f;
    ++p.cause.replications;
    p.cause.video_mbps = std::max(p.cause.video_mbps, row.values[static_cast<std::size_t>(video)]);
    const std::string& way = row.keys[static_cast<std::size_t>(limited_by)];
    if (!way.empty()) {
      auto& w = p.ways[{way, row.keys[static_cast<std::size_t>(technology)]}];
      w.first += d + f, w.second = row.values[static_cast<std::size_t>(mbps)];
    }
  }
  std::vector<SessionCause> out;
  for (Pooled& p : sites) {
    if (p.cause.degraded + p.cause.failed <= 0) continue;
    double most = -1;
    for (const auto& [key, w] : p.ways)  // the way that limited most sessions (map order on a tie)
      if (w.first > most) most = w.first, p.cause.limited_by = key.first, p.cause.technology = key.second, p.cause.line_mbps = w.second;
    out.push_back(std::move(p.cause));
  }
  // The sites first (where a line can be upgraded), then the pools that pool them.
  std::stable_sort(out.begin(), out.end(), [](const SessionCause& a, const SessionCause& b) {
    const bool pa = a.kind == "remote_pool", pb = b.kind == "remote_pool";
    return pa != pb ? pb : a.degraded + a.failed > b.degraded + b.failed;
  });
  return out;
}

std::vector<std::string> session_cause_lines(const ResultTable& t, const std::string& plan, Lang lang, std::size_t max_lines) {
  const auto causes = session_causes(t, plan);
  std::vector<std::string> lines;
  for (const SessionCause& c : causes) {
    if (lines.size() == max_lines) {
      lines.push_back(fill(word_for("n.more_sites", std::to_string(causes.size() - max_lines), lang), std::to_string(causes.size() - max_lines)));
      break;
    }
    const bool pool = c.kind == "remote_pool";
    std::string s = c.resource + " (" + c.kind + (c.insee.empty() ? "" : ", " + c.insee) + "): ";
    s += fill(word("n.shares", lang), {fixed(100 * c.degraded / c.sessions, 0), fixed(c.sessions / std::max(1, c.replications), 0),
                                       fixed(100 * c.failed / c.sessions, 0)});
    if (!c.limited_by.empty()) {
      const std::string way = word(c.limited_by == "upload" ? "n.upload" : "n.download", lang);
      const std::string line = fill(word(pool ? "n.patients_lines" : "n.its_line", lang), c.technology);
      s += fill(word("n.limited", lang), {way, line, fixed(c.line_mbps, c.line_mbps < 10 ? 1 : 0)});
      // Below the video rate: the line itself; above it: the flows sharing it or the platform.
      if (c.line_mbps < c.video_mbps) s += fill(word("n.below_video", lang), fixed(c.video_mbps, c.video_mbps < 10 ? 1 : 0));
      else s += word("n.shared", lang);
    }
    lines.push_back(s);
  }
  return lines;
}

void session_causes_html(std::ostream& out, const ResultTable& t, const std::vector<std::string>& plans, Lang lang) {
  bool any = false;
  for (const auto& plan : plans) {
    const auto lines = session_cause_lines(t, plan, lang);
    if (lines.empty()) continue;
    if (!any) out << "<h2>" << escape(word("n.title", lang)) << "</h2>\n<p>" << escape(word("n.intro", lang)) << "</p>\n";
    any = true;
    out << "<p><b>" << escape(plan) << "</b></p>\n<ul>\n";
    for (const auto& l : lines) out << "<li>" << escape(l) << "</li>\n";
    out << "</ul>\n";
  }
}

}  // namespace maillage
