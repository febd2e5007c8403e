#include "scenarios/quantity.hpp"

#include "scenarios/diagnostics.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace maillage {
namespace {

struct Unit {
  Dimension dimension;
  const char* name;
  double factor;  // to SI
};

constexpr double kDaySeconds = 86400.0;
constexpr double kYearSeconds = 365 * kDaySeconds;

const Unit kUnits[] = {
    {Dimension::Duration, "ms", 1e-3},    {Dimension::Duration, "s", 1},        {Dimension::Duration, "sec", 1},
    {Dimension::Duration, "min", 60},     {Dimension::Duration, "h", 3600},
    {Dimension::Duration, "d", kDaySeconds}, {Dimension::Duration, "day", kDaySeconds},
    {Dimension::Duration, "days", kDaySeconds}, {Dimension::Duration, "w", 7 * kDaySeconds},
    {Dimension::Duration, "week", 7 * kDaySeconds}, {Dimension::Duration, "weeks", 7 * kDaySeconds},
    {Dimension::Distance, "m", 1},        {Dimension::Distance, "km", 1000},
    {Dimension::Speed, "km/h", 1000.0 / 3600.0}, {Dimension::Speed, "m/s", 1},
    {Dimension::Bandwidth, "bps", 1},     {Dimension::Bandwidth, "kbps", 1e3},
    {Dimension::Bandwidth, "Mbps", 1e6},  {Dimension::Bandwidth, "Gbps", 1e9},
    {Dimension::Size, "B", 1},            {Dimension::Size, "kB", 1e3},
    {Dimension::Size, "MB", 1e6},         {Dimension::Size, "GB", 1e9},
    {Dimension::Money, "EUR", 1},         {Dimension::Money, "kEUR", 1e3},
    {Dimension::Rate, "per year", 1 / kYearSeconds}, {Dimension::Rate, "per month", 12 / kYearSeconds},
    {Dimension::Rate, "per week", 1 / (7 * kDaySeconds)}, {Dimension::Rate, "per day", 1 / kDaySeconds},
    {Dimension::Rate, "per hour", 1 / 3600.0},
};

std::string units_of(Dimension d) {
  std::string s;
  for (const auto& u : kUnits)
    if (u.dimension == d) s += (s.empty() ? "" : ", ") + std::string(u.name);
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

std::string describe(Dimension d) {
  switch (d) {
    case Dimension::Duration: return "a duration like \"15 min\"";
    case Dimension::Distance: return "a distance like \"12 km\"";
    case Dimension::Speed: return "a speed like \"70 km/h\"";
    case Dimension::Bandwidth: return "a bandwidth like \"100 Mbps\"";
    case Dimension::Size: return "a size like \"5 MB\"";
    case Dimension::Money: return "an amount like \"360000 EUR\"";
    case Dimension::Rate: return "a rate like \"1.2 per year\"";
  }
  return "a quantity";
}

double parse_quantity(const std::string& text, Dimension d, bool allow_negative) {
  const std::string s = trim(text);
  const std::string expected = "expected " + describe(d) + " (units: " + units_of(d) + "), got \"" + short_text(text) + "\"";
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(v)) throw QuantityError(expected);
  const std::string unit = trim(std::string(end));
  if (unit.empty()) throw QuantityError(expected + ": the unit is missing");
  for (const auto& u : kUnits) {
    if (unit != u.name) continue;
    if (u.dimension != d) throw QuantityError(expected);
    if (v < 0 && !allow_negative) throw QuantityError(expected + ": it must not be negative");
    return v * u.factor;
  }
  throw QuantityError(expected + ": unknown unit \"" + short_text(unit) + "\"");
}

std::string format_duration(double seconds) {
  struct Step {
    double size;
    const char* name;
  };
  const Step steps[] = {{7 * kDaySeconds, "w"}, {kDaySeconds, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
  for (const auto& st : steps) {
    const double n = seconds / st.size;
    // The largest unit that gives a whole number or a one-decimal number of at least 1.
    if (std::fabs(n) >= 1 && std::fabs(n * 10 - std::round(n * 10)) < 1e-9) {
      std::ostringstream o;
      o << std::round(n * 10) / 10 << " " << st.name;
      return o.str();
    }
  }
  std::ostringstream o;
  o << seconds << " s";
  return o.str();
}

}  // namespace maillage
