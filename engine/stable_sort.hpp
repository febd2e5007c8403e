#pragma once
// A stable sort for the short lists of a hot path: an insertion sort in place (no buffer,
// where std::stable_sort allocates one per call), std::stable_sort beyond a few dozen
// elements. A stable sort's result is unique, so both give std::stable_sort's order.
#include <algorithm>
#include <iterator>
#include <utility>

namespace maillage {

template <class It, class Less>
void stable_sort_short(It first, It last, Less less) {
  if (last - first > 32) return std::stable_sort(first, last, less);
  if (first == last) return;
  for (It i = std::next(first); i != last; ++i) {
    auto moving = std::move(*i);
    It j = i;
    for (; j != first && less(moving, *std::prev(j)); --j) *j = std::move(*std::prev(j));
    *j = std::move(moving);
  }
}

}  // namespace maillage
