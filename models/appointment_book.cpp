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
