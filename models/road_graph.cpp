#include "models/road_graph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace maillage {
namespace {

struct EdgeProps {
  double seconds;
  double metres;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using EdgeDesc = boost::graph_traits<Graph>::edge_descriptor;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Records, for every vertex, the metres along the fastest path found: Dijkstra minimises
// time, and each relaxed edge sets its head's distance from its tail's.
class MetresRecorder : public boost::default_dijkstra_visitor {
public:
  MetresRecorder(std::vector<Trip>* trips) : trips_(trips) {}
  void edge_relaxed(EdgeDesc e, const Graph& g) const {
    const Vertex u = boost::source(e, g), v = boost::target(e, g);
    (*trips_)[v].metres = (*trips_)[u].metres + g[e].metres;
  }

private:
  std::vector<Trip>* trips_;
};

}  // namespace

struct RoadGraph::Impl {
  Graph graph;
  std::vector<RoadEdge> edges;
  mutable std::vector<std::optional<std::vector<Trip>>> cache;
};

RoadGraph::RoadGraph() : impl_(std::make_unique<Impl>()) {}
RoadGraph::RoadGraph(RoadGraph&&) noexcept = default;
RoadGraph& RoadGraph::operator=(RoadGraph&&) noexcept = default;
RoadGraph::~RoadGraph() = default;

RoadGraph RoadGraph::from_edges(std::size_t n, const std::vector<RoadEdge>& edges) {
  RoadGraph g;
  g.impl_->graph = Graph(n);
  for (const auto& e : edges) {
    if (e.a >= n || e.b >= n) throw std::invalid_argument("road edge refers to a commune index out of range");
    if (e.a == e.b) throw std::invalid_argument("road edge from a commune to itself");
    if (!(e.metres >= 0) || !(e.seconds >= 0)) throw std::invalid_argument("road edge with a negative length or time");
    boost::add_edge(e.a, e.b, EdgeProps{e.seconds, e.metres}, g.impl_->graph);
  }
  g.impl_->edges = edges;
  g.impl_->cache.assign(n, std::nullopt);
  return g;
}

RoadGraph RoadGraph::knn(const std::vector<Commune>& communes, int k, double detour, double speed_mps) {
  const std::size_t n = communes.size();
  // A grid of cells about 10 km wide; each point searches rings of cells outward until the
  // nearest possible point of the next ring is farther than its k-th best.
  constexpr double kCellDeg = 0.1;
  std::map<std::pair<int, int>, std::vector<std::size_t>> cells;
  auto cell_of = [&](const Commune& c) {
    return std::pair<int, int>{static_cast<int>(std::floor(c.lat / kCellDeg)), static_cast<int>(std::floor(c.lon / kCellDeg))};
  };
  for (std::size_t i = 0; i < n; ++i) cells[cell_of(communes[i])].push_back(i);
  double min_cos = 1.0;
  for (const auto& c : communes) min_cos = std::min(min_cos, std::cos(std::min(89.0, std::fabs(c.lat) + kCellDeg) * M_PI / 180));
  // A ring r cells away is at least this far (metres): the narrower east-west cell side.
  const double cell_m = great_circle_m(0, 0, kCellDeg, 0) * std::max(min_cos, 0.01);
  const std::size_t want = std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 0)), n ? n - 1 : 0);

  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::pair<double, std::size_t>> best;
  for (std::size_t i = 0; i < n; ++i) {
    const auto [ci, cj] = cell_of(communes[i]);
    best.clear();
    const int max_ring = 4000;  // beyond the Earth: all points seen
    for (int r = 0; r <= max_ring; ++r) {
      if (best.size() >= want && !best.empty() && best[want - 1].first <= (r - 1) * cell_m) break;
      if (want == 0) break;
      for (int di = -r; di <= r; ++di)
        for (int dj = -r; dj <= r; ++dj) {
          if (std::max(std::abs(di), std::abs(dj)) != r) continue;
          const auto it = cells.find({ci + di, cj + dj});
          if (it == cells.end()) continue;
          for (std::size_t j : it->second) {
            if (j == i) continue;
            const double d = great_circle_m(communes[i].lat, communes[i].lon, communes[j].lat, communes[j].lon);
            best.push_back({d, j});
          }
        }
      std::sort(best.begin(), best.end());
      if (best.size() > want) best.resize(want);
    }
    for (const auto& [d, j] : best) pairs.push_back({std::min(i, j), std::max(i, j)});
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<RoadEdge> edges;
  edges.reserve(pairs.size());
  for (const auto& [a, b] : pairs) {
    const double m = great_circle_m(communes[a].lat, communes[a].lon, communes[b].lat, communes[b].lon) * detour;
    edges.push_back(RoadEdge{a, b, m, m / speed_mps});
  }
  return from_edges(n, edges);
}

std::size_t RoadGraph::size() const { return boost::num_vertices(impl_->graph); }
const std::vector<RoadEdge>& RoadGraph::edges() const { return impl_->edges; }

std::vector<int> RoadGraph::components() const {
  std::vector<int> comp(size());
  if (comp.empty()) return comp;
  const int count = boost::connected_components(impl_->graph, comp.data());
  // Renumber: 0 for the largest component (ties: the one holding the lowest index).
  std::vector<std::size_t> sizes(static_cast<std::size_t>(count), 0);
  std::vector<std::size_t> first(static_cast<std::size_t>(count), comp.size());
  for (std::size_t v = 0; v < comp.size(); ++v) {
    sizes[static_cast<std::size_t>(comp[v])]++;
    first[static_cast<std::size_t>(comp[v])] = std::min(first[static_cast<std::size_t>(comp[v])], v);
  }
  std::vector<int> order(static_cast<std::size_t>(count));
  for (int c = 0; c < count; ++c) order[static_cast<std::size_t>(c)] = c;
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
    return sizes[ua] != sizes[ub] ? sizes[ua] > sizes[ub] : first[ua] < first[ub];
  });
  std::vector<int> rank(static_cast<std::size_t>(count));
  for (int r = 0; r < count; ++r) rank[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])] = r;
  for (auto& c : comp) c = rank[static_cast<std::size_t>(c)];
  return comp;
}

const std::vector<Trip>& RoadGraph::trips_from(std::size_t from) const {
  auto& slot = impl_->cache.at(from);
  if (slot) return *slot;
  const Graph& g = impl_->graph;
  std::vector<Trip> trips(size(), Trip{kInf, kInf});
  std::vector<double> dist(size(), kInf);
  trips[from] = Trip{0, 0};
  boost::dijkstra_shortest_paths(
      g, static_cast<Vertex>(from),
      boost::weight_map(boost::get(&EdgeProps::seconds, g))
          .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
          .visitor(MetresRecorder(&trips)));
  for (std::size_t v = 0; v < dist.size(); ++v) {
    trips[v].seconds = dist[v];
    if (dist[v] >= std::numeric_limits<double>::max()) trips[v] = Trip{kInf, kInf};  // Boost marks unreached so
  }
  slot = std::move(trips);
  return *slot;
}

Trip RoadGraph::trip(std::size_t from, std::size_t to) const {
  if (from == to) return Trip{0, 0};
  return trips_from(from).at(to);
}

}  // namespace maillage
