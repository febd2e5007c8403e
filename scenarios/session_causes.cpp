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
  const bool fr = lang == Lang::fr;
  const auto causes = session_causes(t, plan);
  std::vector<std::string> lines;
  for (const SessionCause& c : causes) {
    if (lines.size() == max_lines) {
      lines.push_back(std::to_string(causes.size() - max_lines) +
                      (fr ? " autres sites (utilisation.csv)" : " more sites (utilisation.csv)"));
      break;
    }
    const bool pool = c.kind == "remote_pool";
    std::string s = c.resource + " (" + c.kind + (c.insee.empty() ? "" : ", " + c.insee) + "): ";
    s += fixed(100 * c.degraded / c.sessions, 0) + (fr ? " % de " : "% of ") + fixed(c.sessions / std::max(1, c.replications), 0) +
         (fr ? " séances par réplication dégradées, " : " sessions a replication degraded, ") + fixed(100 * c.failed / c.sessions, 0) +
         (fr ? " % échouées" : "% failed");
    if (!c.limited_by.empty()) {
      const bool up = c.limited_by == "upload";
      const std::string way = fr ? (up ? "l'envoi (montant)" : "la réception (descendant)") : (up ? "the upload" : "the download");
      const std::string line = pool ? (fr ? "des lignes " : "of the patients' ") + c.technology + (fr ? " des patients" : " lines")
                                    : (fr ? "de sa ligne " : "of its ") + c.technology + (fr ? "" : " line");
      s += (fr ? "; limitées par " : "; limited by ") + way + " " + line + " (" + fixed(c.line_mbps, c.line_mbps < 10 ? 1 : 0) +
           (fr ? " Mbit/s nominal" : " Mbps nominal");
      // Below the video rate: the line itself; above it: the flows sharing it or the platform.
      const std::string video = fixed(c.video_mbps, c.video_mbps < 10 ? 1 : 0);
      if (c.line_mbps < c.video_mbps)
        s += fr ? ", sous les " + video + " Mbit/s de la vidéo)" : ", below the " + video + " Mbps video)";
      else
        s += fr ? " : partagée avec d'autres flux ou la plateforme)" : ": shared with other flows, or the platform's link)";
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
    if (!any)
      out << "<h2>" << (lang == Lang::fr ? "Réseau" : "Network") << "</h2>\n<p>"
          << escape(lang == Lang::fr ? "Les sites dont des séances vidéo ont été dégradées (sous le débit de la vidéo) ou ont "
                                       "échoué (sous le minimum), avec leurs séances par réplication, et ce qui les limitait le plus souvent."
                                     : "The sites whose video sessions were degraded (below the video rate) or failed (below "
                                       "the minimum), with their sessions per replication, and what limited them most often.")
          << "</p>\n";
    any = true;
    out << "<p><b>" << escape(plan) << "</b></p>\n<ul>\n";
    for (const auto& l : lines) out << "<li>" << escape(l) << "</li>\n";
    out << "</ul>\n";
  }
}

}  // namespace maillage
