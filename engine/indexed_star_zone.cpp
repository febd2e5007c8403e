#include "engine/indexed_star_zone.hpp"

namespace maillage {

void IndexedStarZone::index(const NetPoint* host, simgrid::s4u::Link* up, simgrid::s4u::Link* down) {
  if (ways_.size() <= host->id()) ways_.resize(host->id() + 1);
  ways_[host->id()] = Way{up, down, up->get_impl(), down->get_impl()};
}

void IndexedStarZone::get_local_route(const NetPoint* src, const NetPoint* dst, Route* route, double* latency) {
  const Way* from = src->id() < ways_.size() ? &ways_[src->id()] : nullptr;
  const Way* to = dst->id() < ways_.size() ? &ways_[dst->id()] : nullptr;
  if (src == dst || from == nullptr || to == nullptr || from->up == nullptr || to->down == nullptr ||
      from->up == to->down) {  // StarZone lists a link once
    StarZone::get_local_route(src, dst, route, latency);
    return;
  }
  // What StarZone does for two distinct links (SimGrid's add_link_latency): append, then add
  // the link's latency to the sum, the way out first.
  route->link_list_.reserve(route->link_list_.size() + 2);
  route->link_list_.push_back(from->up_impl);
  if (latency != nullptr) *latency += from->up->get_latency();
  route->link_list_.push_back(to->down_impl);
  if (latency != nullptr) *latency += to->down->get_latency();
  route->gw_src_ = nullptr;  // a host's route has no gateway
  route->gw_dst_ = nullptr;
}

}  // namespace maillage
