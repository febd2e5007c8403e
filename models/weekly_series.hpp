#pragma once
// The main measures week by week, from the start (warm-up included), by the week each need
// arose: what a user looks at to check that the warm-up is long enough (the first weeks
// of an empty territory wait less than the steady state), and whether the emergency
// departments' share of the needs settles or keeps growing (a queue above capacity).
// Also per care type: over all of them a GP's wait of hours mixes with an ophthalmologist's
// of months, and a transient of the rarer care type hides in the mean.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/result_table.hpp"

namespace maillage {

class WeeklySeries {
public:
  WeeklySeries(double horizon, std::vector<std::string> care_types);
  void arisen(double t, std::size_t care_type) { ++cell(week(t), care_type).episodes; }
  /** `emergency`: served at an emergency department (a same-day need no primary care met). */
  void served(double arose, double wait, bool emergency, std::size_t care_type) {
    const auto w = week(arose);
    wait_[w] += wait;
    if (emergency) ++ed_visits_[w];
    Cell& c = cell(w, care_type);
    ++c.served;
    c.wait += wait;
  }
  void unserved(double arose, std::size_t care_type) { ++cell(week(arose), care_type).unserved; }
  /** Rows (plan, replication, week) of episodes, served, unserved, wait_days_mean, ed_visits,
   *  then per care type episodes.<ct>, served.<ct>, unserved.<ct>, wait_days_mean.<ct>. */
  ResultTable table(const std::string& plan, const std::string& replication) const;

private:
  struct Cell {
    double episodes = 0, served = 0, unserved = 0, wait = 0;
  };
  std::size_t week(double t) const {
    if (t >= lo_ && t < hi_) return w_;  // most needs arise and end in the week of the last
    const auto w = std::min(weeks_ - 1, static_cast<std::size_t>(std::max(0.0, t) / kWeek));
    // Remember the week's inside, a microsecond short of its ends, where the division can
    // only give w (its rounding moves a quotient of these times by nanoseconds at most).
    w_ = w;
    lo_ = w == 0 ? -kNever : static_cast<double>(w) * kWeek + 1e-6;
    hi_ = w + 1 == weeks_ ? kNever : static_cast<double>(w + 1) * kWeek - 1e-6;
    return w;
  }
  Cell& cell(std::size_t week, std::size_t care_type) { return cells_[week * n_care_ + care_type]; }
  // The counts over all care types are the cells' sums (whole numbers: exact); the wait's is
  // summed apart, in the order it always was, so that its mean keeps the same bits.
  std::size_t weeks_ = 0, n_care_ = 0;
  std::vector<double> wait_, ed_visits_;
  std::vector<std::string> care_types_;
  std::vector<Cell> cells_;  ///< week-major: one week's care types side by side
  // Mutable: week()'s last answer, which changes no count.
  mutable double lo_ = 0.0, hi_ = 0.0;  ///< empty until the first call
  mutable std::size_t w_ = 0;
};

}  // namespace maillage
