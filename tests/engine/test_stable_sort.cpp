#include <catch2/catch.hpp>

#include "engine/random_stream.hpp"
#include "engine/stable_sort.hpp"

#include <algorithm>
#include <utility>
#include <vector>

using namespace maillage;

TEST_CASE("stable_sort_short gives std::stable_sort's order with many ties", "[engine]") {
  // Keys from a few values (ties everywhere), each element tagged with its place: the
  // order of equal keys must stay the input's, short lists (insertion) and long ones alike.
  RandomStream rng(31, 1, "stable-sort");
  const auto by_key = [](const std::pair<int, int>& a, const std::pair<int, int>& b) { return a.first < b.first; };
  for (int round = 0; round < 2000; ++round) {
    const auto n = static_cast<int>(rng.below(round < 1900 ? 34 : 200));
    const auto distinct = 1 + static_cast<int>(rng.below(6));
    std::vector<std::pair<int, int>> v;
    for (int i = 0; i < n; ++i) v.push_back({static_cast<int>(rng.below(static_cast<std::uint64_t>(distinct))), i});
    auto expected = v;
    std::stable_sort(expected.begin(), expected.end(), by_key);
    stable_sort_short(v.begin(), v.end(), by_key);
    REQUIRE(v == expected);
  }
}
