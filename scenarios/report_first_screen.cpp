#include "scenarios/report_first_screen.hpp"

#include <algorithm>
#include <cmath>

#include "models/scenario.hpp"
#include "scenarios/care_type_label.hpp"
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

/** What turns a count over the measured period into a count a year (1 when unknown). */
double per_year_factor(const RunResult& r) {
  const double days = period_days(r);
  return !std::isnan(days) && days > 0 ? 365.0 / days : 1.0;
}

/** "plan: part; part; ..." with the empty parts left out. */
std::string sentence_of(const std::string& label, const std::vector<std::string>& parts, Lang lang) {
  std::string sentence = label + (lang == Lang::fr ? "\u00a0:" : ":");
  bool first = true;
  for (const auto& p : parts)
    if (!p.empty()) sentence += (first ? " " : lang == Lang::fr ? "\u00a0; " : "; ") + p, first = false;
  return first ? "" : sentence;
}

/** A plan's answer on one measure: its words, and whether the difference is sure (its 95%
 *  interval excludes zero) or shows as zero with its interval (`same`). */
struct Answer {
  std::string text;
  bool sure = false;
  bool same = false;
  double moved = 0;  ///< |difference| relative to the measure's level (baseline or plan)
};

/** One answer: "39,700 more needs served a year [35,300; 44,100]". The words are the table's
 *  `key.more` and `key.less` (their `.one` forms for a singular number: "1 fewer need
 *  served"), with `subject` (a care type) in their first "%s" and the number in the next,
 *  else before them; `key.same` for a difference that shows as zero with its interval
 *  ("mean wait unchanged", not "0.00 days longer [0.00; 0.00]"), when `say_same`. Counts
 *  are given per year when `per_year` and the measured period is known. A wait in days
 *  (`hours_when_short`) whose difference and interval are all under a day is said in hours
 *  with the words `key_h`: "1.3 hours shorter [1.2; 1.4]" reads, "0.05 days" reads as nothing. */
Answer answer(const RunResult& r, const std::string& plan, const std::string& measure, std::string key,
              const std::string& subject, bool say_same, bool count, bool per_year, int decimals, Lang lang,
              bool hours_when_short = false) {
  const auto* row = kpi(r, plan, measure);
  if (!row) return {};
  const double scale = count && per_year ? per_year_factor(r) : 1.0;
  const double d = r.kpis.value(*row, "diff") * scale, lo = r.kpis.value(*row, "diff_low") * scale,
               hi = r.kpis.value(*row, "diff_high") * scale;
  if (std::isnan(d)) return {};
  auto shown = [&](double v) { return number(count ? round_count(v) : v, decimals, lang); };
  auto with_subject = [&](std::string words) { return subject.empty() ? words : fill(words, subject); };
  const std::string zero = shown(0.0);
  if (shown(d) == zero && (std::isnan(lo) || (shown(lo) == zero && shown(hi) == zero))) {
    Answer a;
    a.same = true;
    if (say_same) a.text = with_subject(word(key + ".same", lang));
    return a;
  }
  // Unchanged or not at the tables' precision (days); then said in hours when under a day.
  const bool hours = hours_when_short && std::fabs(d) < 1 && (std::isnan(lo) || (std::fabs(lo) < 1 && std::fabs(hi) < 1));
  if (hours) key += "_h";
  auto said = [&](double v) { return hours ? number(24 * v, 1, lang) : shown(v); };
  const std::string magnitude = said(std::fabs(d));
  const std::string words = with_subject(word_for(key + (d >= 0 ? ".more" : ".less"), magnitude, lang));
  Answer a;
  a.text = words.find("%s") != std::string::npos ? fill(words, magnitude) : magnitude + " " + words;
  if (count && scale != 1.0) a.text += word("first.a_year", lang);
  if (!std::isnan(lo)) {
    // The interval in the direction of the words: "shorter [0.10; 0.16]".
    const double x = d >= 0 ? lo : -hi, y = d >= 0 ? hi : -lo;
    a.text += " [" + said(x) + "; " + said(y) + "]";
    a.sure = lo > 0 || hi < 0;
    if (!a.sure) a.text += ", " + word("first.not_sure", lang);
  }
  const auto* base = kpi(r, "baseline", measure);
  const double level = std::max(base ? std::fabs(r.kpis.value(*base, "mean")) : 0.0, std::fabs(r.kpis.value(*row, "mean")));
  a.moved = level > 0 ? std::fabs(r.kpis.value(*row, "diff")) / level : 0;
  return a;
}

Answer main_answer(const RunResult& r, const std::string& plan, const std::string& key, const std::string& measure, bool count,
                   Lang lang) {
  return answer(r, plan, measure, "first." + key, "", true, count, true, count ? 0 : 2, lang);
}

/** The care types with a measure of their own ("wait_days_mean.gp_acute"), in the kpis' order. */
std::vector<std::string> care_types_of(const RunResult& r, const std::string& measure) {
  std::vector<std::string> out;
  const std::string prefix = measure + ".";
  for (const auto& row : r.kpis.rows)
    if (row.keys[0] == "baseline" && row.keys[1].rfind(prefix, 0) == 0) out.push_back(row.keys[1].substr(prefix.size()));
  return out;
}

/** The wait, care type by care type: a mean over care types whose waits differ in kind (a
 *  same-day GP need, an ophthalmologist booked months ahead) would hide the plan's effect
 *  on one under the other's level. Names the care type whose wait the plan shortens most
 *  surely (relative to its level) and the one it lengthens most surely; when none moves
 *  surely, the one that moves most, "not surely different"; then what the other care
 *  types' waits did. "Unchanged" when none moves at the shown precision. Without waits per
 *  care type (a table made by hand), the overall mean. */
Answer wait_answer(const RunResult& r, const std::string& plan, Lang lang) {
  const auto types = care_types_of(r, "wait_days_mean");
  if (types.empty()) return main_answer(r, plan, "wait", "wait_days_mean", false, lang);
  Answer shorter, longer, loose;  // the most moved of each kind; empty text: none yet
  int compared = 0, same = 0, sure_shorter = 0, sure_longer = 0;
  for (const auto& ct : types) {
    Answer a = answer(r, plan, "wait_days_mean." + ct, "first.ctwait", care_type_label(r, ct, lang), false, false, false, 2, lang,
                      true);
    if (a.same) ++compared, ++same;
    if (a.text.empty()) continue;
    const double d = r.kpis.value(*kpi(r, plan, "wait_days_mean." + ct), "diff");
    ++compared, sure_shorter += a.sure && d < 0, sure_longer += a.sure && d > 0;
    Answer& best = !a.sure ? loose : d < 0 ? shorter : longer;
    if (best.text.empty() || a.moved > best.moved) best = a;
  }
  const std::string sep = lang == Lang::fr ? "\u00a0; " : "; ";
  Answer out;
  int named = 0;
  for (const Answer* a : {&shorter, &longer})
    if (!a->text.empty()) out.text += (out.text.empty() ? "" : sep) + a->text, out.sure = true, ++named;
  if (!out.sure && !loose.text.empty()) out.text = loose.text, named = 1;
  if (named == 0) {  // "visit mean wait unchanged" when it is the only care type
    if (compared > 0)
      out.text = types.size() == 1 ? fill(word("first.ctwait.same", lang), care_type_label(r, types[0], lang))
                                   : word("first.waits.same", lang);
    out.same = compared > 0;
    return out;
  }
  // The care types not named: unchanged, also surely shorter or longer, or not surely.
  const int others = compared - named, shorter_left = sure_shorter - !shorter.text.empty(),
            longer_left = sure_longer - !longer.text.empty(), others_sure = shorter_left + longer_left;
  if (others <= 0) return out;
  if (others == same) {
    out.text += sep + word("first.waits.others_same", lang);
  } else if (others_sure > 0) {
    const std::string key = longer_left == 0 ? "first.waits.others_shorter" : shorter_left == 0 ? "first.waits.others_longer"
                                                                                                 : "first.waits.others_sure";
    out.text += sep + fill(word_for(key, std::to_string(others_sure), lang), number(others_sure, 0, lang));
  } else {
    out.text += sep + word("first.waits.others_unsure", lang);
  }
  return out;
}

/** The measures beyond the three questions that a plan may move most: its first-screen
 *  line names the one it moves most surely (relative to its level), so that a plan whose
 *  whole effect is, say, degraded video sessions does not read as doing nothing. */
struct Extra {
  const char* measure;
  bool count;     ///< a count: rounded, per year
  bool per_year;  ///< a flow over the period (not a stock such as residents without a GP)
  int decimals;
  bool by_care_type;  ///< a wait: one care type at a time, never the mean over them
};
const Extra kExtras[] = {
    {"sessions_degraded", true, true, 0, false},    {"sessions_failed", true, true, 0, false},
    {"ed_visits", true, true, 0, false},            {"unserved_too_far", true, true, 0, false},
    {"unserved_too_long", true, true, 0, false},    {"unserved_network", true, true, 0, false},
    {"unserved_capacity", true, true, 0, false},    {"without_gp_residents", true, false, 0, false},
    {"abandoned", true, true, 0, false},            {"travel_avoided_km", true, true, 0, false},
    {"travel_detour_km", true, true, 0, false},     {"wait_days_p90", false, false, 2, true},
};

/** An extra measure on one care type or overall ("" for a measure over all of them). */
struct ExtraPick {
  const Extra* extra = nullptr;
  std::string care_type;
};

/** The extra measure a plan moves most surely; `extra` null when none does. */
ExtraPick extra_measure(const RunResult& r, const std::string& plan) {
  ExtraPick best;
  double most = 0;
  for (const Extra& e : kExtras) {
    std::vector<std::string> subjects{""};
    if (e.by_care_type) subjects = care_types_of(r, e.measure);
    for (const auto& ct : subjects) {
      const std::string m = ct.empty() ? std::string(e.measure) : std::string(e.measure) + "." + ct;
      const auto* row = kpi(r, plan, m);
      const auto* base = kpi(r, "baseline", m);
      if (!row || !base) continue;
      const double d = r.kpis.value(*row, "diff"), lo = r.kpis.value(*row, "diff_low"), hi = r.kpis.value(*row, "diff_high");
      if (!(lo > 0 || hi < 0)) continue;  // NaN intervals too
      const double level = std::max(std::fabs(r.kpis.value(*base, "mean")), std::fabs(r.kpis.value(*row, "mean")));
      const double moved = level > 0 ? std::fabs(d) / level : 0;
      if (moved > most) most = moved, best = {&e, ct};
    }
  }
  return best;
}

Answer extra_answer(const RunResult& r, const std::string& plan, Lang lang) {
  const ExtraPick best = extra_measure(r, plan);
  if (!best.extra) return {};
  const Extra& e = *best.extra;
  const std::string m = best.care_type.empty() ? std::string(e.measure) : std::string(e.measure) + "." + best.care_type;
  const std::string subject = best.care_type.empty() ? "" : care_type_label(r, best.care_type, lang);
  Answer a = answer(r, plan, m, std::string(best.care_type.empty() ? "first.x." : "first.ct.") + e.measure, subject, false,
                    e.count, e.per_year, e.decimals, lang, !best.care_type.empty());
  return a.sure ? a : Answer{};  // sure, but shows as zero at this precision: nothing to say
}

/** "costs 120,000 EUR a year (120,000 EUR a year more than the baseline); verdict: needs
 *  served: 3.02 EUR per extra need served [2.50; 3.60], km driven: dominant, same-day GP care
 *  mean wait: dominant, other care types' mean waits: no sure gain" */
std::string costs(const RunResult& r, const std::string& plan, Lang lang) {
  const ResultTable& t = r.cost_effectiveness;
  for (const auto& row : t.rows) {
    if (row.keys[0] != plan) continue;
    std::string text = fill(word("first.cost", lang), number(t.value(row, "annual_cost_eur"), 0, lang));
    const double extra = t.value(row, "extra_annual_cost_eur");
    if (!std::isnan(extra))
      text += " (" + (number(extra, 0, lang) == number(0, 0, lang)
                          ? word("first.same_cost", lang)
                          : fill(word(extra >= 0 ? "first.extra" : "first.saving", lang), number(std::fabs(extra), 0, lang))) + ")";
    struct Measure { std::size_t key; const char *name, *ratio; };
    static const Measure kMeasures[] = {{1, "v.served", "eur_per_extra_served"}, {2, "v.km", "eur_per_km_avoided"}};
    auto said = [&](const std::string& v, const std::string& ratio, const std::string& suffix) {
      return v == "ratio" ? number(t.value(row, ratio + suffix), 2, lang) + " " + word("v." + ratio, lang) + " [" +
                                number(t.value(row, ratio + "_low" + suffix), 2, lang) + "; " +
                                number(t.value(row, ratio + "_high" + suffix), 2, lang) + "]"
                          : word("v." + v, lang);
    };
    std::string verdicts;
    auto add = [&](const std::string& name, const std::string& verdict) {
      verdicts += (verdicts.empty() ? "" : ", ") + name + colon(lang) + verdict;
    };
    for (const Measure& m : kMeasures)
      if (row.keys.size() > m.key && !row.keys[m.key].empty()) add(word(m.name, lang), said(row.keys[m.key], m.ratio, ""));
    // The wait, care type by care type (never days summed over them): those with a sure
    // verdict named, the others said together.
    const std::string prefix = "verdict_wait.";
    int waits = 0, unsure = 0;
    for (std::size_t k = 0; k < t.key_columns.size() && k < row.keys.size(); ++k) {
      if (t.key_columns[k].rfind(prefix, 0) != 0 || row.keys[k].empty()) continue;
      const std::string ct = t.key_columns[k].substr(prefix.size());
      ++waits;
      if (row.keys[k] == "no sure gain") ++unsure;
      else add(fill(word("v.ctwait", lang), care_type_label(r, ct, lang)), said(row.keys[k], "eur_per_day_shorter", "." + ct));
    }
    if (unsure > 0) add(word(unsure == waits ? "v.waits_all" : "v.waits_others", lang), word("v.no sure gain", lang));
    if (!verdicts.empty()) text += (lang == Lang::fr ? "\u00a0; " : "; ") + word("first.verdict", lang) + colon(lang) + verdicts;
    return text;
  }
  return "";
}

/** A level with its interval: "2,588,000 needs served a year [2,587,000; 2,589,000]". The words
 *  are `key` with the number in their "%s" (and `subject` in a first one when given). */
std::string level(const RunResult& r, const std::string& measure, const std::string& key, const std::string& subject,
                  bool count, int decimals, double factor, Lang lang) {
  const auto* row = kpi(r, "baseline", measure);
  if (!row) return "";
  const double scale = factor * (count ? per_year_factor(r) : 1.0);
  auto shown = [&](double v) { return number(count ? round_count(v * scale) : v * scale, decimals, lang); };
  const double mean = r.kpis.value(*row, "mean"), lo = r.kpis.value(*row, "ci_low"), hi = r.kpis.value(*row, "ci_high");
  if (std::isnan(mean)) return "";
  const std::string n = shown(mean);
  std::string words = word_for(key, n, lang);
  if (!subject.empty()) words = fill(words, subject);
  std::string text = fill(words, n);
  if (!std::isnan(lo)) text += " [" + shown(std::max(0.0, lo)) + "; " + shown(hi) + "]";
  return text;
}

/** With no plan to compare, the baseline's own answers to the three questions. */
std::string baseline_sentence(const RunResult& r, Lang lang) {
  std::vector<std::string> parts = {level(r, "served", "first.base.served", "", true, 0, 1, lang),
                                    level(r, "unserved_share", "first.base.unserved", "", false, 1, 100, lang)};
  const auto types = care_types_of(r, "wait_days_mean");
  for (const auto& ct : types) parts.push_back(level(r, "wait_days_mean." + ct, "first.base.ctwait", care_type_label(r, ct, lang), false, 2, 1, lang));
  if (types.empty()) parts.push_back(level(r, "wait_days_mean", "first.base.wait", "", false, 2, 1, lang));
  parts.push_back(level(r, "travel_km", "first.base.km", "", true, 0, 1, lang));
  if (const auto* ed = kpi(r, "baseline", "ed_visits"); ed && r.kpis.value(*ed, "mean") > 0)
    parts.push_back(level(r, "ed_visits", "first.base.ed", "", true, 0, 1, lang));
  if (std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) return "";
  return sentence_of(plan_label("baseline", lang), parts, lang);
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
    const Answer served = main_answer(r, plan, "served", "served", true, lang),
                 wait = wait_answer(r, plan, lang),
                 km = main_answer(r, plan, "km", "travel_km", true, lang), extra = extra_answer(r, plan, lang);
    // When none of the three questions moved surely, the measure that did comes first.
    const bool lead = !served.sure && !wait.sure && !km.sure;
    std::vector<std::string> parts;
    if (lead) parts.push_back(extra.text);
    for (const Answer* a : {&served, &wait, &km}) parts.push_back(a->text);
    if (!lead) parts.push_back(extra.text);
    parts.push_back(costs(r, plan, lang));
    sentences.push_back(sentence_of(plan, parts, lang));
  }
  return sentences;
}

std::vector<std::string> censored_waits(const RunResult& r, Lang lang) {
  std::vector<std::string> out;
  for (const auto& ct : care_types_of(r, "in_progress")) {
    double worst = 0.0;
    for (const auto& plan : r.kpis.first_keys()) {
      const ResultTable::Row* open = kpi(r, plan, "in_progress." + ct);
      const ResultTable::Row* all = kpi(r, plan, "episodes." + ct);
      if (!open || !all) continue;
      const double n = r.kpis.value(*all, "mean");
      if (n > 0) worst = std::max(worst, r.kpis.value(*open, "mean") / n);
    }
    if (worst > kCensoredShare)
      out.push_back(fill(word("caveat.censored", lang), {care_type_label(r, ct, lang), number(100 * worst, 1, lang)}));
  }
  return out;
}

void write_first_screen(const RunResult& r, const ReportContext& c, std::ostream& out) {
  const Lang lang = c.lang;
  out << "<section id=\"first-screen\">\n<h2>" << escape(word("first.title", lang)) << "</h2>\n";
  // The scenario's caveats before any figure (an invented supply must not pass for the real
  // one), then the run's own: mean waits that leave out many needs still booked at the end.
  std::vector<std::string> caveats = c.scenario ? c.scenario->caveats : std::vector<std::string>{};
  for (auto& censored : censored_waits(r, lang)) caveats.push_back(std::move(censored));
  if (!caveats.empty()) {
    out << "<div id=\"caveats\" style=\"border:2px solid #b45309;background:#fff7ed;padding:0 1em;margin:1em 0\"><p><b>"
        << escape(word("caveat.title", lang)) << "</b></p>\n<ul>\n";
    for (const std::string& caveat : caveats) out << "<li>" << escape(caveat) << "</li>\n";
    out << "</ul></div>\n";
  }
  auto sentences = first_screen_sentences(r, lang);
  const bool alone = sentences.empty() && r.kpis.first_keys() == std::vector<std::string>{"baseline"};
  if (alone) sentences = {baseline_sentence(r, lang)};
  if (sentences.empty() || sentences.front().empty()) {
    out << "<p>" << escape(word("first.no_baseline", lang)) << "</p>\n";
  } else {
    out << "<p>" << escape(word(alone ? "first.base.intro" : "first.intro", lang)) << "</p>\n<ul>\n";
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
        << escape(word("a.days", lang)) << " (" << escape(word("a.cohort", lang)) << ")</li>\n";
  out << "</ul>\n<h3>" << escape(word("g.title", lang)) << "</h3>\n<dl>\n";
  // The wait is said per care type (wait_answer): its glossary entry says so.
  const bool by_care_type = !care_types_of(r, "wait_days_mean").empty();
  std::vector<std::string> glossary = {"served", "unserved", "unserved_share", by_care_type ? "ct_wait" : "wait_days_mean",
                                       "travel_km", "travel_avoided_km", "ed_visits"};
  // And the measures the plans' lines name beyond these.
  for (const auto& plan : r.kpis.first_keys())
    if (plan != "baseline" && !extra_answer(r, plan, lang).text.empty())
      if (const ExtraPick e = extra_measure(r, plan); e.extra) {
        const std::string term = e.care_type.empty() ? e.extra->measure : std::string("ct_") + e.extra->measure;
        if (std::find(glossary.begin(), glossary.end(), term) == glossary.end()) glossary.push_back(term);
      }
  for (const auto& m : glossary) {
    // A reason under its total ("  too far") is named with it: "needs unserved: too far".
    std::string term = m.rfind("ct_", 0) == 0 ? word("g." + m + ".term", lang) : measure_label(m, lang, m);
    if (term.rfind("  ", 0) == 0) term = measure_label("unserved", lang, "unserved") + colon(lang) + term.substr(2);
    out << "<dt>" << escape(term) << "</dt><dd>" << escape(word("g." + m, lang)) << "</dd>\n";
  }
  out << "<dt>[a; b]</dt><dd>" << escape(word("g.interval", lang)) << "</dd>\n<dt>" << escape(word("first.not_sure", lang))
      << "</dt><dd>" << escape(word("g.not_sure", lang)) << "</dd>\n</dl>\n</section>\n";
}

}  // namespace maillage
