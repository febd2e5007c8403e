#pragma once
// The bucket of a logarithmic histogram, ceil(log(x) / log_gamma), without calling log: the
// same integer as that expression computed with libm's log, for every positive double.
//
// A table holds, for each 1/128 of a binade (at most one bucket edge in each while
// gamma > 1 + 1/128), the bucket below the edge and the edge itself: the smallest double
// whose computed bucket is the next one, found with libm's own log. Away from an edge the
// computed expression can only be the exact one's ceiling (log is off by an ulp or so); in
// a band of kBand ulps on each side of every edge, where rounding could flip the result,
// and outside the table's range, the expression itself is computed.
#include <cstdint>
#include <cstring>
#include <vector>

namespace maillage {

class LogBucketIndex {
public:
  /** Builds the table when the buckets are wide enough for it (else every call computes). */
  explicit LogBucketIndex(double log_gamma);
  /** ceil(log(x) / log_gamma) for x > 0, bit for bit as computed. */
  int operator()(double x) const {
    const std::uint64_t b = bits_of(x);
    const std::uint64_t s = (b >> kSlotShift) - first_slot_;
    if (s < slots_.size()) {
      const Slot& e = slots_[s];
      if (b - e.edge + kBand >= 2 * kBand) return e.below + (b >= e.edge);
    }
    return computed(x);
  }
  /** A double's bits, and back: positive doubles order as their bits do. */
  static std::uint64_t bits_of(double x) {
    std::uint64_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
  }
  static double double_of(std::uint64_t b) {
    double x;
    std::memcpy(&x, &b, sizeof x);
    return x;
  }
  /** The expression itself, with libm's log. */
  int computed(double x) const;
  double log_gamma() const { return log_gamma_; }
  /** Whether the table was built (else every call computes). */
  bool tabled() const { return !slots_.empty(); }

  // For the tests: the range of the table, and its edges.
  static constexpr int kMinBinade = -30, kEndBinade = 34;  // [2^-30, 2^34): 1e-9 s to 545 years
  static constexpr std::uint64_t kBand = 1 << 12;            // ulps; rounding flips within tens
  /** edges()[k] is the smallest double of bucket first_bucket() + k (some just outside the range). */
  const std::vector<double>& edges() const { return edges_; }
  int first_bucket() const { return first_bucket_; }

private:
  static constexpr int kSlotShift = 52 - 7;  // exponent and the first 7 bits of the mantissa
  struct Slot {
    std::uint64_t edge;  // bits of the edge in or within kBand of the slot; 2^63: none
    std::int32_t below;  // the bucket of the doubles below that edge
  };
  double log_gamma_;
  std::uint64_t first_slot_ = 0;
  std::vector<Slot> slots_;
  std::vector<double> edges_;
  int first_bucket_ = 0;
};

}  // namespace maillage
