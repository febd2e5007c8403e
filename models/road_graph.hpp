#pragma once
// Travel between communes on a road graph (Boost.Graph). Nodes are communes (by index in
// the territory's commune list); edges carry minutes and metres. Shortest paths by travel
// time (Dijkstra), with the distance along that same path; cached per source.
// Optionally (a fitted model) the time of the road part of a trip follows a SpeedCurve of
// its whole distance, and some pairs have an exact time given (an observed matrix).
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/commune.hpp"
#include "models/speed_curve.hpp"

namespace maillage {

/** One road segment between two communes, both directions. */
struct RoadEdge {
  std::size_t a = 0, b = 0;
  double metres = 0.0;
  double seconds = 0.0;  ///< ignored when by_curve
  /** Timed by the graph's speed curve (a modelled road): its seconds come from the trip's
   *  road distance. Otherwise (a ferry, a given time) its seconds are added as they are. */
  bool by_curve = false;
  /** The travel time of this pair as given (an observed matrix): a trip between a and b is
   *  this edge's, even when the graph offers a faster path. */
  bool exact = false;
};

/** The k-nearest-neighbour road model's parameters (scenario `roads: {model: knn, ...}`). */
struct KnnRoads {
  int k = 6;
  double detour = 1.3;
  double speed_mps = 70 / 3.6;      ///< one speed for every edge, when there is no curve
  std::optional<SpeedCurve> curve;  ///< a fitted model: access and speeds by trip distance
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
  /** The same parameters as knn(), with a curve when the model has one (its edges then
   *  by_curve), as an edge list to combine with others (ferries, a matrix). */
  static std::vector<RoadEdge> knn_edges(const std::vector<Commune>& communes, const KnnRoads& model);
  /** From an edge list (indices into the commune list). With a curve, a trip's time is
   *  curve.seconds(metres on by_curve edges) plus the seconds of the other edges, along the
   *  path that is shortest by (by_curve metres / curve.top_speed() + other seconds): the
   *  shortest road when every edge is by_curve. */
  static RoadGraph from_edges(std::size_t n_communes, const std::vector<RoadEdge>& edges,
                              std::optional<SpeedCurve> curve = std::nullopt);

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
