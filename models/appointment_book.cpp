#include "models/appointment_book.hpp"

#include <algorithm>

namespace maillage {

AppointmentBook::AppointmentBook(int doctors, const WeeklyCalendar& hours)
    : hours_(hours), free_from_(static_cast<std::size_t>(std::max(doctors, 0)), 0.0) {}

AppointmentBook::Slot AppointmentBook::earliest(double t, double d) const {
  Slot best;
  for (std::size_t k = 0; k < free_from_.size(); ++k) {
    // Doctors free at the same time share the same answer: skip the calendar search.
    if (k > 0 && free_from_[k] == free_from_[k - 1] && best.doctor == static_cast<int>(k) - 1) continue;
    const double s = hours_.earliest_fit(std::max(t, free_from_[k]), d);
    if (s < best.start) best = Slot{s, static_cast<int>(k)};
  }
  return best;
}

void AppointmentBook::book(const Slot& slot, double d) {
  free_from_[static_cast<std::size_t>(slot.doctor)] = slot.start + d;
  busy_ += std::max(0.0, std::min(slot.start + d, to_) - std::max(slot.start, from_));
}

double AppointmentBook::capacity_seconds() const {
  return static_cast<double>(free_from_.size()) * hours_.open_seconds(from_, to_);
}

}  // namespace maillage
