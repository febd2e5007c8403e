#pragma once
// Streaming summary of a sample: count, mean, variance (Welford), min, max. O(1) memory.
#include <algorithm>
#include <cstdint>

namespace maillage {

class Tally {
public:
  /** Adds one observation. In the header: every served episode adds one. */
  void add(double x) {
    ++n_;
    const double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
    if (n_ == 1) {
      min_ = max_ = x;
    } else {
      min_ = std::min(min_, x);
      max_ = std::max(max_, x);
    }
  }
  /** Adds another tally's observations (Chan et al. parallel formula). */
  void merge(const Tally& other);
  std::uint64_t count() const { return n_; }
  double sum() const { return mean_ * static_cast<double>(n_); }
  /** Mean; NaN when empty. */
  double mean() const;
  /** Unbiased sample variance; NaN with fewer than two observations. */
  double variance() const;
  double min() const;  ///< NaN when empty
  double max() const;  ///< NaN when empty

private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0, m2_ = 0.0, min_ = 0.0, max_ = 0.0;
};

}  // namespace maillage
