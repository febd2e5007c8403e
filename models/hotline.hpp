#pragma once
// A CPTS phone line for unscheduled care (soins non programmés): on-call doctors give
// same-day or next-day slots to the communes it covers, up to a number of slots a day.
#include "models/cost.hpp"
#include <cstddef>
#include <string>
#include <vector>

#include "engine/calendar.hpp"

namespace maillage {

struct Hotline {
  std::string id;
  std::size_t commune = 0;            ///< where the on-call consultations take place
  std::vector<std::size_t> communes;  ///< communes it covers; empty: all
  int doctors = 1;                    ///< on call during the hours
  WeeklyCalendar hours;
  int slots_per_day = 0;              ///< consultations it can give a day
  Cost cost;
};

}  // namespace maillage
