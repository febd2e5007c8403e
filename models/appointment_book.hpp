#pragma once
// The booking calendar of a team of doctors (access: appointment). Each request takes the
// earliest time any doctor can see the patient for the whole consultation within opening
// hours. Requests are booked in the order they arrive, always at the earliest fit, so each
// doctor's diary is summed up by the time from which it is free. A fraction of a doctor is
// a part-time diary, listed last: each consultation holds it for its length divided by the
// share (half-time: twice as long), so it has that share of a full diary's weekly slots.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"

namespace maillage {

class AppointmentBook {
public:
  AppointmentBook(double doctors, const WeeklyCalendar& hours);

  struct Slot {
    double start = kNever;
    int doctor = -1;
  };
  /** Earliest slot starting at or after t for a consultation of length d; start is kNever
   *  when the hours never hold such a consultation. Slots after `latest` are not looked for
   *  (start is then above latest, not necessarily exact): callers only want slots in time. */
  Slot earliest(double t, double d, double latest = kNever) const;
  /** Books a slot returned by earliest(); `window` is [from, to) of the measured period. */
  void book(const Slot& slot, double d);

  /** Only consultation time within [from, to) counts towards busy_seconds(). */
  void measure_between(double from, double to) { from_ = from, to_ = to; }
  double busy_seconds() const { return busy_; }
  /** Doctor-seconds of opening within the measured period. */
  double capacity_seconds() const;
  int doctors() const { return static_cast<int>(n_); }
  /** From when some diary is free (kNever without doctors): no slot before it. It only
   *  grows, so a minimum taken over several books stays a lower bound. */
  double free_from() const { return n_ == 0 ? kNever : min_free_; }

private:
  /** Teams up to this size keep their diaries in the book itself: a France run looks at
   *  millions of books, and a diary list of its own would be one more cache miss each. */
  static constexpr std::uint32_t kInline = 6;
  const double* diaries() const { return n_ <= kInline ? inline_ : more_.data(); }
  double* diaries() { return n_ <= kInline ? inline_ : more_.data(); }

  const WeeklyCalendar& hours_;
  std::uint32_t n_ = 0;    ///< diaries
  double part_ = 1.0;      ///< the last diary's share of full time
  double min_free_ = 0.0;  ///< the earliest diary's free time: a full team is refused at once
  double inline_[kInline] = {};  ///< when each diary is free (n_ <= kInline)
  double from_ = 0.0, to_ = kNever, busy_ = 0.0;
  std::vector<double> more_;  ///< when each diary is free (larger teams)
};

// In the header, as WeeklyCalendar::earliest_fit: the booking search calls it per practice.
inline AppointmentBook::Slot AppointmentBook::earliest(double t, double d, double latest) const {
  // The earliest start s >= x that fits grows with x, so the diary free first gives the
  // earliest slot: one calendar search per request, not one per doctor. Among the diaries
  // that can take that slot, the first listed (as the old per-doctor search chose).
  if (n_ == 0 || std::max(t, min_free_) > latest)  // nobody, or every diary full until after `latest`
    return Slot{latest < kNever ? std::nextafter(latest, kNever) : kNever, -1};
  const double first = std::max(t, min_free_);
  const double s = hours_.earliest_fit(first, d);
  if (s == kNever) return Slot{};  // the hours never hold such a consultation
  const double by = std::min(s, latest);
  const double* free_from = diaries();
  for (std::uint32_t k = 0; k < n_; ++k)
    if (std::max(t, free_from[k]) <= by) return Slot{s, static_cast<int>(k)};
  return Slot{};  // unreachable: the first free diary qualifies
}

}  // namespace maillage
