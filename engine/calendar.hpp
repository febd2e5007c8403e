#pragma once
// Weekly opening hours. Time is in seconds since the simulation's origin, which is a
// Monday 00:00; the week repeats. Built from day masks and "HH:MM-HH:MM" ranges, or always.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace maillage {

constexpr double kDay = 86400.0;
constexpr double kWeek = 7 * kDay;
constexpr double kNever = std::numeric_limits<double>::infinity();

/** std::floor(q), bit for bit, without the library call (no SSE4.1 rounding instruction
 *  without -march): a positive q below 2^53 truncates to the same whole number, exactly
 *  representable; zeros, negatives, huge values, infinities and NaN go to std::floor. */
inline double floor_exact(double q) {
  if (q > 0 && q < 9007199254740992.0) return static_cast<double>(static_cast<std::int64_t>(q));
  return std::floor(q);
}

/** Thrown by the parsers with a message a user can act on, e.g.
 *  `expected a time range like "08:30-12:30", got "8h-12h"`. */
struct CalendarError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class WeeklyCalendar {
public:
  /** A calendar that is never open. */
  WeeklyCalendar() = default;
  /** Open day and night. */
  static WeeklyCalendar always();

  /** Bit mask of days (bit 0 = Monday ... bit 6 = Sunday) from "mon", "mon-fri",
   *  "sat,sun", "mon-wed,fri", "daily"/"every day"/"mon-sun". Case-insensitive. */
  static std::uint8_t parse_days(const std::string& spec);
  /** Ranges within one day, seconds since midnight: "08:30-12:30, 14:00-19:00".
   *  "24:00" is allowed as an end; a range must not be empty; ranges may not overlap. */
  static std::vector<std::pair<double, double>> parse_ranges(const std::string& spec);

  /** Opens [start, end) seconds-since-midnight on every day of the mask. Overlaps with
   *  what is already open are merged. */
  void add(std::uint8_t day_mask, double start, double end);

  bool is_always() const {
    return intervals_.size() == 1 && intervals_[0].first == 0.0 && intervals_[0].second == kWeek;
  }
  bool is_never() const { return intervals_.empty(); }
  /** Whether open at t. */
  bool is_open(double t) const;
  /** Earliest time >= t when open (t itself when open now); kNever if never open. */
  double next_open(double t) const;
  /** When open at t: the end of the current open stretch (kNever if always open);
   *  when closed: t. Adjacent intervals, e.g. across midnight, count as one stretch. */
  double open_until(double t) const;
  /** Open seconds within [t0, t1]. */
  double open_seconds(double t0, double t1) const;
  /** Open seconds in one week. */
  double weekly_open_seconds() const;
  /** Earliest s >= t such that the calendar is open throughout [s, s + length): where a
   *  booked consultation of that length can start. kNever if no open stretch is that long.
   *  length 0 behaves as next_open(t). */
  double earliest_fit(double t, double length) const;

  /** Sorted, merged, disjoint [start, end) intervals in seconds within [0, kWeek). */
  const std::vector<std::pair<double, double>>& intervals() const { return intervals_; }

private:
  /** t = base + r with base a multiple of kWeek and r in [0, kWeek). */
  static void split(double t, double& base, double& r) {
    base = floor_exact(t / kWeek) * kWeek;
    r = t - base;
    if (r >= kWeek) base += kWeek, r = 0.0;  // floating point at the week's edge
    if (r < 0) r = 0.0;
  }
  /** The first interval whose end is after r (a time within the week). */
  std::vector<std::pair<double, double>>::const_iterator first_ending_after(double r) const {
    // The day of r, exactly (a product may round up across midnight): by_day_ then points at
    // or before the answer, since ends ascend and none before it ends after that midnight.
    const double q = r * (1.0 / kDay);
    int d = q >= 1 ? (q < 6 ? static_cast<int>(q) : 6) : 0;  // NaN: 0, then the end, as upper_bound
    if (d > 0 && d * kDay > r) --d;
    auto it = intervals_.begin() + by_day_[static_cast<std::size_t>(d)];
    while (it != intervals_.end() && !(r < it->second)) ++it;
    return it;
  }
  /** Fills by_day_ from intervals_. */
  void index_days();
  std::vector<std::pair<double, double>> intervals_;
  /** Per day of the week, the first interval ending after its midnight: first_ending_after
   *  starts there and steps over the day's few intervals instead of a binary search (the
   *  booking search asks it for every diary it looks at). */
  std::array<std::uint16_t, 7> by_day_{};
};

// In the header: the booking search calls it for every diary it looks at (France: hundreds
// of millions of times), and a call from another file cannot be inlined without LTO.
inline double WeeklyCalendar::earliest_fit(double t, double length) const {
  if (intervals_.empty()) return kNever;
  if (is_always()) return t;
  // The same walk as next_open / open_until / next_open..., with one split and one
  // search from the day's first interval. Stretches repeat weekly, so at most one week
  // plus one interval is looked at.
  const std::size_t n = intervals_.size();
  double base, r;
  split(t, base, r);
  std::size_t i = static_cast<std::size_t>(first_ending_after(r) - intervals_.begin());
  double s;
  if (i == n) i = 0, base += kWeek, s = base + intervals_[0].first;
  else s = intervals_[i].first <= r ? t : base + intervals_[i].first;
  // Sunday night running into Monday morning is one stretch.
  const bool wraps = intervals_.back().second == kWeek && intervals_.front().first == 0.0;
  for (std::size_t tries = 0; tries <= n + 1; ++tries) {
    double end = base + intervals_[i].second;
    if (i == n - 1 && wraps) end = base + kWeek + intervals_[0].second;
    if (end - s >= length) return s;
    // The next stretch: the next interval, the week after for the last (and past the
    // Monday-morning part of a wrapping stretch).
    if (++i == n) i = 0, base += kWeek;
    if (i == 0 && wraps) {
      if (n == 1) return kNever;  // unreachable: one interval [0, kWeek) is always
      i = 1;
    }
    s = base + intervals_[i].first;
  }
  return kNever;
}

}  // namespace maillage
