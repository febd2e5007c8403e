#include "scenarios/report.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <vector>

#include "models/scenario.hpp"
#include "scenarios/care_type_label.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report_first_screen.hpp"
#include "scenarios/report_map.hpp"
#include "scenarios/report_verdict.hpp"
#include "scenarios/results_folder.hpp"
#include "scenarios/session_causes.hpp"
#include "scenarios/wait_change.hpp"
#include "scenarios/site_ranking.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {
namespace {


std::string interval(double lo, double hi, int decimals, Lang lang = Lang::en) {
  return std::isnan(lo) ? "" : "[" + number(lo, decimals, lang) + "; " + number(hi, decimals, lang) + "]";
}


const char* const kColours[] = {"#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30638e", "#6b4226"};

/** A chart's size; a small panel sits beside others (one per care type), under one legend. */
struct ChartSize {
  double width = 720, height = 220;
  bool panel = false;
  std::string note;  ///< under a panel's title, in small type
};

/** The plans' colours, as the charts draw them. */
void legend(std::ostream& out, const std::vector<std::string>& plans) {
  for (std::size_t p = 0; p < plans.size(); ++p)
    out << "<span style=\"color:" << kColours[p % (sizeof kColours / sizeof *kColours)] << "\">&#9632; " << escape(plans[p])
        << "</span> ";
}

/** A line chart of one weekly measure, a line per plan (the mean over replications), the
 *  warm-up shaded. */
void chart(std::ostream& out, const ResultTable& series, const std::string& title, double warmup_weeks, int last_week, Lang lang,
           const std::function<double(const ResultTable::Row&)>& value, ChartSize size = {}) {
  std::map<std::string, std::map<int, std::pair<double, int>>> lines;  // plan -> week -> (sum, n)
  const auto plans = series.first_keys();
  int weeks = 0;
  double top = 0.0;
  for (const auto& row : series.rows) {
    const int week = static_cast<int>(series.value(row, "week"));
    if (week > last_week) continue;
    const double v = value(row);
    if (std::isnan(v)) continue;
    auto& acc = lines[row.keys[0]][week];
    acc.first += v, acc.second += 1;
    weeks = std::max(weeks, week);
  }
  for (auto& [plan, by_week] : lines)
    for (auto& [week, acc] : by_week) top = std::max(top, acc.first / acc.second);
  if (weeks == 0 || top <= 0) return;
  const double w = size.width, h = size.height, left = 50, bottom = 30, right = 10, up = 10;
  auto x = [&](double week) { return left + (week - 1) / std::max(1, weeks - 1) * (w - left - right); };
  auto y = [&](double v) { return h - bottom - v / top * (h - bottom - up); };
  if (size.panel)
    out << "<figure style=\"display:inline-block;vertical-align:top;width:" << w << "px;margin:0 1em 1em 0\"><figcaption>" << escape(title)
        << (size.note.empty() ? "" : "<br><span style=\"font-weight:normal;font-size:12px;color:#666\">" + escape(size.note) + "</span>")
        << "</figcaption>\n";
  else
    out << "<figure><figcaption>" << escape(title) << "</figcaption>\n";
  out << "<svg viewBox=\"0 0 " << w << ' ' << h
      << "\" width=\"" << w << "\" height=\"" << h << "\" role=\"img\">\n";
  if (warmup_weeks > 0)
    out << "<rect x=\"" << fixed(left, 1) << "\" y=\"" << up << "\" width=\"" << fixed(x(std::min<double>(warmup_weeks + 1, weeks)) - left, 1)
        << "\" height=\"" << h - bottom - up << "\" fill=\"#eee\"/><text x=\"" << left + 4 << "\" y=\"" << up + 12
        << "\" font-size=\"11\" fill=\"#888\">" << escape(word("r.warmup", lang)) << "</text>\n";
  out << "<line x1=\"" << left << "\" y1=\"" << h - bottom << "\" x2=\"" << w - right << "\" y2=\"" << h - bottom
      << "\" stroke=\"#444\"/><line x1=\"" << left << "\" y1=\"" << up << "\" x2=\"" << left << "\" y2=\"" << h - bottom
      << "\" stroke=\"#444\"/>\n";
  const int decimals = top < 1 ? 3 : top < 10 ? 1 : 0;
  for (double f : {0.0, 0.5, 1.0})
    out << "<text x=\"" << left - 4 << "\" y=\"" << fixed(y(f * top) + 4, 1) << "\" font-size=\"11\" text-anchor=\"end\">"
        << number(f * top, decimals, lang) << "</text>\n";
  for (int week : {1, (weeks + 1) / 2, weeks})
    out << "<text x=\"" << fixed(x(week), 1) << "\" y=\"" << h - bottom + 14 << "\" font-size=\"11\" text-anchor=\""
        << (week == 1 ? "start" : week == weeks ? "end" : "middle") << "\">" << escape(word("r.week", lang)) << ' ' << week << "</text>\n";
  for (std::size_t p = 0; p < plans.size(); ++p) {
    const auto it = lines.find(plans[p]);
    if (it == lines.end()) continue;
    const char* colour = kColours[p % (sizeof kColours / sizeof *kColours)];
    out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"1.5\" points=\"";
    for (const auto& [week, acc] : it->second) out << fixed(x(week), 1) << ',' << fixed(y(acc.first / acc.second), 1) << ' ';
    out << "\"/>\n";
  }
  if (size.panel) return void(out << "</svg></figure>\n");  // the legend: once under the panels
  out << "</svg><br>";
  legend(out, plans);
  out << "</figure>\n";
}

/** The last week of a timeseries table to chart: the needs of later weeks (from the last,
 *  every plan and replication) are over `share` still under way when the run ended (a year past
 *  the horizon: a site that never opened again): their served share and waits would be those
 *  of the quick ones only. `suffix` "" reads the columns over all care types, ".<ct>" a care
 *  type's; an infinite share gives the number of weeks. */
int last_full_week(const ResultTable& t, const std::string& suffix, double share) {
  const int e = t.value_index("episodes" + suffix), s = t.value_index("served" + suffix), u = t.value_index("unserved" + suffix);
  std::map<int, std::pair<double, double>> open;  // week -> (in progress, episodes)
  for (const auto& row : t.rows) {
    auto& o = open[static_cast<int>(t.value(row, "week"))];
    const auto v = [&](int column) { return row.values[static_cast<std::size_t>(column)]; };
    o.first += v(e) - v(s) - v(u);
    o.second += v(e);
  }
  int last = open.empty() ? 0 : open.rbegin()->first;
  for (auto it = open.rbegin(); it != open.rend() && it->second.first > share * it->second.second; ++it) last = it->first - 1;
  return last;
}

void measures_table(std::ostream& out, const RunResult& r, Lang lang) {
  const auto plans = r.kpis.first_keys();
  const bool has_baseline = std::find(plans.begin(), plans.end(), "baseline") != plans.end();
  const double days = r.kpis.rows.empty() ? std::nan("") : r.kpis.value(r.kpis.rows[0], "period_days");
  const bool per_year = !std::isnan(days) && std::fabs(days - 365) > 0.5;
  const std::string period = std::isnan(days) ? word("r.period", lang) : fill(word("r.days_measured", lang), number(days, days == std::floor(days) ? 0 : 1, lang));
  out << "<h2>" << escape(word("h.measures", lang)) << "</h2>\n<p>" << escape(fill(word("r.counts_over", lang), period))
      << (per_year ? escape(word("r.not_a_year", lang)) : "") << escape(word("r.measures_intro", lang))
      << escape(word("r.interval_note", lang)) << escape(word("r.clipped", lang)) << "</p>\n";
  // One table per plan, side by side when they fit: a column group per plan made the
  // table twice the page's width.
  const std::string ci = "<th>" + escape(word("t.interval", lang)) + "</th>", py = per_year ? "<th>" + escape(word("t.per_year", lang)) + "</th>" : "";
  for (const auto& p : plans) {
    const bool compared = p != "baseline" && has_baseline;
    out << "<div class=\"plan\"><h3>" << escape(plan_label(p, lang)) << "</h3>\n<table>\n<tr><th>" << escape(word("t.measure", lang)) << "</th><th>"
        << escape(word("t.mean", lang)) << "</th>" << ci << py;
    if (compared) out << "<th>" << escape(word("t.difference", lang)) << "</th>" << ci << py;
    out << "</tr>\n";
    auto row_of = [&](const ShownMeasure& m, const std::string& label) {
      const auto it = std::find_if(r.kpis.rows.begin(), r.kpis.rows.end(),
                                   [&](const ResultTable::Row& k) { return k.keys[0] == p && k.keys[1] == m.column; });
      if (it == r.kpis.rows.end()) return;
      const auto signed_value = [&](double v) { return std::string(v > 0 ? "+" : "") + number(v, m.decimals, lang); };
      // A reason under its total ("  too far") is indented: HTML drops the leading spaces.
      const bool under = label.rfind("  ", 0) == 0;
      out << "<tr><td" << (under ? " class=\"under\"" : "") << ">" << escape(under ? label.substr(2) : label) << "</td><td>"
          << number(r.kpis.value(*it, "mean"), m.decimals, lang) << "</td><td>"
          << interval(r.kpis.value(*it, "ci_low"), r.kpis.value(*it, "ci_high"), m.decimals, lang)
          << (r.kpis.value(*it, "ci_adjusted") == 1 ? "*" : "") << "</td>";
      if (per_year) out << "<td>" << number(r.kpis.value(*it, "mean_per_year"), m.decimals, lang) << "</td>";
      if (compared) {
        const double d = r.kpis.value(*it, "diff"), lo = r.kpis.value(*it, "diff_low"), hi = r.kpis.value(*it, "diff_high");
        if (!std::isnan(d) && unchanged(d, lo, hi, m.decimals))
          out << "<td>" << escape(word("t.unchanged", lang)) << "</td><td></td>";
        else
          out << "<td>" << signed_value(d) << "</td><td>" << interval(lo, hi, m.decimals, lang) << "</td>";
        if (per_year) out << "<td>" << (!std::isnan(d) && unchanged(d, lo, hi, m.decimals) ? "" : signed_value(r.kpis.value(*it, "diff_per_year"))) << "</td>";
      }
      out << "</tr>\n";
    };
    for (const auto& m : shown_measures()) row_of(m, measure_label(m.column, lang, m.label));
    // Per care type, as the printed summary: the share unserved and the mean wait (each
    // care type's own: their waits differ in kind).
    for (const auto& c : r.summary.value_columns)
      if (const auto ct = care_type_row(r, c, lang)) row_of({c.c_str(), "", ct->decimals}, ct->label);
    out << "</table></div>\n";
  }
}

void ranking_table(std::ostream& out, const SiteRanking& s, Lang lang) {
  const ResultTable& t = s.ranking;
  const std::string m = objective_measure(*s.scenario.site_selection);
  const int decimals = m == "unserved" || m == "ed_visits" ? 0 : 2;
  const std::string label = measure_label(m, lang, m);
  auto th = [&](const std::string& key) { return "<th>" + escape(word(key, lang)) + "</th>"; };
  out << "<h2>" << escape(word("h.selection", lang)) << "</h2>\n<p>" << escape(word("r.screen", lang))
      << escape(screen_label(s.screen, false, lang)) << escape(fill(word("r.ranked_by", lang), label)) << "</p>\n<table>\n<tr>"
      << th("r.rank") << th("r.option") << th("r.screen_rank") << th("r.screen_value") << "<th>" << escape(label) << "</th>"
      << th("t.interval") << th("r.diff_winner") << th("t.interval");
  // The wait of each care type the sites serve, never one mean over care types.
  const auto waits = site_wait_measures(*s.scenario.site_selection);
  for (const auto& w : waits) out << "<th>" << escape(wait_column_heading(s.run, w, lang)) << "</th>";
  out << th("t.eur_a_year") << th("r.found_by") << "</tr>\n";
  for (const auto& row : t.rows) {
    const bool winner = t.value(row, "rank") == 1;
    // An objective that cannot be negative has no negative interval end (as in kpis.csv).
    const double low = t.value(row, "objective_low");
    out << "<tr><td>" << number(t.value(row, "rank"), 0, lang) << "</td><td>" << escape(plan_label(row.keys[0], lang)) << "</td><td>"
        << number(t.value(row, "analytic_rank"), 0, lang) << "</td><td>" << number(t.value(row, "analytic_value"), 4, lang)
        << "</td><td>" << number(t.value(row, "objective"), decimals, lang) << "</td><td>"
        << interval(is_non_negative(m) && low < 0 ? 0.0 : low, t.value(row, "objective_high"), decimals, lang) << "</td><td>"
        << (winner ? escape(word("r.winner", lang))
                   : (t.value(row, "diff_to_winner") > 0 ? "+" : "") + number(t.value(row, "diff_to_winner"), decimals, lang))
        << "</td><td>"
        << (winner ? "" : interval(t.value(row, "diff_low"), t.value(row, "diff_high"), decimals, lang)) << "</td>";
    for (const auto& w : waits)
      out << "<td>" << number(t.value(row, w), 2, lang) << " " << interval(t.value(row, w + "_low"), t.value(row, w + "_high"), 2, lang)
          << "</td>";
    out << "<td>" << number(t.value(row, "annual_cost"), 0, lang) << "</td><td class=\"wrap\">"
        << escape(row.keys[0] != "baseline" ? row.keys[1]
                  : word(s.scenario.site_selection->replaces.empty() ? "r.today_none" : "r.today_current", lang))
        << "</td></tr>\n";
  }
  out << "</table>\n";
  for (const auto& line : verdict_lines(s, lang)) out << "<p>" << escape(line) << "</p>\n";
}

/** The verdict of a gain (cost_verdict's words), with euros per unit and their interval
 *  only for a sure gain at a price ("ratio"); `suffix` is ".<care type>" for a wait. */
std::string verdict_cell(const ResultTable& t, const ResultTable::Row& row, const std::string& verdict, const std::string& ratio,
                         const std::string& suffix, Lang lang) {
  if (verdict == "ratio")
    return number(t.value(row, ratio + suffix), 2, lang) + " " + escape(word("v." + ratio, lang)) + " " +
           interval(t.value(row, ratio + "_low" + suffix), t.value(row, ratio + "_high" + suffix), 2, lang);
  return verdict.empty() ? std::string() : escape(word("v." + verdict, lang));
}

/** One row per plan: its annual cost and, per measure, the gain a year with its verdict (the
 *  ratio and its interval only for a sure gain at a price). Then the wait, one row per plan
 *  and care type: the days off its mean wait and their verdict (never days summed over
 *  care types, which mix a same-day need's hours with a specialist's months). */
void costs_table(std::ostream& out, const RunResult& r, Lang lang) {
  const ResultTable& t = r.cost_effectiveness;
  struct Measure { const char *verdict, *gain, *ratio, *gain_label, *label; };
  static const Measure kMeasures[] = {
      {"verdict_served", "extra_served_per_year", "eur_per_extra_served", "ce.served_gain", "ce.served_verdict"},
      {"verdict_km", "km_avoided_per_year", "eur_per_km_avoided", "ce.km_gain", "ce.km_verdict"}};
  auto key_of = [&](const ResultTable::Row& row, const std::string& column) {
    const auto k = static_cast<std::size_t>(std::find(t.key_columns.begin(), t.key_columns.end(), column) - t.key_columns.begin());
    return k < row.keys.size() ? row.keys[k] : std::string();
  };
  out << "<table>\n<tr><th>" << escape(word("ce.plan", lang)) << "</th><th>" << escape(word("ce.annual_cost_eur", lang))
      << "</th><th>" << escape(word("ce.extra_annual_cost_eur", lang)) << "</th>";
  for (const auto& m : kMeasures)
    out << "<th>" << escape(word(m.gain_label, lang)) << "</th><th>" << escape(word(m.label, lang)) << "</th>";
  out << "</tr>\n";
  for (const auto& row : t.rows) {
    out << "<tr><td>" << escape(row.keys[0]) << "</td><td>" << number(t.value(row, "annual_cost_eur"), 0, lang) << "</td><td>"
        << number(t.value(row, "extra_annual_cost_eur"), 0, lang) << "</td>";
    for (const auto& m : kMeasures) {
      const double gain = t.value(row, m.gain);
      out << "<td>" << (std::isnan(gain) ? "" : std::string(gain > 0 ? "+" : "") + number(gain, 0, lang)) << "</td><td>"
          << verdict_cell(t, row, key_of(row, m.verdict), m.ratio, "", lang) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table>\n";
  const std::string prefix = "verdict_wait.";
  std::vector<std::string> types;
  for (const auto& k : t.key_columns)
    if (k.rfind(prefix, 0) == 0) types.push_back(k.substr(prefix.size()));
  const bool compared = std::any_of(t.rows.begin(), t.rows.end(), [&](const ResultTable::Row& row) {
    return !types.empty() && !key_of(row, prefix + types[0]).empty();
  });
  if (!compared) return;
  out << "<p>" << escape(word("ce.waits_intro", lang)) << "</p>\n<table>\n<tr><th>" << escape(word("ce.plan", lang)) << "</th><th>"
      << escape(word("ce.wait_change", lang)) << "</th><th>" << escape(word("ce.wait_verdict", lang)) << "</th></tr>\n";
  for (const auto& row : t.rows)
    for (const auto& ct : types) {
      const std::string verdict = key_of(row, prefix + ct), suffix = "." + ct;
      if (verdict.empty()) continue;
      out << "<tr><td>" << escape(row.keys[0]) << "</td><td class=\"wrap\">"
          << escape(wait_change(care_type_label(r, ct, lang), t.value(row, "wait_days_shorter" + suffix), t.value(row, "wait_days_shorter_low" + suffix),
                                t.value(row, "wait_days_shorter_high" + suffix), lang))
          << "</td><td>" << verdict_cell(t, row, verdict, "eur_per_day_shorter", suffix, lang) << "</td></tr>\n";
    }
  out << "</table>\n";
}

/** `differences`: each plan's map against the baseline (`maillage select` draws its options
 *  against the winner instead). */
void maps(std::ostream& out, const CommuneAggregate& a, const MapFrame& frame, Lang lang, bool differences) {
  const Scenario& sc = frame.scenario;
  if (a.plans.empty()) return;
  const std::string& base = a.plans[0];
  out << "<h2>" << escape(word("h.maps", lang)) << "</h2>\n<p>"
      << escape(word(sc.outlines ? "map.intro_outlines" : "map.intro_points", lang)) << "</p>\n";
  const struct { const char* column; int decimals; } shown[] = {{"unserved_share", 3}, {"wait_days_mean", 2}, {"apl", 2},
                                                                {"without_gp_share", 3}};
  auto draw = [&](const std::string& column, const std::string& label, int decimals) {
    auto values = a.means(base, column);
    if (values.empty()) return;
    CommuneMap map{plan_label(base, lang) + colon(lang) + label, values, false, decimals};
    map.french = lang == Lang::fr;
    write_commune_map(out, frame, map);
  };
  for (const auto& m : shown) {
    // The wait, one map per care type: over all of them, a commune near an ophthalmologist
    // (whose needs are served, months ahead) would look worse off than one far from any.
    bool by_care_type = false;
    const std::string prefix = std::string(m.column) + ".";
    if (prefix == "wait_days_mean.")
      for (const auto& c : a.measures)
        if (c.rfind(prefix, 0) == 0)
          draw(c, care_type_label(sc, c.substr(prefix.size()), lang) + word("t.ct_wait", lang), m.decimals), by_care_type = true;
    if (!by_care_type) draw(m.column, measure_label(m.column, lang, m.column), m.decimals);
  }
  for (const auto& plan : a.plans) {
    if (plan == base || !differences) continue;
    auto diff = a.differences(plan, base, "unserved_share");
    if (diff.empty()) continue;
    CommuneMap map{plan + " " + word("map.minus", lang) + " " + plan_label(base, lang) + colon(lang) + word("map.diff_unserved", lang),
                   diff, true, 3};
    map.french = lang == Lang::fr;
    write_commune_map(out, frame, map);
    // With panels: where residents lose their médecin traitant (the plan's doctors who leave).
    auto without = a.differences(plan, base, "without_gp_share");
    if (without.empty()) continue;
    CommuneMap lost{plan + " " + word("map.minus", lang) + " " + base + ": " + word("map.diff_without_gp", lang), without, true, 3};
    lost.french = lang == Lang::fr;
    write_commune_map(out, frame, lost);
  }
}

/** `maillage select`: the winner's map (its objective by commune, its sites), then one map
 *  per other option: its difference to the winner, the sites it shares with the winner, the
 *  ones it adds and the winner's it leaves out. */
void option_maps(std::ostream& out, const SiteRanking& s, const CommuneAggregate& a, const MapFrame& frame, Lang lang) {
  const Scenario& sc = frame.scenario;
  const ResultTable& t = s.ranking;
  std::string winner;
  std::vector<std::string> options;  // ranking order, the baseline left out
  for (const auto& row : t.rows) {
    if (t.value(row, "rank") == 1) winner = row.keys[0];
    if (row.keys[0] != "baseline") options.push_back(row.keys[0]);
  }
  if (winner.empty() || a.plan_index(winner) < 0) return;
  // The objective by commune: a count follows population, so unserved is mapped as a share.
  std::string measure = objective_measure(*s.scenario.site_selection);
  if (measure == "unserved" || a.measure_index(measure) < 0) measure = "unserved_share";
  if (a.measure_index(measure) < 0) return;
  const int decimals = measure == "unserved_share" ? 3 : measure == "ed_visits" || measure == "travel_km" ? 0 : 2;
  std::map<std::string, std::size_t> commune_of;
  for (std::size_t c = 0; c < sc.communes.size(); ++c) commune_of.emplace(sc.communes[c].insee, c);
  std::map<std::string, std::map<std::string, std::string>> sites;  // option -> site id -> tooltip
  std::map<std::string, std::pair<double, double>> where;           // site id -> (lon, lat)
  const ResultTable& st = s.sites;
  auto key = [&](const char* column) {
    return static_cast<std::size_t>(std::find(st.key_columns.begin(), st.key_columns.end(), column) - st.key_columns.begin());
  };
  const std::size_t k_id = key("id"), k_insee = key("insee"), k_name = key("name");
  for (const auto& row : st.rows) {
    if (k_insee >= row.keys.size() || k_id >= row.keys.size()) continue;
    const auto c = commune_of.find(row.keys[k_insee]);
    if (c == commune_of.end()) continue;
    const std::string& id = row.keys[k_id];
    sites[row.keys[0]][id] = id + (k_name < row.keys.size() && !row.keys[k_name].empty() ? " (" + row.keys[k_name] + ")" : "") +
                             ", " + sc.communes[c->second].name;
    where[id] = {sc.communes[c->second].lon, sc.communes[c->second].lat};
  }
  auto mark = [&](const std::string& id, const std::string& tip, MapMark::Kind kind) {
    return MapMark{where[id].first, where[id].second, kind, tip};
  };
  out << "<h2>" << escape(word("map.options", lang)) << "</h2>\n<p>" << escape(word("map.options_intro", lang)) << "</p>\n";
  const std::string label = measure_label(measure, lang, measure);
  CommuneMap first{winner + " (" + word("map.winner", lang) + ")" + colon(lang) + label, a.means(winner, measure), false, decimals};
  for (const auto& [id, tip] : sites[winner]) first.marks.push_back(mark(id, tip, MapMark::chosen));
  first.mark_words = {word("map.sites_of", lang) + " " + winner};
  first.french = lang == Lang::fr;
  write_commune_map(out, frame, first);
  for (const auto& option : options) {
    if (option == winner || a.plan_index(option) < 0) continue;
    CommuneMap m{fill(fill(word("map.option_minus_winner", lang), option), winner) + " (" + label + ")",
                 a.differences(option, winner, measure), true, decimals};
    const auto& mine = sites[option];
    const auto& theirs = sites[winner];
    for (const auto& [id, tip] : mine)
      m.marks.push_back(mark(id, tip, theirs.count(id) ? MapMark::chosen : MapMark::added));
    for (const auto& [id, tip] : theirs)
      if (!mine.count(id)) m.marks.push_back(mark(id, tip, MapMark::removed));
    m.mark_words = {word("map.sites_of", lang) + " " + option, word("map.added", lang), word("map.removed", lang)};
    m.french = lang == Lang::fr;
    write_commune_map(out, frame, m);
  }
}

}  // namespace

void write_report(const RunResult& r, const ReportContext& c, std::ostream& out) {
  out << "<!doctype html>\n<html lang=\"" << (c.lang == Lang::fr ? "fr" : "en") << "\"><head><meta charset=\"utf-8\"><title>Maillage: " << escape(c.title)
      << "</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
         "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;"
         "text-align:right;white-space:nowrap}td:first-child,th:first-child{text-align:left;white-space:normal}figure{margin:1em 0}"
         "figcaption{font-weight:bold;font-size:14px}.plan{display:inline-block;vertical-align:top;margin-right:2em}#first-screen li{margin:.4em 0}td.under{padding-left:1.6em}td.wrap{white-space:normal;text-align:left}dt{font-weight:bold}</style></head><body>\n"
      << "<h1>" << escape(c.title) << "</h1>\n<p>" << escape(note(r.replications_note, c.lang)) << "</p>\n";
  write_first_screen(r, c, out);
  if (c.ranking) ranking_table(out, *c.ranking, c.lang);
  // The maps before the detailed tables: a council reads the words, then the territory.
  if (c.scenario) {
    const CommuneAggregate own = c.communes ? CommuneAggregate{} : aggregate_communes(r, *c.scenario);
    const MapFrame frame(*c.scenario);  // every map of the report on the same projection
    maps(out, c.communes ? *c.communes : own, frame, c.lang, !c.ranking);
    if (c.ranking) option_maps(out, *c.ranking, c.communes ? *c.communes : own, frame, c.lang);
  }
  measures_table(out, r, c.lang);
  session_causes_html(out, r.utilisation, r.kpis.first_keys(), c.lang);
  if (!r.cost_effectiveness.rows.empty()) {
    out << "<h2>" << escape(word("h.costs", c.lang)) << "</h2>\n<p>" << escape(word("r.costs_intro", c.lang)) << "</p>\n";
    costs_table(out, r, c.lang);
  }
  if (!r.timeseries.rows.empty()) {
    out << "<h2>" << escape(word("h.weeks", c.lang)) << "</h2>\n<p>" << escape(word("r.weeks_intro", c.lang)) << "</p>\n";
    const double warm = std::ceil(c.warmup_seconds / (7 * 86400.0));
    const ResultTable& t = r.timeseries;
    const int weeks = last_full_week(t, "", std::numeric_limits<double>::infinity());
    const int last_week = last_full_week(t, "", 0.01);
    auto cut_note = [&] {
      if (last_week + 1 == weeks)
        out << "<p>" << escape(fill(word("r.week_cut", c.lang), std::to_string(weeks))) << "</p>\n";
      else if (last_week < weeks)
        out << "<p>" << escape(fill(word("r.weeks_cut", c.lang), {std::to_string(last_week + 1), std::to_string(weeks)})) << "</p>\n";
    };
    // The wait per care type, each on its own scale: over all of them an ophthalmologist's
    // months flatten a GP's hours. Each panel ends at its own care type's tail.
    std::vector<std::string> care_types;
    const std::string prefix = "wait_days_mean.";
    for (const auto& col : t.value_columns)
      if (col.rfind(prefix, 0) == 0 && t.value_index("episodes." + col.substr(prefix.size())) >= 0) care_types.push_back(col.substr(prefix.size()));
    if (care_types.empty()) {
      cut_note();
      chart(out, t, word("r.chart_wait", c.lang), warm, last_week, c.lang, [&](const ResultTable::Row& row) { return t.value(row, "wait_days_mean"); });
    } else {
      out << "<h3>" << escape(word("r.chart_wait_ct", c.lang)) << "</h3>\n<div>";
      for (const auto& ct : care_types) {
        const int last = last_full_week(t, "." + ct, 0.01);
        const int column = t.value_index(prefix + ct);
        chart(out, t, care_type_label(r, ct, c.lang), warm, last, c.lang, [&](const ResultTable::Row& row) { return row.values[static_cast<std::size_t>(column)]; },
              {340, 170, true, last < weeks ? fill(word("r.panel_cut", c.lang), std::to_string(last + 1)) : ""});
      }
      out << "</div>\n<p>";
      legend(out, t.first_keys());
      out << "</p>\n";
      cut_note();
    }
    chart(out, t, word("r.chart_unserved", c.lang), warm, last_week, c.lang, [&](const ResultTable::Row& row) {
      const double e = t.value(row, "episodes");
      return e > 0 ? t.value(row, "unserved") / e : std::nan("");
    });
    // Where needs overflow to the ED: a count that climbs through the year is a queue not
    // yet settled (a warm-up too short, or demand above what the supply can take).
    const bool ed = std::any_of(t.rows.begin(), t.rows.end(), [&](const ResultTable::Row& row) { return t.value(row, "ed_visits") > 0; });
    if (ed) chart(out, t, word("r.chart_ed", c.lang), warm, last_week, c.lang, [&](const ResultTable::Row& row) { return t.value(row, "ed_visits"); });
  }
  out << "<p>" << escape(word("t.csv_note", c.lang)) << "</p>\n</body></html>\n";
}

void write_report(const RunResult& r, const ReportContext& c, const std::string& path) {
  std::ostringstream out;
  write_report(r, c, out);
  write_file(path, out.str());
}

}  // namespace maillage
