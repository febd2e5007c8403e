#include "models/free_slot_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace maillage {

FreeSlotIndex::FreeSlotIndex(const std::vector<std::uint32_t>& row_begin, const std::vector<std::uint32_t>& cuts,
                             std::size_t cuts_per_row) {
  const std::size_t rows = row_begin.empty() ? 0 : row_begin.size() - 1;
  const float none = -std::numeric_limits<float>::infinity();
  first_.reserve(rows + 1);
  std::vector<std::uint32_t> at;
  for (std::size_t r = 0; r < rows; ++r) {
    first_.push_back(static_cast<std::uint32_t>(blocks_.size()));
    const std::uint32_t n = row_begin[r + 1] - row_begin[r];
    at.assign(cuts.begin() + static_cast<std::ptrdiff_t>(r * cuts_per_row),
              cuts.begin() + static_cast<std::ptrdiff_t>((r + 1) * cuts_per_row));
    at.push_back(n);
    std::sort(at.begin(), at.end());
    std::uint32_t i = 0;
    for (std::uint32_t cut : at) {
      cut = std::min(cut, n);
      while (i < cut) {
        i = std::min(i + kBlock, cut);
        blocks_.push_back(Block{i, none});
      }
    }
  }
  first_.push_back(static_cast<std::uint32_t>(blocks_.size()));
}

float FreeSlotIndex::lower(double x) {
  float f = static_cast<float>(x);
  if (static_cast<double>(f) > x) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  return f;
}

}  // namespace maillage
