#pragma once
// SimGrid's star zone, whose route between two sites is read from two arrays indexed by
// the sites' netpoints. SimGrid asks for a route at every flow it starts; its StarZone
// answers through a hash map and builds a set of links per call (about 40% of a video
// session's flow creation). The answer is the same: the source's way out, then the
// destination's way in, each link's current latency added in that order. Anything the
// index does not hold (a loopback, a netpoint added another way) goes to StarZone.
#include <string>
#include <vector>

#include <simgrid/kernel/routing/NetPoint.hpp>
#include <simgrid/kernel/routing/StarZone.hpp>
#include <simgrid/s4u/Link.hpp>

namespace maillage {

class IndexedStarZone : public simgrid::kernel::routing::StarZone {
public:
  using NetPoint = simgrid::kernel::routing::NetPoint;
  using Route = simgrid::kernel::routing::Route;

  explicit IndexedStarZone(const std::string& name) : StarZone(name) {}

  /** Records a host's one-link way out and way in, as given to add_route. */
  void index(const NetPoint* host, simgrid::s4u::Link* up, simgrid::s4u::Link* down);
  void get_local_route(const NetPoint* src, const NetPoint* dst, Route* route, double* latency) override;
  /** StarZone's own answer, to check the index against. */
  void star_route(const NetPoint* src, const NetPoint* dst, Route* route, double* latency) {
    StarZone::get_local_route(src, dst, route, latency);
  }

private:
  struct Way {
    simgrid::s4u::Link* up = nullptr;
    simgrid::s4u::Link* down = nullptr;
    // Link::get_impl() is a dynamic_cast: looked up once.
    simgrid::kernel::resource::StandardLinkImpl* up_impl = nullptr;
    simgrid::kernel::resource::StandardLinkImpl* down_impl = nullptr;
  };
  std::vector<Way> ways_;  ///< by netpoint id within this zone
};

}  // namespace maillage
