#pragma once
// Which providers of one kind each commune can reach by road, fastest first, and each
// commune's nearest one whatever the distance. Built once per simulation.
#include <cstdint>
#include <limits>
#include <vector>

#include "models/scenario.hpp"

namespace maillage {

/** No provider. */
constexpr std::uint32_t kNoProvider = std::numeric_limits<std::uint32_t>::max();

/** A provider within reach of a commune: one-way travel by road. */
struct Reach {
  std::uint32_t provider;
  float seconds, metres;
};

/** Providers by commune, fastest first (compressed rows), and each commune's nearest. */
struct ReachTable {
  std::vector<std::uint32_t> begin;
  std::vector<Reach> items;
  std::vector<Reach> nearest;  ///< provider kNoProvider: none in the commune's component
  /** Parallel to items and nearest: the trips at full precision, provider -> commune, as
   *  RoadGraph::trip_within gives them, so that a served episode carries its trip instead of
   *  looking it up again. A nearest beyond the limit has none (infinite seconds). */
  std::vector<Trip> trips, nearest_trips;

  /** The providers within the radius of commune c, fastest first (ties: listed first). */
  const Reach* row_begin(std::size_t c) const { return items.data() + begin[c]; }
  const Reach* row_end(std::size_t c) const { return items.data() + begin[c + 1]; }

  /** Providers standing in `provider_communes` (one entry per provider), reachable within
   *  `limit` seconds; `limit` <= 0: only each commune's nearest, whatever the distance (for
   *  few providers: emergency departments). */
  static ReachTable build(const Scenario& sc, const std::vector<std::size_t>& provider_communes, double limit);
};

}  // namespace maillage
