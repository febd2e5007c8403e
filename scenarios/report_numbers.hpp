#pragma once
// Numbers as a reader sees them in the report and the printed summary: fixed decimals,
// thousands grouped, the decimal mark of the reader's language.
#include <string>

#include "scenarios/lang.hpp"

namespace maillage {

/** `v` as `std::fixed << std::setprecision(decimals)` prints it ("%.*f" in the C locale),
 *  without building a stream: the report's map prints tens of thousands of numbers. */
std::string fixed_digits(double v, int decimals);

/** A number for a reader: fixed decimals with thousands separators; English 12,345.6,
 *  French 12 345,6 (narrow no-break space, decimal comma); "-" when missing. */
std::string number(double v, int decimals, Lang lang);

}  // namespace maillage
