#pragma once
// A GP practice: cabinet, MSP (maison de santé pluriprofessionnelle) or centre de santé.
#include "models/cost.hpp"
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
  int doctors = 1;
  WeeklyCalendar hours;
  Access access = Access::Appointment;
  /** false: the practice refuses new patients and sees only those registered with it
   *  (whose médecin traitant it is). */
  bool new_patients = true;
  /** Residents registered with it at most (its médecin traitant panel); 0: doctors times
   *  the scenario's panel_per_doctor. Used with `demand.medecin_traitant: panels`. */
  double panel = 0.0;
  Cost cost;
};

}  // namespace maillage
