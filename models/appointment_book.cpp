#include "models/appointment_book.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {

AppointmentBook::AppointmentBook(int doctors, const WeeklyCalendar& hours)
    : hours_(hours), free_from_(static_cast<std::size_t>(std::max(doctors, 0)), 0.0) {}

AppointmentBook::Slot AppointmentBook::earliest(double t, double d, double latest) const {
  // The earliest start s >= x that fits grows with x, so the diary free first gives the
  // earliest slot: one calendar search per request, not one per doctor. Among the diaries
  // that can take that slot, the first listed (as the old per-doctor search chose).
  if (free_from_.empty() || std::max(t, min_free_) > latest)  // nobody, or every diary full until after `latest`
    return Slot{latest < kNever ? std::nextafter(latest, kNever) : kNever, -1};
  const double first = std::max(t, min_free_);
  const double s = hours_.earliest_fit(first, d);
  if (s == kNever) return Slot{};  // the hours never hold such a consultation
  const double by = std::min(s, latest);
  for (std::size_t k = 0; k < free_from_.size(); ++k)
    if (std::max(t, free_from_[k]) <= by) return Slot{s, static_cast<int>(k)};
  return Slot{};  // unreachable: the first free diary qualifies
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
