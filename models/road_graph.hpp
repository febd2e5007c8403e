#pragma once
// Travel between communes on a road graph (Boost.Graph). Nodes are communes (by index in
// the territory's commune list); edges carry minutes and metres. Shortest paths by travel
// time (Dijkstra), with the distance along that same path; cached per source.
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/commune.hpp"

namespace maillage {

/** One road segment between two communes, both directions. */
struct RoadEdge {
  std::size_t a = 0, b = 0;
  double metres = 0.0;
  double seconds = 0.0;
};

/** Travel from one place to another: one-way seconds and metres. */
struct Trip {
  double seconds = 0.0;
  double metres = 0.0;
};

class RoadGraph {
public:
  /** k-nearest-neighbour graph: each commune is joined to its k nearest by great-circle
   *  distance (the union, so the graph is undirected); an edge's length is the great-circle
   *  distance times `detour`, its time that length at `speed_mps`. */
  static RoadGraph knn(const std::vector<Commune>& communes, int k, double detour, double speed_mps);
  /** From a user's edge list (indices into the commune list). */
  static RoadGraph from_edges(std::size_t n_communes, const std::vector<RoadEdge>& edges);

  std::size_t size() const;
  const std::vector<RoadEdge>& edges() const;

  /** Connected components: component id of every commune (0 = the largest component). */
  std::vector<int> components() const;

  /** One-way trip from -> to along the fastest path; seconds = +inf when unreachable.
   *  from == to is a zero trip. Runs Dijkstra from `from` once and caches the result. */
  Trip trip(std::size_t from, std::size_t to) const;
  /** All trips from one source (cached Dijkstra). Memory: 16 bytes per commune per source
   *  asked, kept for the graph's life; at France scale prefer trips_within. */
  const std::vector<Trip>& trips_from(std::size_t from) const;
  /** One-way trip from -> to, the same as trip(), remembering only what lies within
   *  `limit_s` of `from` (a sparse row per source: what a simulation's travel lookups need
   *  at France scale); beyond the limit, the full row of trips_from. */
  Trip trip_within(std::size_t from, std::size_t to, double limit_s) const;
  /** The communes within `limit_s` seconds of `from` (itself included), with their trips,
   *  nearest first: a Dijkstra stopped at the limit, not cached. What reach lists need
   *  without holding a whole row per source. */
  std::vector<std::pair<std::size_t, Trip>> trips_within(std::size_t from, double limit_s) const;

  RoadGraph(RoadGraph&&) noexcept;
  RoadGraph& operator=(RoadGraph&&) noexcept;
  ~RoadGraph();

private:
  RoadGraph();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace maillage
