#include "engine/log_bucket_index.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {
namespace {
constexpr std::uint64_t kNone = std::uint64_t{1} << 63;  // above every positive double's bits
}  // namespace

int LogBucketIndex::computed(double x) const { return static_cast<int>(std::ceil(std::log(x) / log_gamma_)); }

LogBucketIndex::LogBucketIndex(double log_gamma) : log_gamma_(log_gamma) {
  // A slot spans a ratio of at most 1 + 1/128: with wider buckets it holds one edge at most.
  if (!(log_gamma > std::log1p(1.0 / 128) * 1.01) || !(log_gamma < 1)) return;
  const std::uint64_t lo_bits = static_cast<std::uint64_t>(1023 + kMinBinade) << 52;
  const std::uint64_t end_bits = static_cast<std::uint64_t>(1023 + kEndBinade) << 52;
  // The edges of every bucket met in the range, and of the one past it. Each is looked for
  // by bisection over the doubles around exp((i - 1) log_gamma), the exact edge (the
  // expression's rounding moves it by far less than the bracket's 2^10 ulps).
  first_bucket_ = computed(double_of(lo_bits));
  const int last = computed(double_of(end_bits - 1)) + 1;
  std::vector<std::uint64_t> edge_bits;
  for (int i = first_bucket_; i <= last; ++i) {
    const std::uint64_t guess = bits_of(std::exp((i - 1) * log_gamma));
    std::uint64_t below = guess - (1u << 10), at = guess + (1u << 10);
    if (computed(double_of(below)) >= i || computed(double_of(at)) < i) return;  // no table
    while (at - below > 1) {
      const std::uint64_t mid = below + (at - below) / 2;
      (computed(double_of(mid)) >= i ? at : below) = mid;
    }
    edge_bits.push_back(at);
    edges_.push_back(double_of(at));
  }
  // Each slot: the one edge in it or within kBand of it (its band reaches in), if any.
  first_slot_ = lo_bits >> kSlotShift;
  const std::uint64_t n_slots = (end_bits - lo_bits) >> kSlotShift;
  std::vector<Slot> slots;
  slots.reserve(n_slots);
  for (std::uint64_t s = 0; s < n_slots; ++s) {
    const std::uint64_t a = (first_slot_ + s) << kSlotShift, z = a + (std::uint64_t{1} << kSlotShift) - 1;
    const auto from = std::lower_bound(edge_bits.begin(), edge_bits.end(), a - kBand);
    const auto to = std::upper_bound(edge_bits.begin(), edge_bits.end(), z + kBand);
    if (to - from > 1) {  // two edges too near: no table
      edges_.clear();
      return;
    }
    // The bucket below the slot's edge, or of its first double.
    const auto next = from == to ? std::upper_bound(edge_bits.begin(), edge_bits.end(), a) : from;
    if (next == edge_bits.begin()) {  // the range starts in the first edge's bucket
      edges_.clear();
      return;
    }
    slots.push_back(Slot{from == to ? kNone : *from, first_bucket_ + static_cast<int>(next - edge_bits.begin()) - 1});
  }
  slots_ = std::move(slots);
}

}  // namespace maillage
