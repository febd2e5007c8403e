#include "scenarios/report.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <vector>

#include "models/scenario.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report_first_screen.hpp"
#include "scenarios/report_map.hpp"
#include "scenarios/results_folder.hpp"
#include "scenarios/session_causes.hpp"
#include "scenarios/site_ranking.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {
namespace {


std::string interval(double lo, double hi, int decimals, Lang lang = Lang::en) {
  return std::isnan(lo) ? "" : "[" + number(lo, decimals, lang) + "; " + number(hi, decimals, lang) + "]";
}


const char* const kColours[] = {"#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30638e", "#6b4226"};

/** A line chart of one weekly measure, a line per plan (the mean over replications), the
 *  warm-up shaded. */
void chart(std::ostream& out, const ResultTable& series, const std::string& title, double warmup_weeks,
           const std::function<double(const ResultTable::Row&)>& value) {
  std::map<std::string, std::map<int, std::pair<double, int>>> lines;  // plan -> week -> (sum, n)
  const auto plans = series.first_keys();
  int weeks = 0;
  double top = 0.0;
  for (const auto& row : series.rows) {
    const int week = static_cast<int>(series.value(row, "week"));
    const double v = value(row);
    if (std::isnan(v)) continue;
    auto& acc = lines[row.keys[0]][week];
    acc.first += v, acc.second += 1;
    weeks = std::max(weeks, week);
  }
  for (auto& [plan, by_week] : lines)
    for (auto& [week, acc] : by_week) top = std::max(top, acc.first / acc.second);
  if (weeks == 0 || top <= 0) return;
  const double w = 720, h = 220, left = 50, bottom = 30, right = 10, up = 10;
  auto x = [&](double week) { return left + (week - 1) / std::max(1, weeks - 1) * (w - left - right); };
  auto y = [&](double v) { return h - bottom - v / top * (h - bottom - up); };
  out << "<figure><figcaption>" << escape(title) << "</figcaption>\n<svg viewBox=\"0 0 " << w << ' ' << h
      << "\" width=\"" << w << "\" height=\"" << h << "\" role=\"img\">\n";
  if (warmup_weeks > 0)
    out << "<rect x=\"" << fixed(left, 1) << "\" y=\"" << up << "\" width=\"" << fixed(x(std::min<double>(warmup_weeks + 1, weeks)) - left, 1)
        << "\" height=\"" << h - bottom - up << "\" fill=\"#eee\"/><text x=\"" << left + 4 << "\" y=\"" << up + 12
        << "\" font-size=\"11\" fill=\"#888\">warm-up</text>\n";
  out << "<line x1=\"" << left << "\" y1=\"" << h - bottom << "\" x2=\"" << w - right << "\" y2=\"" << h - bottom
      << "\" stroke=\"#444\"/><line x1=\"" << left << "\" y1=\"" << up << "\" x2=\"" << left << "\" y2=\"" << h - bottom
      << "\" stroke=\"#444\"/>\n";
  const int decimals = top < 1 ? 3 : top < 10 ? 1 : 0;
  for (double f : {0.0, 0.5, 1.0})
    out << "<text x=\"" << left - 4 << "\" y=\"" << fixed(y(f * top) + 4, 1) << "\" font-size=\"11\" text-anchor=\"end\">"
        << fixed(f * top, decimals) << "</text>\n";
  for (int week : {1, (weeks + 1) / 2, weeks})
    out << "<text x=\"" << fixed(x(week), 1) << "\" y=\"" << h - bottom + 14 << "\" font-size=\"11\" text-anchor=\""
        << (week == 1 ? "start" : week == weeks ? "end" : "middle") << "\">week " << week << "</text>\n";
  for (std::size_t p = 0; p < plans.size(); ++p) {
    const auto it = lines.find(plans[p]);
    if (it == lines.end()) continue;
    const char* colour = kColours[p % (sizeof kColours / sizeof *kColours)];
    out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"1.5\" points=\"";
    for (const auto& [week, acc] : it->second) out << fixed(x(week), 1) << ',' << fixed(y(acc.first / acc.second), 1) << ' ';
    out << "\"/>\n";
  }
  out << "</svg><br>";
  for (std::size_t p = 0; p < plans.size(); ++p)
    out << "<span style=\"color:" << kColours[p % (sizeof kColours / sizeof *kColours)] << "\">&#9632; " << escape(plans[p])
        << "</span> ";
  out << "</figure>\n";
}

void measures_table(std::ostream& out, const RunResult& r, Lang lang) {
  const auto plans = r.kpis.first_keys();
  const bool has_baseline = std::find(plans.begin(), plans.end(), "baseline") != plans.end();
  const double days = r.kpis.rows.empty() ? std::nan("") : r.kpis.value(r.kpis.rows[0], "period_days");
  const bool per_year = !std::isnan(days) && std::fabs(days - 365) > 0.5;
  out << "<h2>" << escape(word("h.measures", lang)) << "</h2>\n<p>Counts over " << escape(period_label(days))
      << (per_year ? " (the period is not a year: counts are also given per year)" : "")
      << ". Mean over replications and its 95% interval; for each plan, the difference to the baseline, paired on "
         "common random numbers. "
      << escape(std::string(kIntervalNote)) << " (* clipped).</p>\n<table>\n<tr><th>" << escape(word("t.measure", lang)) << "</th>";
  const std::string ci = "<th>" + escape(word("t.interval", lang)) + "</th>", py = per_year ? "<th>" + escape(word("t.per_year", lang)) + "</th>" : "";
  for (const auto& p : plans) {
    out << "<th>" << escape(p) << "</th>" << ci << py;
    if (p != "baseline" && has_baseline) out << "<th>" << escape(word("t.difference", lang)) << "</th>" << ci << py;
  }
  out << "</tr>\n";
  for (const auto& m : shown_measures()) {
    std::string row = "<tr><td>" + escape(measure_label(m.column, lang, m.label)) + "</td>";
    bool any = false;
    for (const auto& p : plans) {
      const auto it = std::find_if(r.kpis.rows.begin(), r.kpis.rows.end(),
                                   [&](const ResultTable::Row& k) { return k.keys[0] == p && k.keys[1] == m.column; });
      const int cells = (2 + per_year) * (p != "baseline" && has_baseline ? 2 : 1);
      if (it == r.kpis.rows.end()) {
        for (int i = 0; i < cells; ++i) row += "<td></td>";
        continue;
      }
      any = true;
      const auto signed_value = [&](double v) { return std::string(v > 0 ? "+" : "") + number(v, m.decimals, lang); };
      row += "<td>" + number(r.kpis.value(*it, "mean"), m.decimals, lang) + "</td><td>" +
             interval(r.kpis.value(*it, "ci_low"), r.kpis.value(*it, "ci_high"), m.decimals, lang) +
             (r.kpis.value(*it, "ci_adjusted") == 1 ? "*" : "") + "</td>";
      if (per_year) row += "<td>" + number(r.kpis.value(*it, "mean_per_year"), m.decimals, lang) + "</td>";
      if (p != "baseline" && has_baseline) {
        row += "<td>" + signed_value(r.kpis.value(*it, "diff")) + "</td><td>" +
               interval(r.kpis.value(*it, "diff_low"), r.kpis.value(*it, "diff_high"), m.decimals, lang) + "</td>";
        if (per_year) row += "<td>" + signed_value(r.kpis.value(*it, "diff_per_year")) + "</td>";
      }
    }
    if (any) out << row << "</tr>\n";
  }
  out << "</table>\n";
}

void ranking_table(std::ostream& out, const SiteRanking& s, Lang lang) {
  const ResultTable& t = s.ranking;
  const std::string m = objective_measure(s.scenario.site_selection->objective);
  const int decimals = m == "unserved" || m == "ed_visits" ? 0 : 2;
  out << "<h2>" << escape(word("h.selection", lang)) << "</h2>\n<p>Analytic screen: " << escape(s.screen.value_label)
      << ". Ranked by simulation on common random numbers, by <code>" << escape(m) << "</code> (lower is better).</p>\n"
      << "<table>\n<tr><th>rank</th><th>option</th><th>screen rank</th><th>screen value</th><th>" << escape(m)
      << "</th><th>95% interval</th><th>difference to the winner</th><th>95% interval</th><th>EUR a year</th><th>found by</th></tr>\n";
  for (const auto& row : t.rows)
    out << "<tr><td>" << fixed(t.value(row, "rank"), 0) << "</td><td>" << escape(row.keys[0]) << "</td><td>"
        << fixed(t.value(row, "analytic_rank"), 0) << "</td><td>" << fixed(t.value(row, "analytic_value"), 4) << "</td><td>"
        << fixed(t.value(row, "objective"), decimals) << "</td><td>"
        << interval(t.value(row, "objective_low"), t.value(row, "objective_high"), decimals) << "</td><td>"
        << fixed(t.value(row, "diff_to_winner"), decimals) << "</td><td>"
        << interval(t.value(row, "diff_low"), t.value(row, "diff_high"), decimals) << "</td><td>"
        << fixed(t.value(row, "annual_cost"), 0) << "</td><td>" << escape(row.keys[1]) << "</td></tr>\n";
  out << "</table>\n";
  for (const auto& line : s.verdict) out << "<p>" << escape(line) << "</p>\n";
}

void plain_table(std::ostream& out, const ResultTable& t) {
  out << "<table>\n<tr>";
  for (const auto& c : t.key_columns) out << "<th>" << escape(c) << "</th>";
  for (const auto& c : t.value_columns) out << "<th>" << escape(c) << "</th>";
  out << "</tr>\n";
  for (const auto& row : t.rows) {
    out << "<tr>";
    for (const auto& k : row.keys) out << "<td>" << escape(k) << "</td>";
    for (double v : row.values) out << "<td>" << (std::isnan(v) ? "" : fixed(v, std::fabs(v) >= 100 || v == std::floor(v) ? 0 : 2)) << "</td>";
    out << "</tr>\n";
  }
  out << "</table>\n";
}

/** Per commune (scenario order), the mean over replications of one by_commune column for
 *  one plan; NaN where the plan has no row. */
std::vector<double> commune_means(const RunResult& r, const Scenario& sc, const std::string& plan, const std::string& column) {
  std::map<std::string, std::size_t> index;
  for (std::size_t c = 0; c < sc.communes.size(); ++c) index.emplace(sc.communes[c].insee, c);
  std::vector<std::pair<double, int>> acc(sc.communes.size(), {0.0, 0});
  const auto& t = r.by_commune;
  if (std::find(t.value_columns.begin(), t.value_columns.end(), column) == t.value_columns.end()) return {};
  for (const auto& row : t.rows) {
    if (row.keys.size() < 3 || row.keys[0] != plan) continue;
    const auto it = index.find(row.keys[2]);
    const double v = t.value(row, column);
    if (it == index.end() || std::isnan(v)) continue;
    acc[it->second].first += v, acc[it->second].second += 1;
  }
  std::vector<double> out;
  for (const auto& [sum, n] : acc) out.push_back(n ? sum / n : std::nan(""));
  return out;
}

void maps(std::ostream& out, const RunResult& r, const Scenario& sc, Lang lang) {
  std::vector<std::string> plans = r.by_commune.first_keys();
  if (plans.empty()) return;
  const std::string base = std::find(plans.begin(), plans.end(), "baseline") != plans.end() ? "baseline" : plans[0];
  out << "<h2>" << escape(word("h.maps", lang)) << "</h2>\n<p>By commune, mean over replications. "
      << (sc.outlines ? "Commune outlines" : "Points at the communes' centres, sized by population")
      << "; squares: practices, crosses: hospitals. Hover a commune for its INSEE code and value.</p>\n";
  const struct { const char* column; const char* label; int decimals; } shown[] = {
      {"unserved_share", "unserved share", 3}, {"wait_days_mean", "mean wait (days)", 2}, {"apl", "APL (consultations per inhabitant a year)", 2},
      {"without_gp_share", "share without a médecin traitant", 3}};
  for (const auto& m : shown) {
    auto values = commune_means(r, sc, base, m.column);
    if (values.empty()) continue;
    write_commune_map(out, sc, {base + ": " + measure_label(m.column, lang, m.label), values, false, m.decimals});
  }
  const auto base_share = commune_means(r, sc, base, "unserved_share");
  if (base_share.empty()) return;
  for (const auto& plan : plans) {
    if (plan == base) continue;
    auto diff = commune_means(r, sc, plan, "unserved_share");
    for (std::size_t c = 0; c < diff.size(); ++c) diff[c] -= base_share[c];
    write_commune_map(out, sc, {plan + " minus " + base + ": unserved share (red: more unserved, worse)", diff, true, 3});
    // With panels: where residents lose their médecin traitant (the plan's doctors who leave).
    const auto base_without = commune_means(r, sc, base, "without_gp_share");
    auto without = commune_means(r, sc, plan, "without_gp_share");
    if (base_without.empty() || without.empty()) continue;
    for (std::size_t c = 0; c < without.size(); ++c) without[c] -= base_without[c];
    write_commune_map(out, sc, {plan + " minus " + base + ": share without a médecin traitant (red: more without, worse)",
                                without, true, 3});
  }
}

}  // namespace

void write_report(const RunResult& r, const ReportContext& c, std::ostream& out) {
  out << "<!doctype html>\n<html lang=\"" << (c.lang == Lang::fr ? "fr" : "en") << "\"><head><meta charset=\"utf-8\"><title>Maillage: " << escape(c.title)
      << "</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
         "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;"
         "text-align:right}td:first-child,th:first-child{text-align:left}figure{margin:1em 0}"
         "figcaption{font-weight:bold;font-size:14px}#first-screen li{margin:.4em 0}dt{font-weight:bold}</style></head><body>\n"
      << "<h1>" << escape(c.title) << "</h1>\n<p>" << escape(r.replications_note) << "</p>\n";
  write_first_screen(r, c, out);
  if (c.ranking) ranking_table(out, *c.ranking, c.lang);
  measures_table(out, r, c.lang);
  if (c.scenario) maps(out, r, *c.scenario, c.lang);
  session_causes_html(out, r.utilisation, r.kpis.first_keys(), c.lang);
  if (!r.cost_effectiveness.rows.empty()) {
    out << "<h2>" << escape(word("h.costs", c.lang)) << "</h2>\n<p>Annual cost (capital spread over its years) and, against the baseline, the gains per "
           "year (km avoided: km driven, baseline minus plan) with a verdict per measure: <i>dominant</i> (a sure gain "
           "for no more money), <i>dominated</i> (more money, surely no better), <i>no sure gain</i> (the gain's 95% "
           "interval includes zero), <i>cheaper, worse</i>, or <i>ratio</i>: only then euros per extra served episode, "
           "per km and per wait-day avoided, with 95% intervals.</p>\n";
    plain_table(out, r.cost_effectiveness);
  }
  if (!r.timeseries.rows.empty()) {
    out << "<h2>" << escape(word("h.weeks", c.lang)) << "</h2>\n<p>From the start, warm-up included (by the week needs arose), averaged over "
           "replications: the warm-up should cover the start-up transient.</p>\n";
    const double warm = std::ceil(c.warmup_seconds / (7 * 86400.0));
    const ResultTable& t = r.timeseries;
    chart(out, t, "wait (days), mean", warm, [&](const ResultTable::Row& row) { return t.value(row, "wait_days_mean"); });
    chart(out, t, "unserved share", warm, [&](const ResultTable::Row& row) {
      const double e = t.value(row, "episodes");
      return e > 0 ? t.value(row, "unserved") / e : std::nan("");
    });
  }
  out << "<p>" << escape(word("t.csv_note", c.lang)) << "</p>\n</body></html>\n";
}

void write_report(const RunResult& r, const ReportContext& c, const std::string& path) {
  std::ostringstream out;
  write_report(r, c, out);
  write_file(path, out.str());
}

}  // namespace maillage
