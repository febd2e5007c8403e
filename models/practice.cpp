#include "models/practice.hpp"

namespace maillage {

const char* to_string(PracticeKind k) {
  switch (k) {
    case PracticeKind::Msp: return "msp";
    case PracticeKind::CentreDeSante: return "centre_de_sante";
    case PracticeKind::Cabinet: break;
  }
  return "cabinet";
}

const char* to_string(Access a) { return a == Access::WalkIn ? "walk_in" : "appointment"; }

}  // namespace maillage
