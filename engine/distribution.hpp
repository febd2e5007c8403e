#pragma once
// A positive random duration (or any positive quantity): exponential, lognormal or fixed,
// parameterised by its mean (and sd), in SI units.
#include <cmath>

#include "engine/random_stream.hpp"

namespace maillage {

struct Distribution {
  enum class Kind { Fixed, Exponential, Lognormal };
  Kind kind = Kind::Fixed;
  double mean = 0.0;
  double sd = 0.0;  ///< lognormal only
  /** Lognormal: the normal's parameters (RandomStream::lognormal_parameters), computed once
   *  by lognormal() instead of at each draw; sigma 0 when not computed. */
  double mu = 0.0, sigma = 0.0;

  static Distribution fixed(double v) { return {Kind::Fixed, v, 0.0}; }
  static Distribution exponential(double mean) { return {Kind::Exponential, mean, 0.0}; }
  static Distribution lognormal(double mean, double sd) {
    Distribution d{Kind::Lognormal, mean, sd};
    if (sd > 0) RandomStream::lognormal_parameters(mean, sd, d.mu, d.sigma);
    return d;
  }

  /** One draw. Fixed draws consume no random number. */
  double draw(RandomStream& rng) const {
    switch (kind) {
      case Kind::Exponential: return rng.exponential(mean);
      case Kind::Lognormal: return sigma > 0 ? rng.lognormal_of(mu, sigma) : rng.lognormal(mean, sd);
      case Kind::Fixed: break;
    }
    return mean;
  }
};

}  // namespace maillage
