#pragma once
// Which diaries of a reach row may still have a slot before a deadline, so that a booking
// search in a full territory looks at a few bounds instead of every practice within reach
// (a same-day need in Paris: about a hundred bounds instead of thousands of diaries).
//
// Each row of a ReachTable is cut into blocks of at most kBlock entries (and at the given
// cuts, so that every care type's part of the row, up to its max_travel, is whole blocks).
// A block keeps a lower bound of when the diaries of its entries can first take a
// consultation. Diaries only fill up, so a bound stays true however stale it is: the
// search skips a block whose bound is past its deadline, walks the others entry by entry
// in the row's order, and refreshes the bound of a block it walked to the end.
#include <cstdint>
#include <vector>

namespace maillage {

class FreeSlotIndex {
public:
  static constexpr std::uint32_t kBlock = 32;
  struct Block {
    std::uint32_t end;  ///< the row offset past the block's last entry
    float bound;        ///< no entry of the block can start a consultation before it
  };

  FreeSlotIndex() = default;
  /** Blocks over the rows of a compressed table (`row_begin`: rows + 1 offsets), each row
   *  also cut at the `cuts_per_row` offsets `cuts[row * cuts_per_row + k]` (row-relative).
   *  Bounds start at -infinity: every entry is walked once before a block is skipped. */
  FreeSlotIndex(const std::vector<std::uint32_t>& row_begin, const std::vector<std::uint32_t>& cuts,
                std::size_t cuts_per_row);

  Block* row(std::size_t r) { return blocks_.data() + first_[r]; }
  std::size_t blocks(std::size_t r) const { return first_[r + 1] - first_[r]; }
  std::size_t size() const { return blocks_.size(); }
  /** The largest float not above x: a bound rounded to a float stays a lower bound. */
  static float lower(double x);

private:
  std::vector<std::uint32_t> first_;  ///< per row, its first block; rows + 1
  std::vector<Block> blocks_;
};

}  // namespace maillage
