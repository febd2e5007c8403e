#pragma once
// The site-selection verdict in words, English or French: the model and the ranking give it
// as data (models/site_selection.hpp, scenarios/site_ranking.hpp); the sentences live in
// report_words' table, so that the printed ranking and the report speak one language.
#include <string>
#include <vector>

#include "models/site_selection.hpp"
#include "scenarios/report_words.hpp"
#include "scenarios/site_ranking.hpp"

namespace maillage {

/** What the screen's value measures ("share of the need within 30 min of a site"), and
 *  the other model's (`other`). */
std::string screen_label(const SiteScreen& screen, bool other, Lang lang);

/** One screen note, without "Note: " and the final period. */
std::string screen_note_words(const ScreenNote& note, Lang lang);

/** The model's verdict, line by line: who wins by how much, a tie, a margin not sure, no
 *  option better than today, the screen confirmed or overturned, the screen's notes. */
std::vector<std::string> verdict_lines(const SelectionVerdict& verdict, Lang lang);

/** The decision among the options ("Choose option-2."); empty when there is none. */
std::string decision_words(const SiteRanking& ranking, Lang lang);

/** The chosen option against the current placement, without "Against today: ". */
std::string against_today_words(const SiteRanking& ranking, Lang lang);

/** "option-1 = option-2 with MSP, Le Pecq instead of MSP, Jouy-en-Josas", or "the winner". */
std::string difference_words(const SiteRanking& ranking, const OptionDifference& difference, Lang lang);

/** The whole verdict of `maillage select`, as printed and in the report: the decision, the
 *  model's lines (the margin's line left out when the decision says it), the sequential
 *  ranking's replications, against today, each option's differences. */
std::vector<std::string> verdict_lines(const SiteRanking& ranking, Lang lang);

}  // namespace maillage
