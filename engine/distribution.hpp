#pragma once
// A positive random duration (or any positive quantity): exponential, lognormal or fixed,
// parameterised by its mean (and sd), in SI units.
#include "engine/random_stream.hpp"

namespace maillage {

struct Distribution {
  enum class Kind { Fixed, Exponential, Lognormal };
  Kind kind = Kind::Fixed;
  double mean = 0.0;
  double sd = 0.0;  ///< lognormal only

  static Distribution fixed(double v) { return {Kind::Fixed, v, 0.0}; }
  static Distribution exponential(double mean) { return {Kind::Exponential, mean, 0.0}; }
  static Distribution lognormal(double mean, double sd) { return {Kind::Lognormal, mean, sd}; }

  /** One draw. Fixed draws consume no random number. */
  double draw(RandomStream& rng) const {
    switch (kind) {
      case Kind::Exponential: return rng.exponential(mean);
      case Kind::Lognormal: return rng.lognormal(mean, sd);
      case Kind::Fixed: break;
    }
    return mean;
  }
};

}  // namespace maillage
