#pragma once
// A fixed teleconsultation device: a cabin (cabine), a kiosk (borne) or a suitcase
// (mallette, used by a nurse, so open only during the nurse's hours). The patient comes to
// it, and a doctor of its remote pool consults over the site's network link.
#include "models/cost.hpp"
#include <cstddef>
#include <string>

#include "engine/calendar.hpp"

namespace maillage {

enum class CabinKind { Cabin, Kiosk, Suitcase };
const char* to_string(CabinKind k);

struct Cabin {
  std::string id;
  std::size_t commune = 0;
  CabinKind kind = CabinKind::Cabin;
  std::size_t pool = 0;  ///< index in the scenario's remote pools
  WeeklyCalendar hours;  ///< for a suitcase: its nurse's hours
  int ehpad = -1;        ///< an EHPAD's cart, for its residents only; -1: open to all
  int host = -1;         ///< the practice it stands in, whose line it shares; -1: a line of its own
  Cost cost;
};

}  // namespace maillage
