#include "models/road_network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

namespace maillage {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/** Compressed adjacency (CSR) of the kept arcs, indexed by kept node. */
struct Csr {
  std::vector<std::size_t> first;  // arcs of node v: [first[v], first[v+1])
  std::vector<RoadNetwork::Arc> arcs;
};

}  // namespace

NetworkEdges network_edges(const RoadNetwork& net, const std::vector<Commune>& communes, int neighbours) {
  const std::size_t n = net.lat.size();
  if (net.arcs.empty()) throw std::invalid_argument("the road network has no drivable road");
  // The largest strongly connected component.
  using Directed = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  std::vector<int> comp(n);
  {
    Directed g(n);
    for (const auto& a : net.arcs) boost::add_edge(a.from, a.to, g);
    boost::strong_components(g, comp.data());
  }
  std::vector<std::size_t> size_of(n, 0);
  for (std::size_t v = 0; v < n; ++v) size_of[static_cast<std::size_t>(comp[v])]++;
  const int largest = static_cast<int>(std::max_element(size_of.begin(), size_of.end()) - size_of.begin());
  NetworkEdges out;
  Csr csr;
  csr.first.assign(n + 1, 0);
  for (const auto& a : net.arcs)
    if (comp[a.from] == largest && comp[a.to] == largest) csr.first[a.from + 1]++;
  for (std::size_t v = 0; v < n; ++v) csr.first[v + 1] += csr.first[v];
  csr.arcs.resize(csr.first[n]);
  {
    std::vector<std::size_t> fill(csr.first.begin(), csr.first.end() - 1);
    for (const auto& a : net.arcs)
      if (comp[a.from] == largest && comp[a.to] == largest) csr.arcs[fill[a.from]++] = a;
  }
  for (std::size_t v = 0; v < n; ++v) (comp[v] == largest ? out.nodes_kept : out.nodes_dropped)++;

  // Snap each commune to its nearest kept node: a grid of 0.02 degree cells, searched in
  // growing rings until the best found is nearer than any unvisited ring.
  constexpr double cell = 0.02;
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> grid;
  auto key = [](std::int64_t i, std::int64_t j) { return i * 100000 + j; };
  for (std::size_t v = 0; v < n; ++v)
    if (comp[v] == largest)
      grid[key(static_cast<std::int64_t>(std::floor(net.lat[v] / cell)), static_cast<std::int64_t>(std::floor(net.lon[v] / cell)))]
          .push_back(static_cast<std::uint32_t>(v));
  std::vector<std::uint32_t> node_of(communes.size());
  out.snap_metres.assign(communes.size(), kInf);
  for (std::size_t c = 0; c < communes.size(); ++c) {
    const auto ci = static_cast<std::int64_t>(std::floor(communes[c].lat / cell));
    const auto cj = static_cast<std::int64_t>(std::floor(communes[c].lon / cell));
    // A ring r cells out is at least (r - 1) cells of latitude away (~2.2 km each) or of
    // longitude (shrunk by cos(lat)); give up past 1,000 km.
    const double ring_m = cell * 111000 * std::cos(std::min(89.0, std::fabs(communes[c].lat)) * M_PI / 180);
    for (std::int64_t r = 0; r < 450 && !(out.snap_metres[c] < (r - 1) * ring_m); ++r)
      for (std::int64_t di = -r; di <= r; ++di)
        for (std::int64_t dj = -r; dj <= r; dj += (di == -r || di == r) ? 1 : std::max<std::int64_t>(1, 2 * r)) {
          const auto it = grid.find(key(ci + di, cj + dj));
          if (it == grid.end()) continue;
          for (std::uint32_t v : it->second)
            if (const double d = great_circle_m(communes[c].lat, communes[c].lon, net.lat[v], net.lon[v]); d < out.snap_metres[c])
              out.snap_metres[c] = d, node_of[c] = v;
        }
  }
  // Communes at each node (several may share one).
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> at_node;
  for (std::size_t c = 0; c < communes.size(); ++c) at_node[node_of[c]].push_back(c);

  // From each commune, a Dijkstra on time until `neighbours` other communes are settled.
  std::vector<double> secs(n, kInf), metres(n, kInf);
  std::vector<std::uint32_t> touched;
  using Item = std::pair<double, std::uint32_t>;
  for (std::size_t c = 0; c < communes.size(); ++c) {
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    const std::uint32_t s = node_of[c];
    secs[s] = 0, metres[s] = 0, touched.push_back(s), heap.emplace(0.0, s);
    int found = 0;
    while (!heap.empty() && found < neighbours) {
      const auto [t, v] = heap.top();
      heap.pop();
      if (t > secs[v]) continue;
      if (const auto it = at_node.find(v); it != at_node.end())
        for (std::size_t other : it->second)
          if (other != c) out.trips.push_back(RoadEdge{c, other, metres[v], secs[v]}), ++found;
      for (std::size_t i = csr.first[v]; i < csr.first[v + 1]; ++i) {
        const auto& a = csr.arcs[i];
        if (secs[v] + a.seconds < secs[a.to]) {
          if (secs[a.to] == kInf) touched.push_back(a.to);
          secs[a.to] = secs[v] + a.seconds, metres[a.to] = metres[v] + a.metres;
          heap.emplace(secs[a.to], a.to);
        }
      }
    }
    for (auto v : touched) secs[v] = kInf, metres[v] = kInf;
    touched.clear();
  }
  return out;
}

}  // namespace maillage
