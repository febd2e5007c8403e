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

/** A 4-ary min-heap on (time, seq) over a reserved vector. (time, seq) is a total order,
 *  so the order of events never depends on the heap's shape.
 *
 *  pop() leaves the root's slot empty until the next operation: when that is a push (a
 *  demand source scheduling its next need right after its arrival, the common case), the
 *  new event fills the slot and sinks once, instead of the last event sinking from the
 *  root and the new one rising from the bottom. */
class Agenda {
public:
  void push(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0) {
    const Event e{time, next_seq_++, kind, target, data};
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
  bool empty() const { return heap_.size() == static_cast<std::size_t>(hole_); }
  std::size_t size() const { return heap_.size() - static_cast<std::size_t>(hole_); }
  void reserve(std::size_t n) { heap_.reserve(n); }

private:
  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  /** The root was taken: the last event moves into its slot. */
  void fill_hole() const;
  void sift_up(std::size_t i);
  /** Places `moving` at the empty slot i or below it. */
  void sift_down(std::size_t i, Event moving) const;
  // Mutable: top() settles a pending pop, which changes the layout, not the contents.
  mutable std::vector<Event> heap_;
  mutable bool hole_ = false;
  std::uint64_t next_seq_ = 0;
};

}  // namespace maillage
