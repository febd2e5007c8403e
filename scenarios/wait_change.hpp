#pragma once
// A care type's mean wait against the baseline said as a person reads it, in the report and
// the printed tables.
#include <string>

#include "scenarios/report_words.hpp"

namespace maillage {

/** A care type's mean wait change in words, from the days it is shorter (negative: longer)
 *  and their 95% interval: "ophthalmologist mean wait 2.20 days shorter [1.50; 2.90]"; in
 *  hours when it and its interval are under a day ("same-day GP care mean wait 1.3 hours
 *  longer [1.2; 1.4]": "0.05 days" reads as nothing); "... mean wait unchanged" when they
 *  show as zero (the first screen's words). `plain`: the printed tables' numbers ("0.22",
 *  "[0.20, 0.24]"), else the report's. */
std::string wait_change(const std::string& care_type, double shorter, double low, double high, Lang lang, bool plain = false);

}  // namespace maillage
