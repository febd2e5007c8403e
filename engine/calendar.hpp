#pragma once
// Weekly opening hours. Time is in seconds since the simulation's origin, which is a
// Monday 00:00; the week repeats. Built from day masks and "HH:MM-HH:MM" ranges, or always.
#include <array>
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

  bool is_always() const;
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
  /** The first interval whose end is after r (a time within the week). */
  std::vector<std::pair<double, double>>::const_iterator first_ending_after(double r) const;
  /** Fills by_day_ from intervals_. */
  void index_days();
  std::vector<std::pair<double, double>> intervals_;
  /** Per day of the week, the first interval ending after its midnight: first_ending_after
   *  starts there and steps over the day's few intervals instead of a binary search (the
   *  booking search asks it for every diary it looks at). */
  std::array<std::uint16_t, 7> by_day_{};
};

}  // namespace maillage
