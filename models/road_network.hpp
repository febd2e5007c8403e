#pragma once
// A real road network (from OpenStreetMap): nodes with coordinates and one-way arcs with
// metres and seconds. Turned into commune-to-commune road edges for the RoadGraph: the
// largest strongly connected part is kept (what every node can reach and be reached from),
// each commune snaps to its nearest kept node, and a Dijkstra from each commune's node
// finds the fastest way to the `neighbours` communes it reaches first.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/commune.hpp"
#include "models/road_graph.hpp"

namespace maillage {

struct RoadNetwork {
  struct Arc {
    std::uint32_t from, to;
    double metres, seconds;
  };
  std::vector<double> lat, lon;  ///< by node
  std::vector<Arc> arcs;         ///< one way each; a two-way road is two arcs
};

/** The commune-level result and what was left aside. */
struct NetworkEdges {
  /** One-way trips found (a: from, b: to), each the fastest along the roads. */
  std::vector<RoadEdge> trips;
  std::size_t nodes_kept = 0, nodes_dropped = 0;  ///< outside the largest strongly connected part
  /** Metres from each commune's centre to the node it snapped to. */
  std::vector<double> snap_metres;
};

/** Commune-to-commune trips on the network: from each commune's nearest node (of the
 *  largest strongly connected part) to the `neighbours` other communes reached first.
 *  Throws std::invalid_argument when the network has no road. */
NetworkEdges network_edges(const RoadNetwork& net, const std::vector<Commune>& communes, int neighbours = 12);

}  // namespace maillage
