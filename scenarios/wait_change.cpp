#include "scenarios/wait_change.hpp"

#include <cmath>

namespace maillage {

std::string wait_change(const std::string& care_type, double shorter, double low, double high, Lang lang, bool plain) {
  const bool hours = std::fabs(shorter) < 1 && (std::isnan(low) || (std::fabs(low) < 1 && std::fabs(high) < 1));
  auto shown = [&](double days) {
    const double v = hours ? 24 * days : days;
    std::string s = plain ? fixed_digits(v, hours ? 1 : 2) : number(v, hours ? 1 : 2, lang);
    if (s.find_first_not_of("-0.,") == std::string::npos && s[0] == '-') s.erase(0, 1);  // no "-0.0"
    return s;
  };
  const std::string zero = shown(0.0);
  if (std::isnan(shorter) || (shown(shorter) == zero && (std::isnan(low) || (shown(low) == zero && shown(high) == zero))))
    return fill(word("first.ctwait.same", lang), care_type);
  const bool is_shorter = shorter > 0;
  const std::string magnitude = shown(std::fabs(shorter));
  const std::string key = std::string(hours ? "first.ctwait_h" : "first.ctwait") + (is_shorter ? ".less" : ".more");
  std::string text = fill(word_for(key, magnitude, lang), {care_type, magnitude});
  // The interval in the direction of the words: "longer [1.2; 1.4]".
  if (!std::isnan(low)) text += " [" + shown(is_shorter ? low : -high) + (plain ? ", " : "; ") + shown(is_shorter ? high : -low) + "]";
  return text;
}

}  // namespace maillage
