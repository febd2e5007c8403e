#pragma once
// The words a person reads in report.html and the printed summary, in English and French:
// one table of strings by key, so that a translation is one place to read and complete.
#include <optional>
#include <string>
#include <vector>

#include "scenarios/report_numbers.hpp"

namespace maillage {

/** "en" or "fr"; nullopt for anything else (the CLI's usage error names both). */
std::optional<Lang> parse_lang(const std::string& name);

/** The string for `key` in `lang`; the key itself when the table has none (a missing
 *  translation shows, it does not crash). */
std::string word(const std::string& key, Lang lang);

/** `key`'s string agreeing with a number as shown (`shown`: "1", "0,5"): the table's
 *  `key.one` when the number is singular (English: exactly 1; French: below 2, as in "1
 *  besoin", "0,5 jour"), else `key`'s. */
std::string word_for(const std::string& key, const std::string& shown, Lang lang);

/** Text made safe inside HTML and SVG (&, <, >, "). */
std::string escape(const std::string& s);

/** A note the simulation wrote in English (replications, warm-up, their warnings) in
 *  `lang`: its known fragments translated, anything else left as it is. */
std::string note(const std::string& text, Lang lang);

/** ": ", or in French " : " (a no-break space before the colon, as French typesetting has). */
std::string colon(Lang lang);

/** A plan's name as a reader sees it: "baseline" is "référence (baseline)" in French. */
std::string plan_label(const std::string& plan, Lang lang);

/** "%s" in a words-table pattern replaced by `value` (appended after a space when none). */
std::string fill(const std::string& pattern, const std::string& value);
/** Each "%s" in turn replaced by the next of `values` (values left over are ignored). */
std::string fill(const std::string& pattern, const std::vector<std::string>& values);

/** A measure's human label ("wait (days), mean" / "délai d'attente moyen (jours)"), or
 *  `fallback` when the table has none. */
std::string measure_label(const std::string& column, Lang lang, const std::string& fallback);

}  // namespace maillage
