#include "models/appointment_book.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {

AppointmentBook::AppointmentBook(double doctors, const WeeklyCalendar& hours) : hours_(hours) {
  const double full = std::floor(std::max(doctors, 0.0) + 1e-9);  // 2.9999999999 is 3
  const double share = doctors - full;
  free_from_.assign(static_cast<std::size_t>(full) + (share > 1e-9 ? 1 : 0), 0.0);
  if (share > 1e-9) part_ = share;
}

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
  const auto k = static_cast<std::size_t>(slot.doctor);
  free_from_[k] = slot.start + (k + 1 == free_from_.size() ? d / part_ : d);
  min_free_ = *std::min_element(free_from_.begin(), free_from_.end());
  busy_ += std::max(0.0, std::min(slot.start + d, to_) - std::max(slot.start, from_));
}

double AppointmentBook::capacity_seconds() const {
  const double diaries = free_from_.empty() ? 0.0 : static_cast<double>(free_from_.size()) - 1.0 + part_;
  return diaries * hours_.open_seconds(from_, to_);
}

}  // namespace maillage
