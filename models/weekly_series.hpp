#pragma once
// The main measures week by week, from the start (warm-up included), by the week each need
// arose: what a user looks at to check that the warm-up is long enough (the first weeks
// of an empty territory wait less than the steady state), and whether the emergency
// departments' share of the needs settles or keeps growing (a queue above capacity).
#include <cstddef>
#include <string>
#include <vector>

#include "engine/result_table.hpp"

namespace maillage {

class WeeklySeries {
public:
  explicit WeeklySeries(double horizon);
  void arisen(double t) { ++episodes_[week(t)]; }
  /** `emergency`: served at an emergency department (a same-day need no primary care met). */
  void served(double arose, double wait, bool emergency) {
    const auto w = week(arose);
    ++served_[w];
    wait_[w] += wait;
    if (emergency) ++ed_visits_[w];
  }
  void unserved(double arose) { ++unserved_[week(arose)]; }
  /** Rows (plan, replication, week) of episodes, served, unserved, wait_days_mean, ed_visits. */
  ResultTable table(const std::string& plan, const std::string& replication) const;

private:
  std::size_t week(double t) const;
  std::vector<double> episodes_, served_, unserved_, wait_, ed_visits_;
};

}  // namespace maillage
