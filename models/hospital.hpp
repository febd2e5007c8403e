#pragma once
// A hospital: specialist consultations booked by specialty (long booking horizons), and
// an emergency department (urgences) where patients come without booking.
#include "models/cost.hpp"
#include <cstddef>
#include <string>
#include <vector>

#include "engine/calendar.hpp"

namespace maillage {

struct Specialty {
  std::string name;  ///< ophthalmology, dermatology, cardiology, geriatrics...
  int doctors = 1;
  WeeklyCalendar hours;
};

struct Hospital {
  std::string id;
  std::size_t commune = 0;
  std::vector<Specialty> specialties;
  int ed_doctors = 0;  ///< emergency doctors on duty at any time; 0: no emergency department
  Cost cost;
};

}  // namespace maillage
