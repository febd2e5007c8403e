#include "scenarios/output_writer.hpp"

#include "models/warmup.hpp"
#include "scenarios/care_type_label.hpp"
#include "scenarios/gis_layers.hpp"
#include "scenarios/report.hpp"
#include "scenarios/report_verdict.hpp"
#include "scenarios/results_folder.hpp"
#include "scenarios/session_causes.hpp"
#include "scenarios/wait_change.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace maillage {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

const char* const kIntervalNote =
    "Medians and p90s come from a quantile sketch of 0.5% relative resolution: their intervals are at least that "
    "wide; intervals of measures that cannot be negative stop at 0";

const std::vector<ShownMeasure>& shown_measures() {
  static const std::vector<ShownMeasure> shown = {
      {"episodes", "episodes", 0},
      {"served", "served", 0},
      {"unserved", "unserved", 0},
      {"unserved_share", "unserved share", 4},
      {"unserved_too_far", "  too far", 0},
      {"unserved_too_long", "  too long", 0},
      {"unserved_network", "  network", 0},
      {"unserved_capacity", "  capacity", 0},
      {"in_progress", "still under way a year on", 0},
      // Over every care type at once (a same-day need and one booked months ahead mixed):
      // labelled so; each care type's own wait is printed below the table's measures.
      {"wait_days_mean", "wait (d), mean, all care types", 2},
      {"wait_days_median", "wait (d), median, all care types", 2},
      {"wait_days_p90", "wait (d), p90, all care types", 2},
      {"ed_visits", "ED visits", 0},
      {"travel_km", "travel (km)", 0},
      {"travel_min", "travel (min)", 0},
      {"travel_avoided_km", "travel avoided (km)", 0},
      {"travel_avoided_min", "travel avoided (min)", 0},
      {"travel_avoided_unreferenced", "  served remotely, no reference", 0},
      {"travel_detour_km", "travel detour (km)", 0},
      {"travel_detour_min", "travel detour (min)", 0},
      {"sessions_degraded", "sessions degraded", 0},
      {"sessions_failed", "sessions failed", 0},
      {"abandoned", "left a queue (patience)", 0},
      {"without_gp_residents", "no médecin traitant (people)", 0},  // with panels only
      {"without_gp_share", "no médecin traitant (share)", 4},
  };
  return shown;
}

std::string fixed(double v, int decimals) {
  if (std::isnan(v)) return "-";
  const std::string out = fixed_digits(v, decimals);
  // "-0" and "-0.00" read as a sign where there is none.
  return out.find_first_not_of("-0.") == std::string::npos ? out.substr(out[0] == '-' ? 1 : 0) : out;
}

bool unchanged(double diff, double low, double high, int decimals) {
  const std::string zero = fixed(0.0, decimals);
  return fixed(diff, decimals) == zero && (std::isnan(low) || (fixed(low, decimals) == zero && fixed(high, decimals) == zero));
}

std::string format_value(double v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    return std::string(buf, res.ptr);
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  return std::string(buf, res.ptr);
}

void write_csv(const ResultTable& t, std::ostream& out) {
  bool first = true;
  for (const auto& c : t.key_columns) out << (first ? "" : ",") << csv_field(c), first = false;
  for (const auto& c : t.value_columns) out << (first ? "" : ",") << csv_field(c), first = false;
  out << '\n';
  for (const auto& r : t.rows) {
    first = true;
    for (const auto& k : r.keys) out << (first ? "" : ",") << csv_field(k), first = false;
    for (double v : r.values) out << (first ? "" : ",") << format_value(v), first = false;
    out << '\n';
  }
}

void write_csv(const ResultTable& t, const std::string& path) {
  std::ostringstream out;
  write_csv(t, out);
  write_file(path, out.str());
}

void write_outputs(const RunResult& r, const std::string& dir) {
  write_csv(r.summary, dir + "/summary.csv");
  write_csv(r.kpis, dir + "/kpis.csv");
  write_csv(r.by_commune, dir + "/by_commune.csv");
  write_csv(r.utilisation, dir + "/utilisation.csv");
  write_csv(r.timeseries, dir + "/timeseries.csv");
  if (!r.links.rows.empty()) write_csv(r.links, dir + "/links.csv");
  if (!r.coverage.rows.empty()) write_csv(r.coverage, dir + "/coverage.csv");
  if (!r.costs.rows.empty()) write_csv(r.costs, dir + "/costs.csv");
  if (!r.cost_effectiveness.rows.empty()) write_csv(r.cost_effectiveness, dir + "/cost_effectiveness.csv");
}

void print_series(const RunResult& r, double warmup, std::ostream& out) {
  if (r.timeseries.rows.empty()) return;
  const std::string plan = r.timeseries.rows[0].keys[0];
  const WeeklyTotals t = weekly_totals(r.timeseries, plan);
  out << "plan " << plan << ", week by week (warm-up included; by the week needs arose):\n"
      << "  week     needs  unserved share  wait (days), mean, all care types  ED visits";
  // Then each care type's mean wait (weighted by the served), each with its own transient.
  std::vector<int> widths;
  for (const auto& c : t.care_types) {
    const std::string head = "wait " + c.name + " (d)";
    widths.push_back(static_cast<int>(std::max<std::size_t>(head.size(), 8)) + 2);
    out << std::setw(widths.back()) << head;
  }
  out << "\n";
  const auto warm_weeks = static_cast<std::size_t>(std::ceil(warmup / (7 * 86400.0)));
  for (std::size_t w = 0; w < t.weeks(); ++w) {
    if (w == warm_weeks && warm_weeks > 0) out << "  ---- end of warm-up ----\n";
    out << "  " << std::setw(4) << w + 1 << std::setw(10) << static_cast<long long>(t.episodes[w])
        << std::setw(16) << fixed(t.episodes[w] > 0 ? t.unserved[w] / t.episodes[w] : std::nan(""), 4) << std::setw(35)
        << fixed(t.wait_known[w] > 0 ? t.wait_sum[w] / t.wait_known[w] : std::nan(""), 2)
        // Summed over replications, like the needs: a count that grows week after week is a
        // queue above capacity sending ever more same-day needs to the emergency departments.
        << std::setw(11) << static_cast<long long>(t.ed_visits[w]);
    for (std::size_t i = 0; i < t.care_types.size(); ++i) {
      const auto& c = t.care_types[i];
      out << std::setw(widths[i]) << fixed(c.served[w] > 0 ? c.wait_served[w] / c.served[w] : std::nan(""), 2);
    }
    // Needs still under way when the run ended: their waits are unknown, the mean looks short.
    if (t.in_progress(w) > 0) out << "  censored: " << static_cast<long long>(t.in_progress(w)) << " still under way a year on";
    out << "\n";
  }
}

/** The period the counts are over, said the way a person reads it. */
std::string period_label(double days) {
  return std::isnan(days) ? "the measured period" : fixed(days, days == std::floor(days) ? 0 : 1) + " days measured";
}

void print_summary(const RunResult& r, std::ostream& out, Lang lang) {
  std::vector<std::string> plans;
  for (const auto& row : r.kpis.rows)
    if (plans.empty() || plans.back() != row.keys[0]) plans.push_back(row.keys[0]);
  const double days = r.kpis.rows.empty() ? std::nan("") : r.kpis.value(r.kpis.rows[0], "period_days");
  // Counts also per year when the period is not one.
  const bool per_year = !std::isnan(days) && std::fabs(days - 365) > 0.5;
  // Padded by characters, not bytes: French labels have accents.
  auto chars = [](const std::string& s) {
    return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  // The care types' rows, by their labels; the label column as wide as the longest.
  std::vector<std::tuple<std::string, std::string, int>> per_care_type;  // column, label, decimals
  int width = 32;
  for (const auto& c : r.summary.value_columns)
    if (const auto ct = care_type_row(r, c, lang)) per_care_type.emplace_back(c, ct->label, ct->decimals);
  for (const auto& [column, label, decimals] : per_care_type) width = std::max(width, chars(label) + 1);
  for (const auto& plan : plans) {
    int reps = 0;
    bool clipped = false;
    const bool compared = plan != "baseline" && std::find(plans.begin(), plans.end(), "baseline") != plans.end();
    const std::string period = lang == Lang::fr && !std::isnan(days)
                                   ? fixed(days, days == std::floor(days) ? 0 : 1) + " " + word("t.days_measured", lang)
                                   : period_label(days);
    out << "plan " << plan << " (" << word("t.counts_over", lang) << " " << period << ")\n";
    out << std::left << std::setw(width + 2) << "  " + word("t.measure", lang) << std::right << std::setw(14) << word("t.mean", lang)
        << std::setw(28) << word("t.interval", lang);
    if (per_year) out << std::setw(14) << word("t.per_year", lang);
    if (compared) out << std::setw(42) << word("t.difference_paired", lang);
    if (compared && per_year) out << std::setw(14) << word("t.per_year", lang);
    out << "\n";
    auto show = [&](const std::string& column, const std::string& label, int decimals) {
      for (const auto& row : r.kpis.rows) {
        if (row.keys[0] != plan || row.keys[1] != column) continue;
        const auto& v = row.values;
        reps = static_cast<int>(v[4]);
        const bool mark = r.kpis.value(row, "ci_adjusted") == 1;
        clipped |= mark;
        const std::string interval =
            std::isnan(v[1]) ? "-" : "[" + fixed(v[1], decimals) + ", " + fixed(v[2], decimals) + "]" + (mark ? "*" : "");
        const int n = chars(label);
        out << "  " << label << std::string(n < width ? width - n : 0, ' ') << std::setw(14) << fixed(v[0], decimals)
            << std::setw(28) << interval;
        if (per_year) out << std::setw(14) << fixed(r.kpis.value(row, "mean_per_year"), decimals);
        if (compared) {
          const std::string sign = v[5] > 0 ? "+" : "";
          const std::string diff = std::isnan(v[5])                       ? "-"
                                   : unchanged(v[5], v[6], v[7], decimals) ? word("t.unchanged", lang)
                                                                           : sign + fixed(v[5], decimals) +
                                                                                 (std::isnan(v[6]) ? "" : " [" + fixed(v[6], decimals) + ", " + fixed(v[7], decimals) + "]");
          out << std::setw(42) << diff;
          const double dy = r.kpis.value(row, "diff_per_year");
          if (per_year)
            out << std::setw(14)
                << (std::isnan(dy) ? "-" : !std::isnan(v[5]) && unchanged(v[5], v[6], v[7], decimals) ? "" : (dy > 0 ? "+" : "") + fixed(dy, decimals));
        }
        out << "\n";
      }
    };
    for (const auto& s : shown_measures()) show(s.column, lang == Lang::en ? s.label : measure_label(s.column, lang, s.label), s.decimals);
    // Per care type: the share unserved and the mean wait.
    for (const auto& [column, label, decimals] : per_care_type) show(column, label, decimals);
    out << "  (" << reps << " " << word(reps == 1 ? "t.replication" : "t.replications", lang) << word("t.student", lang)
        << (compared ? word("t.paired", lang) : "") << ")\n"
        << "  (" << (lang == Lang::fr ? word("t.interval_note", lang) : kIntervalNote) << (clipped ? word("t.clipped", lang) : "") << ")\n";
    for (const auto& row : r.kpis.rows)
      if (row.keys[0] == plan && row.keys[1] == "travel_avoided_unreferenced" && row.values[0] > 0)
        out << "  " << fill(word("t.unreferenced", lang), fixed(row.values[0], 0)) << "\n";
    const auto causes = session_cause_lines(r.utilisation, plan, lang);
    if (!causes.empty()) out << "  " << word("n.by_site", lang) << "\n";
    for (const auto& line : causes) out << "    " << line << "\n";
  }
  print_cost_effectiveness(r, out, lang);
}

void print_cost_effectiveness(const RunResult& r, std::ostream& out, Lang lang) {
  const ResultTable& t = r.cost_effectiveness;
  if (t.rows.empty()) return;
  struct Measure {
    std::size_t verdict;
    const char *label, *gain, *ratio, *unit;
    int decimals;
  };
  static const Measure kMeasures[] = {
      {1, "c.served", "extra_served_per_year", "eur_per_extra_served", "c.eur_per_extra_served", 0},
      {2, "c.km", "km_avoided_per_year", "eur_per_km_avoided", "v.eur_per_km_avoided", 0}};
  auto verdict_of = [&](const ResultTable::Row& row, const std::string& verdict, const std::string& ratio, const std::string& unit,
                        const std::string& suffix) {
    return verdict == "ratio" ? fixed(t.value(row, ratio + suffix), 2) + " " + word(unit, lang) + " [" +
                                    fixed(t.value(row, ratio + "_low" + suffix), 2) + ", " +
                                    fixed(t.value(row, ratio + "_high" + suffix), 2) + "]"
                              : word("v." + verdict, lang);
  };
  const std::string prefix = "verdict_wait.";
  out << word("t.cost_title", lang) << "\n";
  for (const auto& row : t.rows) {
    const double extra = t.value(row, "extra_annual_cost_eur");
    out << "  " << row.keys[0] << ": " << fixed(t.value(row, "annual_cost_eur"), 0) << " " << word("t.eur_a_year", lang);
    if (std::isnan(extra)) {
      out << "\n";
      continue;
    }
    out << " (" << (extra > 0 ? "+" : "") << fixed(extra, 0) << ")\n";
    for (const Measure& m : kMeasures) {
      const double gain = t.value(row, m.gain);
      out << "    " << std::left << std::setw(lang == Lang::en ? 12 : 18) << word(m.label, lang) << std::right << word("t.gain", lang) << " "
          << (gain > 0 ? "+" : "") << fixed(gain, m.decimals) << " " << word("t.a_year", lang) << ": "
          << verdict_of(row, row.keys[m.verdict], m.ratio, m.unit, "") << "\n";
    }
    // The wait, care type by care type: the days off its mean wait, never days summed.
    for (std::size_t k = 0; k < t.key_columns.size() && k < row.keys.size(); ++k) {
      if (t.key_columns[k].rfind(prefix, 0) != 0 || row.keys[k].empty()) continue;
      const std::string ct = t.key_columns[k].substr(prefix.size()), suffix = "." + ct;
      out << "    "
          << wait_change(care_type_label(r, ct, lang), t.value(row, "wait_days_shorter" + suffix), t.value(row, "wait_days_shorter_low" + suffix),
                         t.value(row, "wait_days_shorter_high" + suffix), lang, true)
          << ": " << verdict_of(row, row.keys[k], "eur_per_day_shorter", "v.eur_per_day_shorter", suffix) << "\n";
    }
  }
}

}  // namespace maillage

namespace maillage {

void write_ranking(const SiteRanking& r, const std::string& dir, Lang lang) {
  write_outputs(r.run, dir);
  write_csv(r.ranking, dir + "/selection.csv");
  write_csv(r.sites, dir + "/selection_sites.csv");
  const CommuneAggregate communes = aggregate_communes(r.run, r.scenario);
  write_gis_layers(r.run, r.scenario, communes, dir, lang, &r.sites);
  write_report(r.run, {r.scenario.name, r.run.warmup, &r, &r.scenario, lang, std::nullopt, &communes}, dir + "/report.html");
}

void print_ranking(const SiteRanking& r, std::ostream& out, Lang lang) {
  const SiteSelection& sel = *r.scenario.site_selection;
  const ResultTable& t = r.ranking;
  auto v = [&](const ResultTable::Row& row, const char* c) { return t.value(row, c); };
  auto w = [&](const char* key) { return word(key, lang); };
  const std::string m = objective_measure(sel);
  const int decimals = m == "unserved" || m == "ed_visits" ? 0 : 2;
  const bool fr = lang == Lang::fr;
  out << w("p.selection") << " "
      << (sel.open > 0 ? std::to_string(sel.open) + " " + w(sel.open == 1 ? "p.site" : "p.sites") : w("p.within_budget")) << " "
      << w("p.among") << " " << sel.candidates.size() << " " << w("p.candidates") << ", " << w("p.objective") << " "
      << to_string(sel.objective) << "\n"
      << w("p.screen") << " (" << (r.screen.model == LocationModel::PMedian ? "p-median" : w("p.mclp")) << "): " << screen_label(r.screen, false, lang)
      << "; " << screen_label(r.screen, true, lang) << "\n";
  for (const auto& o : r.screen.options)
    out << "  " << std::left << std::setw(10) << o.name << std::right << std::setw(10) << fixed(o.analytic_value, 4)
        << std::setw(10) << fixed(o.other_value, 4) << "  "
        << o.sites.size() << " " << w(o.sites.size() == 1 ? "p.site" : "p.sites") << ", " << fixed(o.annual_cost, 0) << " "
        << w("t.eur_a_year") << "; " << o.found_by << "\n";
  // The wait of each care type the sites serve, with its interval: never one mean over
  // care types whose waits differ in kind.
  struct WaitColumn { std::string measure, header; int width; };
  auto chars = [](const std::string& s) {  // padded by characters: French headers have accents
    return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  std::vector<WaitColumn> waits;
  for (const auto& wm : site_wait_measures(sel)) {
    const std::string header = wait_column_heading(r.run, wm, lang);
    waits.push_back({wm, header, std::max(chars(header), 20) + 2});
  }
  const int mw = std::max(12, static_cast<int>(m.size()) + 2);  // the objective's column, named in full
  out << fill(w("p.ranked_by"), m) << "\n"
      << "  " << std::left << std::setw(6) << w("r.rank") << std::setw(10) << w("r.option") << std::right << std::setw(fr ? 12 : 8)
      << w("p.screen_col") << std::setw(mw) << m << std::setw(26) << w("t.interval") << std::setw(34)
      << w("p.diff_winner");
  for (const auto& c : waits) out << std::string(c.width - chars(c.header), ' ') << c.header;
  out << std::setw(12) << w("p.eur_col") << "\n";
  for (const auto& row : t.rows) {
    const double rank = v(row, "analytic_rank");
    const std::string interval = "[" + fixed(v(row, "objective_low"), decimals) + ", " + fixed(v(row, "objective_high"), decimals) + "]";
    const double d = v(row, "diff_to_winner");
    const std::string diff = v(row, "rank") == 1 ? w("r.winner")
                             : (d > 0 ? "+" : "") + fixed(d, decimals) + " [" + fixed(v(row, "diff_low"), decimals) + ", " +
                                   fixed(v(row, "diff_high"), decimals) + "]";
    out << "  " << std::setw(4) << fixed(v(row, "rank"), 0) << "  " << std::left << std::setw(10) << row.keys[0] << std::right
        << std::setw(fr ? 12 : 8) << (std::isnan(rank) ? "-" : fixed(rank, 0)) << std::setw(mw) << fixed(v(row, "objective"), decimals)
        << std::setw(26) << interval << std::setw(34) << diff;
    for (const auto& c : waits) {
      const auto value = [&](const char* suffix) { return fixed(t.value(row, c.measure + suffix), 2); };
      out << std::setw(c.width) << value("") + " [" + value("_low") + ", " + value("_high") + "]";
    }
    out << std::setw(12) << fixed(v(row, "annual_cost"), 0) << "\n";
  }
  for (const auto& line : verdict_lines(r, lang)) out << line << "\n";
}

}  // namespace maillage
