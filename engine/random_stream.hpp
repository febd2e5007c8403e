#pragma once
// Independent, reproducible random streams. Each stochastic source (a commune's demand,
// a pool's durations...) owns one stream derived from (seed, replication, source id), so
// two plans that share a source see the same draws (common random numbers).
#include <cmath>
#include <cstdint>
#include <string_view>

namespace maillage {

/** Stable 64-bit hash of a source name (FNV-1a): the same on every platform and run. */
std::uint64_t source_hash(std::string_view name);

/** A xoshiro256++ generator seeded by splitmix64 from (seed, replication, source). */
class RandomStream {
public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t source);
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view source)
      : RandomStream(seed, replication, source_hash(source)) {}

  // next, uniform and exponential are defined here so that the hot paths (an arrival draws
  // five to eight numbers) inline them: the same arithmetic, without a call each.
  /** Next raw 64-bit output. */
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /** Uniform on the open interval (0, 1): never 0, so log() is safe. */
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  /** Exponential with the given mean (inversion: one uniform per draw). */
  double exponential(double mean) { return -mean * std::log(uniform()); }
  /** Lognormal with the given mean and standard deviation of the variable itself. */
  double lognormal(double mean, double sd);
  /** The same draw from the underlying normal's mean mu and standard deviation sigma, as
   *  lognormal_parameters gives them for (mean, sd > 0): bit for bit lognormal(mean, sd). */
  double lognormal_of(double mu, double sigma) { return std::exp(mu + sigma * normal()); }
  static void lognormal_parameters(double mean, double sd, double& mu, double& sigma);
  /** Standard normal (Box-Muller, caching the second value). */
  double normal();
  /** Uniform integer in [0, n). n > 0. */
  std::uint64_t below(std::uint64_t n);

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double cached_normal_ = 0.0;
  bool has_cached_normal_ = false;
};

}  // namespace maillage
