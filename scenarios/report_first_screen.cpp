#include "scenarios/report_first_screen.hpp"

#include <algorithm>
#include <cmath>

#include "models/scenario.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {
namespace {

/** Three significant figures for counts of a thousand and more: 39,700, not 39,684.3 (the
 *  interval is wider than the digits dropped). */
double round_count(double v) {
  if (std::isnan(v) || std::fabs(v) < 1000) return std::round(v);
  const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 2);
  return std::round(v / unit) * unit;
}

const ResultTable::Row* kpi(const RunResult& r, const std::string& plan, const std::string& measure) {
  for (const auto& row : r.kpis.rows)
    if (row.keys[0] == plan && row.keys[1] == measure) return &row;
  return nullptr;
}

double period_days(const RunResult& r) {
  return r.kpis.rows.empty() ? std::nan("") : r.kpis.value(r.kpis.rows[0], "period_days");
}

/** One answer: "39,700 more needs served a year [35,300; 44,100]". `higher` and `lower` are
 *  the words for a positive and a negative difference; counts are given per year when the
 *  measured period is known. */
std::string answer(const RunResult& r, const std::string& plan, const std::string& measure, const std::string& higher,
                   const std::string& lower, bool count, Lang lang) {
  const auto* row = kpi(r, plan, measure);
  if (!row) return "";
  const double days = period_days(r);
  const double scale = count && !std::isnan(days) && days > 0 ? 365.0 / days : 1.0;
  const double d = r.kpis.value(*row, "diff") * scale, lo = r.kpis.value(*row, "diff_low") * scale,
               hi = r.kpis.value(*row, "diff_high") * scale;
  if (std::isnan(d)) return "";
  const int decimals = count ? 0 : 2;
  auto shown = [&](double v) { return number(count ? round_count(v) : v, decimals, lang); };
  const std::string magnitude = shown(std::fabs(d));
  std::string text;
  const std::string& words = d >= 0 ? higher : lower;
  text = words.find("%s") != std::string::npos ? fill(words, magnitude) : magnitude + " " + words;
  if (count && scale != 1.0) text += word("first.a_year", lang);
  if (!std::isnan(lo)) {
    // The interval in the direction of the words: "shorter [0.10; 0.16]".
    const double a = d >= 0 ? lo : -hi, b = d >= 0 ? hi : -lo;
    text += " [" + shown(a) + "; " + shown(b) + "]";
    if (lo <= 0 && hi >= 0) text += ", " + word("first.not_sure", lang);
  }
  return text;
}

/** "costs 120,000 EUR a year (120,000 EUR a year more than the baseline); verdict: needs
 *  served: 3.02 EUR per extra need served [2.50; 3.60], km driven: dominant, ..." */
std::string costs(const RunResult& r, const std::string& plan, Lang lang) {
  const ResultTable& t = r.cost_effectiveness;
  for (const auto& row : t.rows) {
    if (row.keys[0] != plan) continue;
    std::string text = fill(word("first.cost", lang), number(t.value(row, "annual_cost_eur"), 0, lang));
    const double extra = t.value(row, "extra_annual_cost_eur");
    if (!std::isnan(extra))
      text += " (" + fill(word(extra >= 0 ? "first.extra" : "first.saving", lang), number(std::fabs(extra), 0, lang)) + ")";
    struct Measure { std::size_t key; const char *name, *ratio; };
    static const Measure kMeasures[] = {{1, "v.served", "eur_per_extra_served"},
                                        {2, "v.km", "eur_per_km_avoided"},
                                        {3, "v.wait", "eur_per_wait_day_avoided"}};
    std::string verdicts;
    for (const Measure& m : kMeasures) {
      if (row.keys.size() <= m.key || row.keys[m.key].empty()) continue;
      const std::string& v = row.keys[m.key];
      const std::string ratio = m.ratio;
      verdicts += std::string(verdicts.empty() ? "" : ", ") + word(m.name, lang) + colon(lang) +
                  (v == "ratio" ? number(t.value(row, ratio), 2, lang) + " " + word("v." + ratio, lang) + " [" +
                                      number(t.value(row, ratio + "_low"), 2, lang) + "; " +
                                      number(t.value(row, ratio + "_high"), 2, lang) + "]"
                                : word("v." + v, lang));
    }
    if (!verdicts.empty()) text += (lang == Lang::fr ? "\u00a0; " : "; ") + word("first.verdict", lang) + colon(lang) + verdicts;
    return text;
  }
  return "";
}

}  // namespace

std::vector<std::string> first_screen_sentences(const RunResult& r, Lang lang) {
  std::vector<std::string> plans;
  for (const auto& row : r.kpis.rows)
    if (std::find(plans.begin(), plans.end(), row.keys[0]) == plans.end()) plans.push_back(row.keys[0]);
  std::vector<std::string> sentences;
  if (std::find(plans.begin(), plans.end(), "baseline") == plans.end()) return sentences;
  for (const auto& plan : plans) {
    if (plan == "baseline") continue;
    std::vector<std::string> parts = {
        answer(r, plan, "served", word("first.served.more", lang), word("first.served.less", lang), true, lang),
        answer(r, plan, "wait_days_mean", word("first.wait.more", lang), word("first.wait.less", lang), false, lang),
        answer(r, plan, "travel_km", word("first.km.more", lang), word("first.km.less", lang), true, lang),
        costs(r, plan, lang)};
    std::string sentence = plan + (lang == Lang::fr ? "\u00a0:" : ":");
    bool first = true;
    for (const auto& p : parts)
      if (!p.empty()) sentence += (first ? " " : lang == Lang::fr ? "\u00a0; " : "; ") + p, first = false;
    sentences.push_back(sentence);
  }
  return sentences;
}

void write_first_screen(const RunResult& r, const ReportContext& c, std::ostream& out) {
  const Lang lang = c.lang;
  out << "<section id=\"first-screen\">\n<h2>" << escape(word("first.title", lang)) << "</h2>\n";
  const auto sentences = first_screen_sentences(r, lang);
  if (sentences.empty()) {
    out << "<p>" << escape(word("first.no_baseline", lang)) << "</p>\n";
  } else {
    out << "<p>" << escape(word("first.intro", lang)) << "</p>\n<ul>\n";
    for (const auto& s : sentences) {
      const auto colon = s.find(':');
      out << "<li><b>" << escape(s.substr(0, colon)) << "</b>" << escape(s.substr(colon)) << "</li>\n";
    }
    out << "</ul>\n";
  }
  // The run's assumptions: what a reader needs to reproduce or question the numbers.
  out << "<h3>" << escape(word("a.title", lang)) << "</h3>\n<ul>\n"
      << "<li>" << escape(word("a.scenario", lang)) << colon(lang) << escape(c.title) << "</li>\n";
  if (!r.kpis.rows.empty())
    out << "<li>" << escape(word("a.replications", lang)) << colon(lang)
        << number(r.kpis.value(r.kpis.rows[0], "replications"), 0, lang) << "</li>\n";
  const auto seed = c.seed ? c.seed : c.scenario ? std::optional<std::uint64_t>(c.scenario->seed) : std::nullopt;
  if (seed) out << "<li>" << escape(word("a.seed", lang)) << colon(lang) << *seed << "</li>\n";
  out << "<li>" << escape(word("a.warmup", lang)) << colon(lang) << number(c.warmup_seconds / 86400.0, 1, lang) << ' '
      << escape(word("a.days", lang)) << (r.warmup_note.empty() ? "" : " (" + escape(note(r.warmup_note, lang)) + ")") << "</li>\n";
  const double days = period_days(r);
  if (!std::isnan(days))
    out << "<li>" << escape(word("a.period", lang)) << colon(lang) << number(days, days == std::floor(days) ? 0 : 1, lang) << ' '
        << escape(word("a.days", lang)) << "</li>\n";
  out << "</ul>\n<h3>" << escape(word("g.title", lang)) << "</h3>\n<dl>\n";
  for (const char* m : {"served", "unserved", "unserved_share", "wait_days_mean", "travel_km", "travel_avoided_km", "ed_visits"})
    out << "<dt>" << escape(measure_label(m, lang, m)) << "</dt><dd>" << escape(word(std::string("g.") + m, lang)) << "</dd>\n";
  out << "<dt>[a; b]</dt><dd>" << escape(word("g.interval", lang)) << "</dd>\n<dt>" << escape(word("first.not_sure", lang))
      << "</dt><dd>" << escape(word("g.not_sure", lang)) << "</dd>\n</dl>\n</section>\n";
}

}  // namespace maillage
