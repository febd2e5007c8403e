#include "scenarios/report_numbers.hpp"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace maillage {

std::string fixed_digits(double v, int decimals) {
  // to_chars is exact and rounds as printf does (to nearest, ties to even on the binary
  // value); a stream is the fallback for what the buffer cannot hold.
  char buf[128];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec == std::errc()) return std::string(buf, end);
  std::ostringstream s;
  s << std::fixed << std::setprecision(decimals) << v;
  return s.str();
}

std::string number(double v, int decimals, Lang lang) {
  if (std::isnan(v)) return "-";
  const std::string digits = fixed_digits(std::fabs(v), decimals);
  const auto dot = digits.find('.');
  std::string whole = digits.substr(0, dot), frac = dot == std::string::npos ? "" : digits.substr(dot + 1);
  const std::string group = lang == Lang::fr ? "\u202f" : ",";  // narrow no-break space in French
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped += whole[i];
  }
  // No "-0": a sign where there is none.
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return (v < 0 && !zero ? "-" : "") + grouped + (frac.empty() ? "" : (lang == Lang::fr ? "," : ".") + frac);
}

}  // namespace maillage
