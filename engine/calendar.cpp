#include "engine/calendar.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace maillage {
namespace {

const char* const kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int day_index(const std::string& name, const std::string& spec) {
  for (int i = 0; i < 7; ++i)
    if (name == kDayNames[i]) return i;
  throw CalendarError("unknown day \"" + name + "\" in \"" + spec +
                      "\": expected mon, tue, wed, thu, fri, sat, sun, ranges like mon-fri, or daily");
}

// "08:30" -> seconds since midnight; -1 when malformed.
double parse_clock(const std::string& s) {
  const auto colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 2 || s.size() - colon != 3) return -1;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != colon && !std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
  const int h = std::stoi(s.substr(0, colon)), m = std::stoi(s.substr(colon + 1));
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
  return h * 3600.0 + m * 60.0;
}

}  // namespace

WeeklyCalendar WeeklyCalendar::always() {
  WeeklyCalendar c;
  c.intervals_.push_back({0.0, kWeek});
  c.index_days();
  return c;
}

std::uint8_t WeeklyCalendar::parse_days(const std::string& spec) {
  const std::string s = lower(trim(spec));
  if (s == "daily" || s == "every day") return 0x7F;
  std::uint8_t mask = 0;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const auto comma = s.find(',', pos);
    const std::string part = trim(s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    const auto dash = part.find('-');
    if (dash == std::string::npos) {
      mask |= static_cast<std::uint8_t>(1u << day_index(part, spec));
    } else {
      // A range may wrap over the week end: "sat-mon" is Saturday, Sunday, Monday.
      const int a = day_index(trim(part.substr(0, dash)), spec), b = day_index(trim(part.substr(dash + 1)), spec);
      for (int d = a;; d = (d + 1) % 7) {
        mask |= static_cast<std::uint8_t>(1u << d);
        if (d == b) break;
      }
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return mask;
}

std::vector<std::pair<double, double>> WeeklyCalendar::parse_ranges(const std::string& spec) {
  std::vector<std::pair<double, double>> out;
  const std::string example = "expected time ranges like \"08:30-12:30, 14:00-19:00\", got \"" + spec + "\"";
  std::size_t pos = 0;
  const std::string s = trim(spec);
  if (s.empty()) throw CalendarError(example);
  while (pos <= s.size()) {
    const auto comma = s.find(',', pos);
    const std::string part = trim(s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    const auto dash = part.find('-');
    if (dash == std::string::npos) throw CalendarError(example);
    const double a = parse_clock(trim(part.substr(0, dash))), b = parse_clock(trim(part.substr(dash + 1)));
    if (a < 0 || b < 0 || a >= 86400.0) throw CalendarError(example);
    if (b <= a)
      throw CalendarError("the range \"" + part +
                          "\" ends before it starts; a night opening is two ranges on two days, e.g. "
                          "mon: \"20:00-24:00\" and tue: \"00:00-08:00\"");
    for (const auto& [x, y] : out)
      if (a < y && x < b) throw CalendarError("the ranges in \"" + spec + "\" overlap");
    out.push_back({a, b});
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

void WeeklyCalendar::add(std::uint8_t day_mask, double start, double end) {
  for (int d = 0; d < 7; ++d)
    if (day_mask & (1u << d)) intervals_.push_back({d * kDay + start, d * kDay + end});
  std::sort(intervals_.begin(), intervals_.end());
  std::vector<std::pair<double, double>> merged;
  for (const auto& iv : intervals_) {
    if (!merged.empty() && iv.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, iv.second);
    else
      merged.push_back(iv);
  }
  intervals_.swap(merged);
  index_days();
}

void WeeklyCalendar::index_days() {
  if (intervals_.size() > 0xffff) throw CalendarError("more than 65535 opening ranges in a week");
  for (int d = 0; d < 7; ++d)
    by_day_[static_cast<std::size_t>(d)] = static_cast<std::uint16_t>(
        std::upper_bound(intervals_.begin(), intervals_.end(), d * kDay,
                         [](double v, const std::pair<double, double>& iv) { return v < iv.second; }) -
        intervals_.begin());
}

bool WeeklyCalendar::is_open(double t) const {
  if (intervals_.empty()) return false;
  double base, r;
  split(t, base, r);
  // First interval with end > r.
  auto it = first_ending_after(r);
  return it != intervals_.end() && it->first <= r;
}

double WeeklyCalendar::next_open(double t) const {
  if (intervals_.empty()) return kNever;
  double base, r;
  split(t, base, r);
  auto it = first_ending_after(r);
  if (it == intervals_.end()) return base + kWeek + intervals_.front().first;
  return it->first <= r ? t : base + it->first;
}

double WeeklyCalendar::open_until(double t) const {
  if (!is_open(t)) return t;
  if (is_always()) return kNever;
  double base, r;
  split(t, base, r);
  auto it = first_ending_after(r);
  double end = base + it->second;
  // Sunday night running into Monday morning is one stretch.
  if (it->second == kWeek && intervals_.front().first == 0.0) end = base + kWeek + intervals_.front().second;
  return end;
}

double WeeklyCalendar::open_seconds(double t0, double t1) const {
  if (t1 <= t0 || intervals_.empty()) return 0.0;
  if (std::isinf(t1)) return kNever;
  auto open_before = [this](double t) {  // open seconds in [0, t)
    double base, r;
    split(t, base, r);
    double s = (base / kWeek) * weekly_open_seconds();
    for (const auto& [a, b] : intervals_) {
      if (a >= r) break;
      s += std::min(b, r) - a;
    }
    return s;
  };
  return open_before(t1) - open_before(t0);
}

double WeeklyCalendar::weekly_open_seconds() const {
  double s = 0;
  for (const auto& [a, b] : intervals_) s += b - a;
  return s;
}

}  // namespace maillage
