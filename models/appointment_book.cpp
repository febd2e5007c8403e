#include "models/appointment_book.hpp"

#include <limits>

#include <algorithm>
#include <cmath>

namespace maillage {

AppointmentBook::AppointmentBook(int doctors, const WeeklyCalendar& hours)
    : hours_(hours), free_from_(static_cast<std::size_t>(std::max(doctors, 0)), 0.0) {}

AppointmentBook::Slot AppointmentBook::earliest(double t, double d, double latest) const {
  Slot best;
  bool searched = false;
  const double bound = latest;  // nothing after it is wanted
  double last_from = std::numeric_limits<double>::quiet_NaN(), last_fit = kNever;
  // Every diary full until after `latest` (the usual case for a same-day need in a busy
  // town): what the loop below would find, without it.
  if (latest < kNever && std::max(t, min_free_) > bound) return Slot{std::nextafter(latest, kNever), -1};
  for (std::size_t k = 0; k < free_from_.size(); ++k) {
    // A diary free only after the best slot so far (or after what is wanted) cannot beat it:
    // skip the calendar search, the costly part when practices are full.
    const double from = std::max(t, free_from_[k]);
    if (from >= best.start || from > bound) continue;
    searched = true;
    // Diaries free at the same time (all of them, often, when the day starts) share one search.
    if (from != last_from) last_from = from, last_fit = hours_.earliest_fit(from, d);
    if (last_fit < best.start) best = Slot{last_fit, static_cast<int>(k)};
  }
  // Every diary was full until after `latest`: nothing in time (kNever stays for hours that
  // can never hold the consultation).
  if (!searched && latest < kNever) best.start = std::nextafter(latest, kNever);
  return best;
}

void AppointmentBook::book(const Slot& slot, double d) {
  free_from_[static_cast<std::size_t>(slot.doctor)] = slot.start + d;
  min_free_ = *std::min_element(free_from_.begin(), free_from_.end());
  busy_ += std::max(0.0, std::min(slot.start + d, to_) - std::max(slot.start, from_));
}

double AppointmentBook::capacity_seconds() const {
  return static_cast<double>(free_from_.size()) * hours_.open_seconds(from_, to_);
}

}  // namespace maillage
