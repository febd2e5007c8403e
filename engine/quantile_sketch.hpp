#pragma once
// Streaming quantiles of non-negative values with a bounded relative error: a log-bucketed
// histogram (as DDSketch) plus an exact count of zeros. Mergeable exactly, deterministic,
// and its memory grows with the log of the value range, not with the sample: the right
// tool for per-commune waits, where many values are exactly zero (walk-in, no queue).
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/log_bucket_index.hpp"

namespace maillage {

class QuantileSketch {
public:
  /** The default relative accuracy: 0.5%, what the measures' median and p90 use. */
  static constexpr double default_accuracy = 0.005;
  /** Values within `relative_accuracy` of the truth (buckets of ratio (1+a)/(1-a)). */
  explicit QuantileSketch(double relative_accuracy = default_accuracy);
  /** Builds the default accuracy's bucket table now (else at the first sketch): before
   *  forking the replications' processes, which then inherit it instead of each building it. */
  static void prepare();
  /** Adds a value; negatives count as zero, values below `min_positive` too. */
  void add(double x);
  /** add(x) in two steps, for a caller that delays the histogram's update (to fetch its
   *  counter first): count(x) counts the value and returns its bucket, or kZero when it
   *  counts as zero and nothing is left to do; add_bucket(bucket) completes it. Any order
   *  of the add_bucket calls gives the same sketch as add() in the values' order. */
  static constexpr int kZero = -2147483647 - 1;
  int count(double x);
  void add_bucket(int bucket);
  /** The counter of a bucket, when it has one already (nullptr otherwise): to prefetch. */
  const std::uint32_t* counter(int bucket) const {
    const auto k = static_cast<std::size_t>(static_cast<unsigned>(bucket - offset_));
    return k < counts_.size() ? counts_.data() + k : nullptr;
  }
  void merge(const QuantileSketch& other);
  std::uint64_t count() const { return count_; }
  /** How many values were (about) zero. */
  std::uint64_t zeros() const { return zeros_; }
  /** The q-quantile (lower empirical quantile: the ceil(q*n)-th smallest, q in [0,1]);
   *  NaN when empty. */
  double quantile(double q) const;

  static constexpr double min_positive = 1e-9;

private:
  int index_of(double x) const { return table_ ? (*table_)(x) : static_cast<int>(std::ceil(std::log(x) / log_gamma_)); }
  double value_of(int index) const;
  // What count(), counter() and add_bucket() read first (hot_bytes), then what only the
  // quantiles read: a cell of measures lays the sketch out across its hot cache lines.
  std::uint64_t count_ = 0, zeros_ = 0;
  const LogBucketIndex* table_ = nullptr;  // the default accuracy's buckets without log
  int offset_ = 0;                     // bucket index of counts_[0]
  std::vector<std::uint32_t> counts_;  // grown on demand to cover the indices seen
  double log_gamma_, gamma_;

public:
  /** The bytes from the sketch's start that count(), counter() and add_bucket() read
   *  (counts_'s data and end pointers included, not its capacity). */
  static const std::size_t hot_bytes;
};

}  // namespace maillage
