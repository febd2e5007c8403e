#include "engine/random_stream.hpp"

#include <cmath>

namespace maillage {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

constexpr double kTwoPi = 6.283185307179586;  // M_PI is not ISO C++

}  // namespace

std::uint64_t source_hash(std::string_view name) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return h;
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t source) {
  // Chain the three inputs through splitmix64 so that neighbouring seeds, replications or
  // sources give unrelated states; then fill the state from the mixed value.
  std::uint64_t x = seed;
  x = splitmix64(x) ^ replication;
  x = splitmix64(x) ^ source;
  std::uint64_t mixed = splitmix64(x);
  for (auto& s : s_) s = splitmix64(mixed);
}

double RandomStream::normal() {
  if (has_cached_normal_) {
    has_cached_normal_ = false;
    return cached_normal_;
  }
  const double r = std::sqrt(-2.0 * std::log(uniform()));
  const double theta = kTwoPi * uniform();
  cached_normal_ = r * std::sin(theta);
  has_cached_normal_ = true;
  return r * std::cos(theta);
}

void RandomStream::lognormal_parameters(double mean, double sd, double& mu, double& sigma) {
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  mu = std::log(mean) - sigma2 / 2;
  sigma = std::sqrt(sigma2);
}

double RandomStream::lognormal(double mean, double sd) {
  if (sd <= 0) return mean;
  double mu, sigma;
  lognormal_parameters(mean, sd, mu, sigma);
  return lognormal_of(mu, sigma);
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Lemire's multiply-and-reject: unbiased, usually one draw.
  unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = -n % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace maillage
