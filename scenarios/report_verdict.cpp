#include "scenarios/report_verdict.hpp"

#include <cmath>
#include <cstdio>

#include "scenarios/care_type_label.hpp"

namespace maillage {
namespace {

/** A value of the objective as the tables print it: counts whole, else 2 decimals. */
std::string shown(const std::string& measure, double x, Lang lang) {
  return number(x, measure == "unserved" || measure == "ed_visits" ? 0 : 2, lang);
}

std::string interval(const std::string& measure, double low, double high, Lang lang) {
  return "[" + shown(measure, low, lang) + (lang == Lang::fr ? "; " : ", ") + shown(measure, high, lang) + "]";
}

/** The objective by name: one care type's wait by its label ("same-day GP care wait (d)")
 *  when the scenario gives one; else its column in English (as the tables' headers), its
 *  label in French. */
std::string measure_name(const std::string& measure, const CareTypeLabel& label, Lang lang) {
  const std::string wait = "wait_days_mean.";  // one care type's wait: "attente gp_acute (j)"
  const bool one_wait = measure.rfind(wait, 0) == 0;
  if (one_wait && !(label.en.empty() && label.fr.empty()))
    return fill(word("p.wait_col", lang), care_type_label(label, measure.substr(wait.size()), lang));
  if (lang == Lang::en) return measure;
  if (one_wait) return fill(word("p.wait_col", lang), measure.substr(wait.size()));
  return measure == "travel_min_per_served" ? word("s.travel_min_per_served", lang) : measure_label(measure, lang, measure);
}

std::string plan(const std::string& name, Lang lang) { return plan_label(name, lang); }

/** Whole numbers as said in a sentence: 4, 1 000 in French. */
std::string whole(double x, Lang lang) {
  char b[32];
  std::snprintf(b, sizeof b, "%.0f", x);
  return lang == Lang::fr ? number(x, 0, lang) : b;
}

/** Four significant digits (a zone, a share): 1, 0.5, 2.5 (2,5 in French). */
std::string significant(double x, Lang lang) {
  char b[64];
  std::snprintf(b, sizeof b, "%.4g", x);
  std::string s = b;
  if (lang == Lang::fr)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

/** A pattern with a count: "1 candidate set aside", "34 candidates set aside". */
std::string counted(const std::string& key, double count, Lang lang) {
  const std::string n = whole(count, lang);
  return fill(word_for(key, n, lang), n);
}

std::string percent(Lang lang) { return lang == Lang::fr ? "\u00a0%" : "%"; }

std::string ordinal(int n, Lang lang) {
  if (lang == Lang::fr) return std::to_string(n) + (n == 1 ? "er" : "e");
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

/** "a", "a and b", "a, b and c". */
std::string listed(const std::vector<std::string>& items, Lang lang) {
  std::string l;
  for (std::size_t i = 0; i < items.size(); ++i) l += (i == 0 ? "" : i + 1 == items.size() ? word("s.and", lang) : ", ") + items[i];
  return l;
}

/** How a planner recognises a candidate: its name, with its commune when the name does not
 *  say it ("MSP, Le Pecq"; "Clinique De Bazincourt (Chapet)"), or "ccas site-78123 in Chapet". */
std::string describe(const Scenario& sc, const SiteCandidate& c, Lang lang) {
  const std::string commune = c.commune < sc.communes.size() ? sc.communes[c.commune].name : "";
  if (c.name.empty())
    return (c.host.empty() ? word("s.site", lang) : c.host) + " " + c.id + (commune.empty() ? "" : fill(word("s.in", lang), commune));
  return c.name + (commune.empty() || c.name.find(commune) != std::string::npos ? "" : " (" + commune + ")");
}

/** The indifference zone as set: "1%", or "12 (unserved)". */
std::string zone(const SiteRanking& r, Lang lang) {
  const SiteSelection& sel = *r.scenario.site_selection;
  const std::string m = objective_measure(sel);
  return sel.equivalent_relative ? significant(100 * sel.equivalent_within, lang) + percent(lang)
                                 : significant(sel.equivalent_within, lang) + " (" + measure_name(m, r.analysis.measure_label, lang) + ")";
}

}  // namespace

std::string screen_label(const SiteScreen& screen, bool other, Lang lang) {
  const bool covering = (screen.model == LocationModel::MaximalCovering) != other;
  return fill(word(covering ? "s.coverage_label" : "s.travel_label", lang), whole(screen.radius_minutes, Lang::en));
}

std::string screen_note_words(const ScreenNote& n, Lang lang) {
  switch (n.kind) {
    case ScreenNote::Kind::AsideForHost: return counted("s.aside_host", n.count, lang);
    case ScreenNote::Kind::AsideForCost: return counted("s.aside_cost", n.count, lang);
    case ScreenNote::Kind::TieInCommune: return counted(n.by_hosts ? "s.tie_hosts" : "s.tie_cost", n.count, lang);
    case ScreenNote::Kind::CoverageCannotRank: return fill(word("s.coverage_cannot_rank", lang), whole(n.minutes, Lang::en));
    case ScreenNote::Kind::NoStaticCounterpart:
      return word(n.objective == SiteObjective::Wait ? "s.no_static_wait" : "s.no_static_ed", lang);
    case ScreenNote::Kind::UnservedWithin: return fill(word("s.unserved_within", lang), whole(n.minutes, Lang::en));
  }
  return "";
}

std::vector<std::string> verdict_lines(const SelectionVerdict& v, Lang lang) {
  std::vector<std::string> out;
  if (v.winner.empty()) return out;
  const std::string& m = v.measure;
  const std::string w = plan(v.winner, lang), second = plan(v.second, lang), name = measure_name(m, v.measure_label, lang);
  if (v.tie) {
    out.push_back(fill(word("s.tie", lang), {w, second, name, shown(m, v.mean, lang)}));
    return out;
  }
  std::string wins = fill(word("s.wins", lang), {w, name, shown(m, v.mean, lang), interval(m, v.low, v.high, lang)});
  if (!v.second.empty()) {
    // A margin that shows as zero reads "level with", not "0 better than".
    const bool level = shown(m, v.diff, lang) == shown(m, 0, lang);
    wins += fill(word(level ? "s.wins_level" : "s.wins_over", lang),
                 {level ? second : shown(m, v.diff, lang), level ? interval(m, v.diff_low, v.diff_high, lang) : second,
                  level ? whole(v.replications, lang) : interval(m, v.diff_low, v.diff_high, lang), whole(v.replications, lang)});
  }
  out.push_back(wins + ".");
  if (v.not_sure) {
    std::string guide = word("s.guide_more", lang);
    if (!std::isnan(v.replications_needed))
      guide = fill(word(v.replications_needed > 1000 ? "s.guide_equivalent" : "s.guide_n", lang), number(v.replications_needed, 0, lang));
    out.push_back(fill(word("s.not_sure", lang), {w, second, guide}));
  }
  if (v.no_option_better) out.push_back(fill(word("s.no_option", lang), {w, name}));
  switch (v.screen) {
    case SelectionVerdict::Screen::None: break;
    case SelectionVerdict::Screen::Confirmed: out.push_back(fill(word("s.confirmed", lang), plan(v.screen_first, lang))); break;
    case SelectionVerdict::Screen::Overturned:
      out.push_back(fill(word("s.overturned", lang), {plan(v.screen_first, lang), ordinal(v.screen_rank, lang)}));
      break;
    case SelectionVerdict::Screen::NotOverturned:
      out.push_back(fill(word("s.not_overturned", lang), {plan(v.screen_first, lang), ordinal(v.screen_rank, lang),
                                                          shown(m, v.screen_diff, lang), interval(m, v.screen_low, v.screen_high, lang)}));
      break;
  }
  for (const auto& n : v.notes) out.push_back(fill(word("s.note", lang), screen_note_words(n, lang)));
  return out;
}

std::string decision_words(const SiteRanking& r, Lang lang) {
  const SelectionDecision& c = r.choice;
  const std::string m = r.scenario.site_selection ? objective_measure(*r.scenario.site_selection) : "";
  const std::string w = plan(c.winner, lang), next = plan(c.next, lang);
  using K = SelectionDecision::Kind;
  switch (c.kind) {
    case K::None: return "";
    case K::Only: return fill(word("s.choose_only", lang), w);
    case K::Separated: return fill(word("s.choose", lang), w);
    case K::Surely: return fill(word("s.choose_surely", lang), {w, next});
    case K::Cap:
      return fill(word("s.choose_cap", lang), {w, whole(r.scenario.site_selection->max_replications, lang), zone(r, lang)});
    case K::Equivalent: {
      std::vector<std::string> tied;
      for (const auto& t : c.tied) tied.push_back(plan(t, lang));
      const std::string absolute = r.scenario.site_selection->equivalent_relative
                                       ? " (" + shown(m, r.indifference_zone, lang) + " " + measure_name(m, r.analysis.measure_label, lang) + ")"
                                       : "";
      return fill(word("s.equivalent", lang), {listed(tied, lang), zone(r, lang), absolute, w});
    }
    case K::NotDecided: {
      std::vector<std::string> tied;
      for (const auto& t : c.tied) tied.push_back(plan(t, lang));
      const bool pair = tied.size() <= 2;
      if (!std::isnan(c.needed) && c.needed <= 1000) {
        const std::string s = fill(word("s.not_decided", lang), {w, next, whole(c.replications, lang), number(c.needed, 0, lang)});
        return pair ? s : s + fill(word("s.not_decided_more", lang), {w, listed(std::vector<std::string>(tied.begin() + 2, tied.end()), lang)});
      }
      // Beyond a thousand replications (or equal means) more runs are not the answer: the
      // options are equivalent at this precision, and the planner chooses on other grounds.
      std::string s = pair ? fill(word("s.eq_here", lang), {w, next, shown(m, c.diff, lang), interval(m, c.low, c.high, lang), measure_name(m, r.analysis.measure_label, lang)})
                           : fill(word("s.eq_here_many", lang), {listed(tied, lang), w, next, shown(m, c.diff, lang),
                                                                  interval(m, c.low, c.high, lang), measure_name(m, r.analysis.measure_label, lang)});
      const double share = 100 * std::max(std::fabs(c.low), std::fabs(c.high)) / std::fabs(c.winner_mean);
      if (std::isfinite(share)) {
        char b[32];
        std::snprintf(b, sizeof b, "%.2g", share);
        std::string p = b;
        if (lang == Lang::fr && p.find('.') != std::string::npos) p[p.find('.')] = ',';
        s += fill(word("s.eq_share", lang), {p + percent(lang), w});
      }
      s += word("s.eq_too_little", lang);
      if (!std::isnan(c.needed)) s += fill(word("s.eq_needed", lang), number(c.needed, 0, lang));
      return s + word("s.eq_end", lang);
    }
  }
  return "";
}

std::string against_today_words(const SiteRanking& r, Lang lang) {
  const AgainstToday& t = r.today;
  if (t.kind == AgainstToday::Kind::None) return "";
  const std::string m = objective_measure(*r.scenario.site_selection);
  const std::string w = plan(r.choice.winner, lang), name = measure_name(m, r.analysis.measure_label, lang);
  switch (t.kind) {
    case AgainstToday::Kind::Better:
      return fill(word("s.today_better", lang), {w, name, shown(m, std::fabs(t.diff), lang), interval(m, t.low, t.high, lang)});
    case AgainstToday::Kind::Worse:
      return fill(word("s.today_worse", lang), {w, name, shown(m, -t.diff, lang), interval(m, -t.high, -t.low, lang)});
    default:
      return fill(word("s.today_not_sure", lang), {w, name, shown(m, std::fabs(t.diff), lang), interval(m, t.low, t.high, lang)});
  }
}

std::string difference_words(const SiteRanking& r, const OptionDifference& d, Lang lang) {
  if (d.winner) return word("s.the_winner", lang);
  const SiteSelection& sel = *r.scenario.site_selection;
  auto list = [&](const std::vector<std::size_t>& v) {
    std::vector<std::string> names;
    for (auto k : v) names.push_back(describe(r.scenario, sel.candidates.at(k), lang));
    return listed(names, lang);
  };
  // Many sites: say how many first, so the sentence reads before its list.
  const std::string many = d.in.size() > 3 ? fill(word("s.other_sites", lang), std::to_string(d.in.size())) : "";
  std::string text = fill(word("s.diff", lang), {plan(d.option, lang), plan(r.choice.winner, lang),
                                                 d.in.empty() ? word("s.same_sites", lang) : many + list(d.in)});
  if (!d.out.empty()) text += word(d.in.empty() ? "s.less" : many.empty() ? "s.instead" : "s.instead_list", lang) + list(d.out);
  else if (!d.in.empty()) text += word("s.added", lang);
  return text;
}

std::vector<std::string> verdict_lines(const SiteRanking& r, Lang lang) {
  std::vector<std::string> out;
  const std::string decision = decision_words(r, lang);
  if (!decision.empty()) out.push_back(decision);
  SelectionVerdict v = r.analysis;
  // Not decided between the same two: the decision already says how sure, and what to do.
  if (r.choice.kind == SelectionDecision::Kind::NotDecided && v.winner == r.choice.winner && v.second == r.choice.next)
    v.not_sure = false;
  for (auto& line : verdict_lines(v, lang)) out.push_back(std::move(line));
  if (!r.sequential_outcome.empty()) {
    std::string used;
    for (const auto& [name, n] : r.replications_used) used += (used.empty() ? "" : ", ") + plan(name, lang) + " " + std::to_string(n);
    out.push_back(fill(word("s.sequential", lang), {zone(r, lang), used}));
  }
  const std::string today = against_today_words(r, lang);
  if (!today.empty()) out.push_back(fill(word("s.today", lang), today));
  for (const auto& d : r.option_differences)
    if (d.option != r.choice.winner) out.push_back(difference_words(r, d, lang) + ".");
  return out;
}

}  // namespace maillage
