#pragma once
// A GP practice: cabinet, MSP (maison de santé pluriprofessionnelle) or centre de santé.
#include "models/cost.hpp"
#include <algorithm>
#include <cmath>
#include <string>

#include "engine/calendar.hpp"

namespace maillage {

enum class PracticeKind { Cabinet, Msp, CentreDeSante };
enum class Access { Appointment, WalkIn };

const char* to_string(PracticeKind k);
const char* to_string(Access a);

struct Practice {
  std::string id;
  std::size_t commune = 0;  ///< index in the territory's communes
  PracticeKind kind = PracticeKind::Cabinet;
  /** Full-time doctors; a fraction is a part-time diary (2.5: two full diaries and one
   *  with half their weekly slots). */
  double doctors = 1;
  WeeklyCalendar hours;
  Access access = Access::Appointment;
  /** false: the practice refuses new patients and sees only those registered with it
   *  (whose médecin traitant it is). */
  bool new_patients = true;
  /** Residents registered with it at most (its médecin traitant panel); 0: doctors times
   *  the scenario's panel_per_doctor. Used with `demand.medecin_traitant: panels`. */
  double panel = 0.0;
  Cost cost;

  /** A walk-in practice's doctors serve one queue: whole servers, a fraction rounded to
   *  the nearest (halves up), at least one. */
  int servers() const { return std::max(1, static_cast<int>(std::floor(doctors + 0.5))); }
};

}  // namespace maillage
