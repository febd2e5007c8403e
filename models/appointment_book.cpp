#include "models/appointment_book.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {

AppointmentBook::AppointmentBook(double doctors, const WeeklyCalendar& hours) : hours_(hours) {
  const double full = std::floor(std::max(doctors, 0.0) + 1e-9);  // 2.9999999999 is 3
  const double share = doctors - full;
  n_ = static_cast<std::uint32_t>(full) + (share > 1e-9 ? 1 : 0);
  if (n_ > kInline) more_.assign(n_, 0.0);
  if (share > 1e-9) part_ = share;
}

AppointmentBook::Slot AppointmentBook::earliest(double t, double d, double latest) const {
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

void AppointmentBook::book(const Slot& slot, double d) {
  const auto k = static_cast<std::uint32_t>(slot.doctor);
  double* free_from = diaries();
  free_from[k] = slot.start + (k + 1 == n_ ? d / part_ : d);
  min_free_ = *std::min_element(free_from, free_from + n_);
  busy_ += std::max(0.0, std::min(slot.start + d, to_) - std::max(slot.start, from_));
}

double AppointmentBook::capacity_seconds() const {
  const double diaries = n_ == 0 ? 0.0 : static_cast<double>(n_) - 1.0 + part_;
  return diaries * hours_.open_seconds(from_, to_);
}

}  // namespace maillage
