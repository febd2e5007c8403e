#include "engine/star_platform.hpp"

#include "engine/indexed_star_zone.hpp"

#include <algorithm>

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace maillage {
double link_bytes_per_s(double bps) { return std::max(bps, 1.0) / 8.0; }

StarPlatform::StarPlatform(const std::string& name, Routing routing) {
  // SimGrid owns the zone (its engine deletes the platform's root zone).
  if (routing == Routing::Indexed) indexed_ = new IndexedStarZone(name);
  zone_ = indexed_ != nullptr ? indexed_->get_iface() : simgrid::s4u::create_star_zone(name);
}

StarPlatform::Site StarPlatform::add_site(const std::string& name, double up_bps, double down_bps, double latency_s,
                                          bool shared) {
  Site s;
  s.host = zone_->create_host(name, 1e9);
  const auto policy = shared ? simgrid::s4u::Link::SharingPolicy::SHARED : simgrid::s4u::Link::SharingPolicy::FATPIPE;
  s.up = zone_->create_link(name + "/up", link_bytes_per_s(up_bps))->set_latency(latency_s)->set_sharing_policy(policy);
  s.down = zone_->create_link(name + "/down", link_bytes_per_s(down_bps))->set_latency(latency_s)->set_sharing_policy(policy);
  s.up->seal();
  s.down->seal();
  // In a star zone, a route from a site to nowhere is its way out, from nowhere its way in.
  zone_->add_route(s.host->get_netpoint(), nullptr, nullptr, nullptr, {simgrid::s4u::LinkInRoute(s.up)}, false);
  zone_->add_route(nullptr, s.host->get_netpoint(), nullptr, nullptr, {simgrid::s4u::LinkInRoute(s.down)}, false);
  if (indexed_ != nullptr) indexed_->index(s.host->get_netpoint(), s.up, s.down);
  return s;
}

void StarPlatform::seal() { zone_->seal(); }

void StarPlatform::set_access(const Site& site, double up_bps, double down_bps, double latency_s) {
  site.up->set_bandwidth(link_bytes_per_s(up_bps));
  site.down->set_bandwidth(link_bytes_per_s(down_bps));
  site.up->set_latency(latency_s);
  site.down->set_latency(latency_s);
}

simgrid::s4u::CommPtr transfer_from(simgrid::s4u::Host* from, double bytes) {
  auto comm = simgrid::s4u::Comm::sendto_init();
  comm->set_payload_size(static_cast<std::uint64_t>(bytes));
  comm->set_source(from);
  return comm;
}

simgrid::s4u::CommPtr transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes) {
  auto comm = transfer_from(from, bytes);
  comm->set_destination(to);  // both ends assigned: SimGrid 3.32 starts it here
  return comm;
}

void use_exact_flow_model() {
  simgrid::s4u::Engine::set_config("network/model:CM02");
  simgrid::s4u::Engine::set_config("network/crosstraffic:0");
}

}  // namespace maillage
