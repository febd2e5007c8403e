#pragma once
// The agenda: future events in time order. Events are small plain values (no allocation
// per event); ties are broken by insertion order, so runs are reproducible.
#include <cstdint>
#include <vector>

namespace maillage {

/** Something that happens at a time: `kind` says what, `target` to whom, `data` with what.
 *  Their meaning belongs to whoever scheduled the event; the engine only orders them. */
struct Event {
  double time;
  std::uint64_t seq;
  std::uint32_t kind;
  std::uint32_t target;
  std::uint64_t data;
};

/** A 4-ary min-heap on (time, seq) over a reserved vector.
 *
 *  pop() leaves the root's slot empty until the next operation: when that is a push (a
 *  demand source scheduling its next need right after its arrival, the common case), the
 *  new event fills the slot and sinks once, instead of the last event sinking from the
 *  root and the new one rising from the bottom. */
class EventHeap {
public:
  void push(const Event& e) {
    if (hole_) {
      hole_ = false;
      sift_down(0, e);
    } else {
      heap_.push_back(e);
      sift_up(heap_.size() - 1);
    }
  }
  /** Removes and returns the earliest event. Precondition: !empty(). */
  Event pop() {
    if (hole_) fill_hole();
    hole_ = true;
    return heap_.front();
  }
  const Event& top() const {
    if (hole_) fill_hole();
    return heap_.front();
  }
  /** The event after top(): the earliest of the root's children; nullptr with fewer than
   *  two events or with a pop pending (call top() first). */
  const Event* second() const {
    const std::size_t n = heap_.size();
    if (hole_ || n < 2) return nullptr;
    const Event* h = heap_.data();
    const Event* best = h + 1;
    for (std::size_t c = 2; c < 5 && c < n; ++c)
      if (before(h[c], *best)) best = h + c;
    return best;
  }
  bool empty() const { return heap_.size() == static_cast<std::size_t>(hole_); }
  std::size_t size() const { return heap_.size() - static_cast<std::size_t>(hole_); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  /** Removes every event, in no order. */
  std::vector<Event> take_all();

  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }

private:
  /** The root was taken: the last event moves into its slot. */
  void fill_hole() const;
  void sift_up(std::size_t i);
  /** Places `moving` at the empty slot i or below it. */
  void sift_down(std::size_t i, Event moving) const;
  // Mutable: top() settles a pending pop, which changes the layout, not the contents.
  mutable std::vector<Event> heap_;
  mutable bool hole_ = false;
};

/** The agenda's order is (time, seq), a total order, so it never depends on how the events
 *  are stored. Up to a few hundred events they are one EventHeap. Beyond (Loir-et-Cher
 *  holds about 2,000: its demand sources' next arrivals, and walk-in patients waiting for
 *  a practice to open, up to 2,000 at one instant; France 70,000), the agenda becomes a
 *  two-level calendar: later time buckets are unsorted lists in a ring (an event is
 *  appended, and sorted only when its bucket comes), events past the ring wait in a second
 *  heap. A bucket that comes is sorted once into a run consumed in order; only events
 *  pushed into the current bucket after it came go to the heap, which stays small. The
 *  bucket width is set once, from the events pending then, so that a bucket holds a few
 *  events (more when thousands are pending, so that the ring spans them). */
class Agenda {
public:
  void push(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0) {
    const Event e{time, next_seq_++, kind, target, data};
    const std::int64_t b = bucket_of(time);
    if (b <= current_)
      near_.push(e);
    else
      place(e, b);
  }
  /** Removes and returns the earliest event. Precondition: !empty(). */
  Event pop() {
    if (run_pos_ == run_.size()) {
      if (near_.empty())
        advance();
      else if (width_ == 0.0 && near_.size() > spill_at_)
        spill();
    }
    if (from_run()) return run_[run_pos_++];
    return near_.pop();
  }
  const Event& top() const {
    if (near_.empty() && run_pos_ == run_.size()) advance();
    return from_run() ? run_[run_pos_] : near_.top();
  }
  /** top(), or nullptr when empty; pop_next() then takes it without choosing again between
   *  the run and the heap (the run loop's pair: one comparison per event, not two). */
  const Event* next() const {
    if (near_.empty() && run_pos_ == run_.size()) {
      if (size_ == 0) return nullptr;
      advance();
    }
    next_from_run_ = from_run();
    return next_from_run_ ? &run_[run_pos_] : &near_.top();
  }
  /** Removes and returns the event next() returned. Precondition: next() returned an event
   *  and nothing was pushed or popped since. */
  Event pop_next() {
    if (next_from_run_) return run_[run_pos_++];
    return pop();
  }
  /** The event after top(), when it is in the current bucket (nullptr otherwise, and before
   *  a top() has settled a pop): a hint of what comes after next, for prefetching. */
  const Event* second() const;
  bool empty() const { return size() == 0; }
  std::size_t size() const { return near_.size() + (run_.size() - run_pos_) + size_; }
  void reserve(std::size_t n) { near_.reserve(n); }

  /** Beyond this many events the agenda spreads them over time buckets. */
  static constexpr std::size_t kSpill = 512;
  /** Whether it has (for tests). */
  bool bucketed() const { return width_ > 0.0; }
  /** Events waiting past the ring, in the far heap (for tests). */
  std::size_t beyond_ring() const { return size_ - in_ring_; }

private:
  static constexpr std::int64_t kLast = INT64_MAX / 2;  ///< the bucket of the end of time
  static constexpr std::int64_t kRing = 16384;          ///< buckets in the ring (a power of 2)
  static constexpr std::size_t kPerBucket = 16;         ///< events a bucket is sized for, at least
  static constexpr std::size_t kPerRing = 64;           ///< ...and at least this share of the pending
  /** A time's bucket: non-decreasing in time; kLast for infinite or not-a-number times. */
  std::int64_t bucket_of(double t) const;
  /** Stores an event of a later bucket than the current one. */
  void place(const Event& e, std::int64_t bucket) const;
  /** The heap and the run are empty: makes the next non-empty bucket the current one. */
  void advance() const;
  /** Whether the run's next event comes before the heap's. */
  bool from_run() const {
    return run_pos_ < run_.size() && (near_.empty() || EventHeap::before(run_[run_pos_], near_.top()));
  }
  /** Turns the single heap into buckets. */
  void spill();

  // Mutable: top() may bring the next bucket in, which changes the layout, not the contents.
  mutable EventHeap near_;  ///< single heap; once bucketed, events pushed into the current bucket
  /** The current bucket's events when it came, sorted: popped from run_pos_ on without a
   *  sift (Loir-et-Cher's clumps of walk-in patients would sink through a heap of 2,000). */
  mutable std::vector<Event> run_;
  /** Runs of at least this many events are sorted by counting first (sort_run). */
  static constexpr std::size_t kCountingSort = 64;
  /** Sorts run_ in the agenda's order. */
  void sort_run() const;
  mutable std::vector<Event> sorted_;            ///< sort_run's scratch, kept between buckets
  mutable std::vector<std::uint32_t> key_count_;  ///< sort_run's counts, then offsets
  mutable std::size_t run_pos_ = 0;
  mutable bool next_from_run_ = false;  ///< where next()'s event is
  mutable std::int64_t current_ = kLast;  ///< kLast while a single heap
  /** A bucket's events, unsorted: a list of chunks taken from a shared pool (a vector per
   *  bucket would be reallocated as each fills, or hold kRing full capacities). */
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static constexpr std::uint32_t kChunk = 15;
  struct Chunk {
    Event events[kChunk];
    std::uint32_t next = kNone;
  };
  /** A bucket's chunks; all but the tail are full. The tail's count is kept here, not in
   *  the chunk: appending then only stores into the chunk (a random bucket's tail is a
   *  cache miss, which a store does not wait for and a read of its count would). */
  struct Slot {
    std::uint32_t head = kNone, tail = kNone, n = 0;
  };
  mutable std::vector<Chunk> chunks_;
  mutable std::uint32_t free_chunks_ = kNone;  ///< a list through Chunk::next
  mutable std::vector<Slot> ring_;  ///< bucket b in ring_[b % kRing], current_ < b < current_ + kRing
  mutable EventHeap far_;                  ///< buckets from current_ + kRing on (at the time they came)
  mutable std::size_t size_ = 0;           ///< events in ring_ and far_
  mutable std::size_t in_ring_ = 0;
  std::size_t spill_at_ = kSpill;
  double origin_ = 0.0, width_ = 0.0, inverse_ = 0.0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace maillage
