#pragma once
// Quantities with units, as written in scenario files ("15 min", "70 km/h", "1.5 Mbps").
// Parsed once at the boundary; everything inside Maillage is SI: seconds, metres,
// metres per second, bits per second, bytes, euros, events per second.
#include <stdexcept>
#include <string>

namespace maillage {

enum class Dimension { Duration, Distance, Speed, Bandwidth, Size, Money, Rate };

/** Human name of a dimension with an example, for messages: `a duration like "15 min"`. */
std::string describe(Dimension d);

/** Thrown with a message that says what was expected and what was found, e.g.
 *  `expected a duration like "15 min" (units: s, min, h, d, w), got "15"`. */
struct QuantityError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/** Parses "<number> <unit>" (space optional, number may be decimal or scientific) into SI.
 *  Duration: ms, s, sec, min, h, d, day(s), w, week(s) -> seconds (w = 7 d).
 *  Distance: m, km -> metres.  Speed: km/h, m/s -> m/s.
 *  Bandwidth: bps, kbps, Mbps, Gbps -> bit/s (decimal prefixes).
 *  Size: B, kB, MB, GB -> bytes (decimal prefixes).  Money: "EUR", "kEUR" -> euros.
 *  Rate: "<n> per year|month|week|day|hour" -> events per second (year = 365 d,
 *        month = 365/12 d).
 *  A missing unit, an unknown unit, a unit of another dimension, or a negative value
 *  (unless allow_negative) throws QuantityError. */
double parse_quantity(const std::string& text, Dimension d, bool allow_negative = false);

/** Formats seconds compactly for messages and tables: "15 min", "2 h", "3 d", "1.5 d". */
std::string format_duration(double seconds);

}  // namespace maillage
