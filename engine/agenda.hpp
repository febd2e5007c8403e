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

/** A binary min-heap on (time, seq) over a reserved vector. */
class Agenda {
public:
  void push(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0);
  /** Removes and returns the earliest event. Precondition: !empty(). */
  Event pop();
  const Event& top() const { return heap_.front(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

private:
  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  std::vector<Event> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace maillage
