#include "models/cabin.hpp"

namespace maillage {

const char* to_string(CabinKind k) {
  switch (k) {
    case CabinKind::Kiosk: return "kiosk";
    case CabinKind::Suitcase: return "suitcase";
    case CabinKind::Cabin: break;
  }
  return "cabin";
}

}  // namespace maillage
