#include "engine/agenda.hpp"

namespace maillage {

void Agenda::push(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  heap_.push_back(Event{time, next_seq_++, kind, target, data});
  sift_up(heap_.size() - 1);
}

Event Agenda::pop() {
  Event top = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
  return top;
}

// Hand-written sifts move the hole instead of swapping: fewer copies than std::push_heap
// with a comparator object on this 32-byte event.
void Agenda::sift_up(std::size_t i) {
  Event moving = heap_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void Agenda::sift_down(std::size_t i) {
  const std::size_t n = heap_.size();
  Event moving = heap_[i];
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], moving)) break;
    heap_[i] = heap_[child];
    i = child;
  }
  heap_[i] = moving;
}

}  // namespace maillage
