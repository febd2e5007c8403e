#include "engine/agenda.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace maillage {

void EventHeap::fill_hole() const {
  hole_ = false;
  const Event last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0, last);
}

std::vector<Event> EventHeap::take_all() {
  if (hole_) fill_hole();
  std::vector<Event> all;
  all.swap(heap_);
  return all;
}

// Hand-written sifts move the hole instead of swapping: fewer copies than std::push_heap
// with a comparator object on this 32-byte event. Four children per node: half the depth
// of a binary heap, and the four siblings share two cache lines.
void EventHeap::sift_up(std::size_t i) {
  Event moving = heap_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 4;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventHeap::sift_down(std::size_t i, Event moving) const {
  const std::size_t n = heap_.size();
  Event* h = heap_.data();
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t last = first + 4 < n ? first + 4 : n;
    for (std::size_t c = first + 1; c < last; ++c)
      if (before(h[c], h[best])) best = c;
    if (!before(h[best], moving)) break;
    h[i] = h[best];
    i = best;
  }
  h[i] = moving;
}

std::int64_t Agenda::bucket_of(double t) const {
  // Truncation is monotone, which is all the order needs; out of range and NaN: the ends.
  const double q = (t - origin_) * inverse_;
  if (q < 4e18 && q > -4e18) return static_cast<std::int64_t>(q);
  return q < 0 ? -kLast : kLast;
}

void Agenda::place(const Event& e, std::int64_t b) const {
  ++size_;
  if (b - current_ >= kRing) {
    far_.push(e);
    return;
  }
  ++in_ring_;
  Slot& slot = ring_[static_cast<std::size_t>(b & (kRing - 1))];
  if (slot.tail == kNone || slot.n == kChunk) {
    std::uint32_t c = free_chunks_;
    if (c != kNone) {
      free_chunks_ = chunks_[c].next;
      chunks_[c].next = kNone;
    } else {
      c = static_cast<std::uint32_t>(chunks_.size());
      chunks_.emplace_back();
    }
    (slot.tail == kNone ? slot.head : chunks_[slot.tail].next) = c;
    slot.tail = c;
    slot.n = 0;
  }
  chunks_[slot.tail].events[slot.n++] = e;
}

void Agenda::advance() const {
  // Every event left has a later bucket than current_: the next bucket is the earliest of
  // the ring's (each slot holds one bucket) and the far heap's top.
  std::int64_t next = far_.empty() ? kLast : bucket_of(far_.top().time);
  if (in_ring_ > 0)
    for (std::int64_t b = current_ + 1; b < next && b < current_ + kRing; ++b)
      if (ring_[static_cast<std::size_t>(b & (kRing - 1))].head != kNone) {
        next = b;
        break;
      }
  current_ = next;
  run_.clear();
  run_pos_ = 0;
  if (in_ring_ > 0 && current_ < kLast) {
    Slot& slot = ring_[static_cast<std::size_t>(current_ & (kRing - 1))];
    for (std::uint32_t c = slot.head; c != kNone;) {
      Chunk& chunk = chunks_[c];
      const std::uint32_t n = c == slot.tail ? slot.n : kChunk;
      run_.insert(run_.end(), chunk.events, chunk.events + n);
      in_ring_ -= n;
      size_ -= n;
      const std::uint32_t next = chunk.next;
      chunk.next = free_chunks_;
      free_chunks_ = c;
      c = next;
    }
    slot = Slot{};
  }
  while (!far_.empty() && bucket_of(far_.top().time) <= current_) {
    run_.push_back(far_.pop());
    --size_;
  }
  sort_run();
}

void Agenda::sort_run() const {
  // (time, seq) is a total order, so any correct sort gives this one run. A bucket of
  // France's holds about a thousand events (see spill): a counting sort on the time's place
  // between the run's first and last, then an insertion pass for what shares a key, does
  // about 3 comparisons an event where std::sort does 11.
  const auto before = [](const Event& a, const Event& b) { return EventHeap::before(a, b); };
  const std::size_t n = run_.size();
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  bool finite = true;
  for (const Event& e : run_) lo = std::min(lo, e.time), hi = std::max(hi, e.time), finite &= std::isfinite(e.time);
  // Keys in [0, m): monotone in the time (a subtraction, a product by a positive number and
  // a truncation each keep t <= u), so equal keys are the only disorder left.
  std::size_t m = 1;
  while (m < 2 * n) m <<= 1;
  const double scale = static_cast<double>(m - 1) / (hi - lo);
  // Small, inf or NaN, or one instant or times too close for a finite scale: std::sort.
  if (n < kCountingSort || !finite || !std::isfinite(hi - lo) || !std::isfinite(scale)) {
    std::sort(run_.begin(), run_.end(), before);
    return;
  }
  key_count_.assign(m + 1, 0);
  for (const Event& e : run_) ++key_count_[static_cast<std::size_t>((e.time - lo) * scale) + 1];
  for (std::size_t k = 1; k <= m; ++k) key_count_[k] += key_count_[k - 1];
  sorted_.resize(n);
  for (const Event& e : run_) sorted_[key_count_[static_cast<std::size_t>((e.time - lo) * scale)]++] = e;
  for (std::size_t i = 1; i < n; ++i)
    if (before(sorted_[i], sorted_[i - 1])) {
      const Event moving = sorted_[i];
      std::size_t j = i;
      for (; j > 0 && before(moving, sorted_[j - 1]); --j) sorted_[j] = sorted_[j - 1];
      sorted_[j] = moving;
    }
  run_.swap(sorted_);
}

const Event* Agenda::second() const {
  // The second event of the merged order: the run's next after its head, or the heap's.
  const bool run_has = run_pos_ < run_.size();
  if (!run_has) return near_.second();
  const Event* r = &run_[run_pos_];
  if (near_.empty()) return run_pos_ + 1 < run_.size() ? r + 1 : nullptr;
  const Event& h = near_.top();
  if (EventHeap::before(*r, h)) {
    if (run_pos_ + 1 < run_.size() && EventHeap::before(r[1], h)) return r + 1;
    return &h;
  }
  const Event* h2 = near_.second();
  if (h2 && EventHeap::before(*h2, *r)) return h2;
  return r;
}

void Agenda::spill() {
  std::vector<Event> all = near_.take_all();
  std::vector<double> times;
  times.reserve(all.size());
  for (const Event& e : all)
    if (std::isfinite(e.time)) times.push_back(e.time);
  // A bucket of about kPerBucket events, but the ring's kRing buckets must still span
  // most of what is pending: France's 70,000 sources would otherwise be pushed past the
  // ring, into the far heap.
  const std::size_t per_bucket = std::max(kPerBucket, times.size() / kPerRing);
  double width = 0.0, origin = 0.0;
  if (times.size() > 2 * per_bucket) {
    origin = *std::min_element(times.begin(), times.end());
    std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(per_bucket), times.end());
    width = times[per_bucket] - origin;
  }
  if (width > 0.0 && std::isfinite(1.0 / width)) {
    origin_ = origin, width_ = width, inverse_ = 1.0 / width;
    current_ = 0;
    ring_.assign(static_cast<std::size_t>(kRing), Slot{});
  } else {
    spill_at_ *= 2;  // the times do not spread (all equal): a single heap a while longer
  }
  for (const Event& e : all) {
    const std::int64_t b = bucket_of(e.time);
    if (b <= current_)
      near_.push(e);
    else
      place(e, b);
  }
}

}  // namespace maillage
