#include "models/episode.hpp"

namespace maillage {

const char* to_string(UnservedReason r) {
  switch (r) {
    case UnservedReason::TooFar: return "too_far";
    case UnservedReason::TooLong: return "too_long";
    case UnservedReason::Network: return "network";
    case UnservedReason::Capacity: return "capacity";
    case UnservedReason::None: break;
  }
  return "none";
}

}  // namespace maillage
