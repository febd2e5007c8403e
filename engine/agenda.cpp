#include "engine/agenda.hpp"

namespace maillage {

void Agenda::fill_hole() const {
  hole_ = false;
  const Event last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0, last);
}

// Hand-written sifts move the hole instead of swapping: fewer copies than std::push_heap
// with a comparator object on this 32-byte event. Four children per node: half the depth
// of a binary heap, and the four siblings share two cache lines.
void Agenda::sift_up(std::size_t i) {
  Event moving = heap_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 4;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void Agenda::sift_down(std::size_t i, Event moving) const {
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

}  // namespace maillage
