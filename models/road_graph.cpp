#include "models/road_graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace maillage {
namespace {

struct EdgeProps {
  double seconds = 0.0;       // the Dijkstra weight
  double metres = 0.0;
  double curve_metres = 0.0;  // metres timed by the curve (by_curve edges), else 0
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using EdgeDesc = boost::graph_traits<Graph>::edge_descriptor;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Records the metres along the fastest path: Dijkstra minimises seconds, and each time an
// edge u->v improves v's time (u being settled), v's metres become u's plus the edge's, so
// the metres follow the same shortest-time tree. Boost 1.74 relaxes targets only, so the
// edge's source is always the settled end, even in an undirected graph. The curve's metres
// likewise, when the graph has a curve.
class MetresRecorder : public boost::default_dijkstra_visitor {
public:
  MetresRecorder(std::vector<double>* metres, std::vector<double>* curve_metres)
      : metres_(metres), curve_metres_(curve_metres) {}
  void edge_relaxed(EdgeDesc e, const Graph& g) const {
    const auto s = boost::source(e, g), t = boost::target(e, g);
    (*metres_)[t] = (*metres_)[s] + g[e].metres;
    if (curve_metres_) (*curve_metres_)[t] = (*curve_metres_)[s] + g[e].curve_metres;
  }

private:
  std::vector<double>* metres_;
  std::vector<double>* curve_metres_;
};

/** Stops a Dijkstra once the next settled vertex lies beyond the limit (Boost's documented
 *  way out of its algorithms is an exception from the visitor), and remembers the vertices
 *  it touched so the scratch maps can be reset without an O(n) pass. */
struct Beyond {};
class BoundedRecorder : public MetresRecorder {
public:
  BoundedRecorder(std::vector<double>* seconds, std::vector<double>* metres, std::vector<double>* curve_metres,
                  std::vector<Vertex>* touched, double limit)
      : MetresRecorder(metres, curve_metres), seconds_(seconds), touched_(touched), limit_(limit) {}
  void discover_vertex(Vertex v, const Graph&) const { touched_->push_back(v); }
  void examine_vertex(Vertex v, const Graph&) const {
    if ((*seconds_)[v] > limit_) throw Beyond{};
  }

private:
  std::vector<double>* seconds_;
  std::vector<Vertex>* touched_;
  double limit_;
};

std::uint64_t pair_key(std::size_t a, std::size_t b) {
  return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | static_cast<std::uint64_t>(std::max(a, b));
}

}  // namespace

struct RoadGraph::Impl {
  Graph graph;
  std::vector<RoadEdge> edges;
  // One Dijkstra result per source, filled on first use: the const queries are logically
  // pure, so the cache is mutable. Not thread-safe.
  mutable std::vector<std::optional<std::vector<Trip>>> cache;
  // trip_within's rows: per source, the limit and the trips within it, by commune.
  mutable std::vector<std::pair<double, std::vector<std::pair<std::size_t, Trip>>>> near;
  std::optional<SpeedCurve> curve;
  std::unordered_map<std::uint64_t, Trip> exact;  // given pairs, by pair_key
  // Scratch maps of trips_within, all at "unvisited" between calls.
  mutable std::vector<double> seconds, metres, curve_metres;

  /** The trip from -> to from a Dijkstra's weight and metres: the given time of an exact
   *  pair, else with a curve its access and banded time in place of the weight's proxy. */
  Trip finish(std::size_t from, std::size_t to, double weight, double m, double cm) const {
    if (!exact.empty()) {
      const auto it = exact.find(pair_key(from, to));
      if (it != exact.end()) return it->second;
    }
    if (curve && from != to && weight < kInf) weight += curve->seconds(cm) - cm / curve->top_speed();
    return Trip{weight, m};
  }
  mutable std::vector<boost::default_color_type> colour;
  mutable std::vector<Vertex> touched;
  // The search heap's index of each vertex: only read for vertices in the heap (set when
  // pushed), so stale entries from earlier searches are harmless.
  mutable std::vector<std::size_t> heap_index;
};

RoadGraph::RoadGraph() : impl_(std::make_unique<Impl>()) {}
RoadGraph::RoadGraph(RoadGraph&&) noexcept = default;
RoadGraph& RoadGraph::operator=(RoadGraph&&) noexcept = default;
RoadGraph::~RoadGraph() = default;

RoadGraph RoadGraph::from_edges(std::size_t n, const std::vector<RoadEdge>& edges, std::optional<SpeedCurve> curve) {
  RoadGraph g;
  if (curve) curve->check();
  Graph(n).swap(g.impl_->graph);  // swap, not assign: adjacency_list's assignment copies
  // The loader checks user files first; this is the backstop for every other caller.
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const RoadEdge& e = edges[i];
    const std::string where = "road edge #" + std::to_string(i) + " (" + std::to_string(e.a) + " - " +
                              std::to_string(e.b) + ")";
    if (e.a >= n || e.b >= n)
      throw std::invalid_argument(where + " refers to a commune beyond the " + std::to_string(n) + " communes");
    if (e.a == e.b) throw std::invalid_argument(where + " joins a commune to itself");
    // Written as !(x >= 0) so NaN is refused too.
    if (!(e.metres >= 0)) throw std::invalid_argument(where + " has a negative or undefined length: " + std::to_string(e.metres) + " m");
    if (e.by_curve && !curve) throw std::invalid_argument(where + " is timed by a speed curve, but the graph has none");
    if (!e.by_curve && !(e.seconds >= 0))
      throw std::invalid_argument(where + " has a negative or undefined time: " + std::to_string(e.seconds) + " s");
    if (e.by_curve)
      boost::add_edge(e.a, e.b, EdgeProps{e.metres / curve->top_speed(), e.metres, e.metres}, g.impl_->graph);
    else
      boost::add_edge(e.a, e.b, EdgeProps{e.seconds, e.metres, 0.0}, g.impl_->graph);
    if (e.exact) g.impl_->exact[pair_key(e.a, e.b)] = Trip{e.seconds, e.metres};
  }
  g.impl_->curve = std::move(curve);
  g.impl_->edges = edges;
  g.impl_->cache.assign(n, std::nullopt);
  return g;
}

namespace {

// A uniform lat/lon grid over the communes, for exact k-nearest-neighbour search without
// comparing every pair. Cells are about square on the ground at the median latitude and
// hold about k points each; a query visits rings of cells outward and stops once the
// nearest possible point of the next ring is farther than its k-th best.
class Grid {
public:
  Grid(const std::vector<Commune>& pts, std::size_t k) : pts_(pts) {
    const std::size_t n = pts.size();
    std::vector<double> lats(n), lons(n);
    for (std::size_t i = 0; i < n; ++i) {
      lats[i] = pts[i].lat;
      lons[i] = pts[i].lon;
      max_abs_lat_ = std::max(max_abs_lat_, std::fabs(pts[i].lat));
    }
    lat0_ = *std::min_element(lats.begin(), lats.end());
    lon0_ = *std::min_element(lons.begin(), lons.end());
    lon_span_rad_ = (*std::max_element(lons.begin(), lons.end()) - lon0_) * kRad;
    // Size cells from the 5-95 % extent, so a few far-off points do not make them huge.
    const double lat_mid = quantile(lats, 0.5);
    const double cos_mid = std::max(0.01, std::cos(lat_mid * kRad));
    const double h_m = (quantile(lats, 0.95) - quantile(lats, 0.05)) * kRad * kRadius;
    const double w_m = (quantile(lons, 0.95) - quantile(lons, 0.05)) * kRad * kRadius * cos_mid;
    double cell_m = std::sqrt(h_m * w_m * static_cast<double>(std::max<std::size_t>(k, 1)) / (0.9 * n));
    if (!(cell_m > 1.0))  // degenerate spread: points on a line (use its linear density) or all alike
      cell_m = std::max(1000.0, std::max(h_m, w_m) * static_cast<double>(std::max<std::size_t>(k, 1)) / (0.9 * n));
    cell_lat_ = cell_m / (kRad * kRadius);
    cell_lon_ = cell_lat_ / cos_mid;

    // Bucket the points: sort indices by cell, and map each occupied cell to its range.
    order_.resize(n);
    std::vector<std::uint64_t> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
      order_[i] = i;
      const auto [ci, cj] = cell_of(i);
      keys[i] = key(ci, cj);
      ci_min_ = std::min(ci_min_, ci), ci_max_ = std::max(ci_max_, ci);
      cj_min_ = std::min(cj_min_, cj), cj_max_ = std::max(cj_max_, cj);
    }
    std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    for (std::size_t s = 0; s < n;) {
      std::size_t e = s;
      while (e < n && keys[order_[e]] == keys[order_[s]]) ++e;
      const auto [ci, cj] = cell_of(order_[s]);
      cells_.emplace(keys[order_[s]], Cell{ci, cj, s, e});
      s = e;
    }
  }

  /** The `want` nearest other points of i, as (metres, index), nearest first; ties go to
   *  the lower index, so the result is the same as sorting all pairs. */
  std::vector<std::pair<double, std::size_t>> nearest(std::size_t i, std::size_t want) const {
    std::vector<std::pair<double, std::size_t>> heap;  // max-heap of the best so far
    if (want == 0) return heap;
    auto offer_cell = [&](const Cell& c) {
      for (std::size_t s = c.begin; s < c.end; ++s) {
        const std::size_t j = order_[s];
        if (j == i) continue;
        const std::pair<double, std::size_t> cand{
            great_circle_m(pts_[i].lat, pts_[i].lon, pts_[j].lat, pts_[j].lon), j};
        if (heap.size() < want) {
          heap.push_back(cand);
          std::push_heap(heap.begin(), heap.end());
        } else if (cand < heap.front()) {
          std::pop_heap(heap.begin(), heap.end());
          heap.back() = cand;
          std::push_heap(heap.begin(), heap.end());
        }
      }
    };
    const auto [ci, cj] = cell_of(i);
    for (int r = 0;; ++r) {
      if (heap.size() == want && heap.front().first < ring_bound_m(r)) break;
      if (ci - r < ci_min_ && ci + r > ci_max_ && cj - r < cj_min_ && cj + r > cj_max_) break;  // all seen
      if (8.0 * r > static_cast<double>(cells_.size())) {
        // Sparse surroundings: the ring has more cells than are occupied, so finish by
        // scanning every occupied cell not yet visited instead of probing empty ones.
        for (const auto& [k, c] : cells_)
          if (std::max(std::abs(c.ci - ci), std::abs(c.cj - cj)) >= r) offer_cell(c);
        break;
      }
      for (int di = -r; di <= r; ++di) {
        if (ci + di < ci_min_ || ci + di > ci_max_) continue;
        const int step = (di == -r || di == r) ? 1 : std::max(1, 2 * r);  // full edge rows, else the two sides
        for (int dj = -r; dj <= r; dj += step) {
          const auto it = cells_.find(key(ci + di, cj + dj));
          if (it != cells_.end()) offer_cell(it->second);
        }
      }
    }
    std::sort_heap(heap.begin(), heap.end());
    return heap;
  }

private:
  static constexpr double kRadius = 6371008.8;
  static constexpr double kRad = M_PI / 180.0;
  struct Cell {
    int ci, cj;
    std::size_t begin, end;  // range in order_
  };

  static double quantile(std::vector<double> v, double q) {
    const auto at = v.begin() + static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), at, v.end());
    return *at;
  }
  std::pair<int, int> cell_of(std::size_t i) const {
    return {static_cast<int>(std::floor((pts_[i].lat - lat0_) / cell_lat_)),
            static_cast<int>(std::floor((pts_[i].lon - lon0_) / cell_lon_))};
  }
  static std::uint64_t key(int ci, int cj) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(ci)) << 32) | static_cast<std::uint32_t>(cj);
  }
  /** A lower bound on the distance from a point to any point in ring r of cells around its
   *  own: more than r-1 cells apart in latitude, or in longitude. Latitude alone gives a
   *  meridian arc; for longitude, haversine gives sin(d/2) >= cos(max |lat|) sin(dlon/2).
   *  Shrunk by 1e-9 so rounding in the cell assignment can never make it too large. */
  double ring_bound_m(int r) const {
    if (r <= 1) return 0.0;
    const double dlat = (r - 1) * cell_lat_ * kRad;
    // Around the antimeridian the true longitude gap may be 2 pi minus the naive one.
    const double dlon = std::min({(r - 1) * cell_lon_ * kRad, 2 * M_PI - lon_span_rad_, M_PI});
    const double by_lon = 2 * std::asin(std::cos(max_abs_lat_ * kRad) * std::sin(dlon / 2));
    return kRadius * std::min(dlat, by_lon) * (1 - 1e-9);
  }

  const std::vector<Commune>& pts_;
  double lat0_ = 0, lon0_ = 0, lon_span_rad_ = 0, max_abs_lat_ = 0, cell_lat_ = 1, cell_lon_ = 1;
  int ci_min_ = std::numeric_limits<int>::max(), ci_max_ = std::numeric_limits<int>::min();
  int cj_min_ = std::numeric_limits<int>::max(), cj_max_ = std::numeric_limits<int>::min();
  std::vector<std::size_t> order_;
  std::unordered_map<std::uint64_t, Cell> cells_;
};

}  // namespace

RoadGraph RoadGraph::knn(const std::vector<Commune>& communes, int k, double detour, double speed_mps) {
  return from_edges(communes.size(), knn_edges(communes, KnnRoads{k, detour, speed_mps, std::nullopt}));
}

std::vector<RoadEdge> RoadGraph::knn_edges(const std::vector<Commune>& communes, const KnnRoads& model) {
  const auto [k, detour, speed_mps, curve] = model;
  if (k < 1) throw std::invalid_argument("road graph knn: k must be at least 1, got " + std::to_string(k));
  if (!(detour > 0)) throw std::invalid_argument("road graph knn: detour factor must be positive");
  if (!curve && !(speed_mps > 0)) throw std::invalid_argument("road graph knn: speed must be positive");
  const std::size_t n = communes.size();
  if (n == 0) return {};
  const std::size_t want = std::min(static_cast<std::size_t>(k), n - 1);
  const Grid grid(communes, want);
  // Each commune picks its k nearest; an undirected edge for every pick, counted once.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  pairs.reserve(n * want);
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [d, j] : grid.nearest(i, want)) pairs.emplace_back(std::min(i, j), std::max(i, j));
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<RoadEdge> edges;
  edges.reserve(pairs.size());
  for (const auto& [a, b] : pairs) {
    const double m = great_circle_m(communes[a].lat, communes[a].lon, communes[b].lat, communes[b].lon) * detour;
    edges.push_back(curve ? RoadEdge{a, b, m, 0.0, true} : RoadEdge{a, b, m, m / speed_mps});
  }
  return edges;
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
  auto& slot = impl_->cache.at(from);  // out of range: std::out_of_range
  if (slot) return *slot;
  const Graph& g = impl_->graph;
  std::vector<double> seconds(size(), kInf);
  std::vector<double> metres(size(), kInf);  // stays +inf where Dijkstra never arrives
  std::vector<double> curve_metres(impl_->curve ? size() : 0, kInf);
  metres[from] = 0;
  if (impl_->curve) curve_metres[from] = 0;
  // distance_inf = +inf (Boost's default is DBL_MAX), so unreachable communes read +inf directly.
  boost::dijkstra_shortest_paths(
      g, static_cast<Vertex>(from),
      boost::weight_map(boost::get(&EdgeProps::seconds, g))
          .distance_map(boost::make_iterator_property_map(seconds.begin(), boost::get(boost::vertex_index, g)))
          .distance_inf(kInf)
          .visitor(MetresRecorder(&metres, impl_->curve ? &curve_metres : nullptr)));
  std::vector<Trip> trips(size());
  for (std::size_t v = 0; v < trips.size(); ++v)
    trips[v] = impl_->finish(from, v, seconds[v], metres[v], impl_->curve ? curve_metres[v] : 0.0);
  slot = std::move(trips);
  return *slot;
}

std::vector<std::pair<std::size_t, Trip>> RoadGraph::trips_within(std::size_t from, double limit_s) const {
  if (from >= size()) throw std::out_of_range("RoadGraph::trips_within: no commune " + std::to_string(from));
  Impl& m = *impl_;
  const Graph& g = m.graph;
  if (m.seconds.size() != size()) {
    m.seconds.assign(size(), kInf);
    m.metres.assign(size(), kInf);
    m.curve_metres.assign(size(), kInf);
    m.colour.assign(size(), boost::white_color);
    m.heap_index.assign(size(), 0);
  }
  m.touched.clear();
  m.seconds[from] = 0, m.metres[from] = 0, m.curve_metres[from] = 0;
  const auto index = boost::get(boost::vertex_index, g);
  // Boost's dijkstra_shortest_paths_no_init, written out so that its 4-ary heap's index map
  // is kept from call to call: Boost allocates and zeroes one over every commune for each
  // search (France: 15,000 bounded searches of 34,379 entries per replication). The same
  // heap, visitor and traversal: the same order, the same trips.
  const auto distance = boost::make_iterator_property_map(m.seconds.begin(), index);
  const auto in_heap = boost::make_iterator_property_map(m.heap_index.begin(), index);
  using Queue = boost::d_ary_heap_indirect<Vertex, 4, decltype(in_heap), decltype(distance), std::less<double>>;
  Queue queue(distance, in_heap, std::less<double>());
  const auto weight = boost::get(&EdgeProps::seconds, g);
  boost::detail::dijkstra_bfs_visitor<BoundedRecorder, Queue, decltype(weight), boost::dummy_property_map,
                                      decltype(distance), boost::closed_plus<double>, std::less<double>>
      visitor(BoundedRecorder(&m.seconds, &m.metres, m.curve ? &m.curve_metres : nullptr, &m.touched, limit_s), queue,
              weight, boost::dummy_property_map(), distance, boost::closed_plus<double>(kInf), std::less<double>(), 0.0);
  const Vertex source = static_cast<Vertex>(from);
  try {
    boost::breadth_first_visit(g, &source, &source + 1, queue, visitor, boost::make_iterator_property_map(m.colour.begin(), index));
  } catch (const Beyond&) {
    // The rest lies beyond the limit.
  }
  std::vector<std::pair<std::size_t, Trip>> out;
  // The weight never exceeds the trip's time (a curve adds its access and slower bands, an
  // exact pair's edge is one path to it), so stopping at the limit missed nothing.
  for (Vertex v : m.touched) {
    const Trip t = m.finish(from, v, m.seconds[v], m.metres[v], m.curve_metres[v]);
    if (t.seconds <= limit_s) out.emplace_back(static_cast<std::size_t>(v), t);
    m.seconds[v] = kInf, m.metres[v] = kInf, m.curve_metres[v] = kInf, m.colour[v] = boost::white_color;
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.seconds, a.first) < std::tie(b.second.seconds, b.first);
  });
  return out;
}

Trip RoadGraph::trip_within(std::size_t from, std::size_t to, double limit_s) const {
  if (from == to) return Trip{0, 0};
  if (impl_->near.size() != size()) impl_->near.assign(size(), {-1.0, {}});
  auto& [limit, row] = impl_->near.at(from);
  if (limit != limit_s) {  // first use of this source (or another limit)
    row = trips_within(from, limit_s);
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    limit = limit_s;
  }
  const auto it = std::lower_bound(row.begin(), row.end(), to, [](const auto& x, std::size_t c) { return x.first < c; });
  if (it != row.end() && it->first == to) return it->second;
  return trips_from(from).at(to);
}

Trip RoadGraph::trip(std::size_t from, std::size_t to) const {
  if (from == to) return Trip{0, 0};
  return trips_from(from).at(to);
}

}  // namespace maillage
