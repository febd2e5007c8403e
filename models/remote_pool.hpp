#pragma once
// Doctors who consult remotely: a teleconsultation platform, or a hospital's specialists
// answering tele-expertise. They serve cabins, practices and homes over the network.
#include "models/cost.hpp"
#include <string>

#include "engine/calendar.hpp"

namespace maillage {

struct RemotePool {
  std::string id;
  int doctors = 1;
  WeeklyCalendar hours;
  Cost cost;
};

}  // namespace maillage
