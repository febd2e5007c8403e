#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "engine/indexed_star_zone.hpp"
#include "engine/kernel.hpp"
#include "engine/star_platform.hpp"

using namespace maillage;

namespace {
struct Uploads : EventHandler {
  Kernel* kernel = nullptr;
  StarPlatform::Site site, centre;
  std::vector<std::pair<std::uint32_t, double>> done;  // (kind, time)
  void handle(const Event& e) override {
    if (e.kind == 0) {  // start: 2 MB up from the site, 2 MB down to it
      kernel->start([&] { return transfer(site.host, centre.host, 2e6); }, 1, 0);
      kernel->start([&] { return transfer(centre.host, site.host, 2e6); }, 2, 0);
    } else {
      done.push_back({e.kind, kernel->now()});
    }
  }
};
}  // namespace

TEST_CASE("star platform: an upload takes size/bandwidth plus latency - up and down apart", "[engine][simgrid]") {
  Uploads u;
  Kernel kernel(u);
  u.kernel = &kernel;
  kernel.schedule(10.0, 0, 0);
  kernel.run_simulation(100.0, [&] {
    use_exact_flow_model();
    StarPlatform p("territory");
    // ADSL-like site: 1 Mbps up, 8 Mbps down, 30 ms; a platform with a fat line.
    u.site = p.add_site("site", 1e6, 8e6, 0.030);
    u.centre = p.add_site("platform", 10e9, 10e9, 0.0);
    p.seal();
    return u.centre.host;
  });
  REQUIRE(u.done.size() == 2);
  // 2 MB = 16 Mbit: 2 s down at 8 Mbps, 16 s up at 1 Mbps, plus the 30 ms of the site's line.
  CHECK(u.done[0].first == 2);
  CHECK(u.done[0].second == Approx(10 + 2 + 0.030).margin(1e-6));
  CHECK(u.done[1].first == 1);
  CHECK(u.done[1].second == Approx(10 + 16 + 0.030).margin(1e-6));
}

namespace {
/** Two mirrored halves of one star platform: the same flows started and cancelled one by
 *  one on the left, together through Kernel::at_once on the right. */
struct Mirrored : EventHandler {
  Kernel* kernel = nullptr;
  StarPlatform::Site home[2][2], centre[2];
  simgrid::s4u::CommPtr flows[2][3];
  std::vector<double> remaining[2];
  void read() {
    for (int side = 0; side < 2; ++side)
      for (const auto& f : flows[side])
        if (f) remaining[side].push_back(f->get_remaining());
  }
  void handle(const Event& e) override {
    kernel->sync();
    if (e.kind == 0) {  // a video call (up and down) from home 0, an upload from home 1
      flows[0][0] = transfer(home[0][0].host, centre[0].host, 1e15);
      flows[0][1] = transfer(centre[0].host, home[0][0].host, 1e15);
      flows[0][2] = transfer(home[0][1].host, centre[0].host, 1e15);
      for (int i = 0; i < 3; ++i) flows[1][i] = transfer_from(i == 1 ? centre[1].host : home[1][i / 2].host, 1e15);
      kernel->at_once([this] {
        flows[1][0]->set_destination(centre[1].host);
        flows[1][1]->set_destination(home[1][0].host);
        flows[1][2]->set_destination(centre[1].host);
      });
    } else if (e.kind == 1) {
      read();
    } else if (e.kind == 2) {  // the call ends
      read();
      flows[0][0]->cancel();
      flows[0][1]->cancel();
      kernel->at_once([this] {
        flows[1][0]->cancel();
        flows[1][1]->cancel();
      });
      for (int side = 0; side < 2; ++side) flows[side][0] = flows[side][1] = nullptr;
    } else {
      read();
    }
  }
};
}  // namespace

TEST_CASE("star platform: flows started and cancelled at once carry the same bytes as one by one",
          "[engine][simgrid]") {
  Mirrored m;
  Kernel kernel(m);
  m.kernel = &kernel;
  kernel.schedule(1.0, 0, 0);
  kernel.schedule(4.5, 1, 0);
  kernel.schedule(7.25, 2, 0);
  kernel.schedule(11.0, 3, 0);
  kernel.run_simulation(20.0, [&] {
    use_exact_flow_model();
    StarPlatform p("territory");
    for (int side = 0; side < 2; ++side) {
      const std::string s = side == 0 ? "one-by-one/" : "at-once/";
      // Both homes share the centre's 3 Mbps down line; home 0 has 1 Mbps up, 8 down.
      m.home[side][0] = p.add_site(s + "home0", 1e6, 8e6, 0.030);
      m.home[side][1] = p.add_site(s + "home1", 2.5e6, 8e6, 0.010);
      m.centre[side] = p.add_site(s + "centre", 3e6, 3e6, 0.005);
    }
    p.seal();
    return m.centre[0].host;
  });
  // 3 + 3 + 1 reads on each side; the same bits on both.
  REQUIRE(m.remaining[0].size() == 7);
  REQUIRE(m.remaining[1].size() == 7);
  for (std::size_t i = 0; i < 7; ++i) {
    INFO("read " << i);
    CHECK(m.remaining[0][i] == m.remaining[1][i]);
  }
  // The flows did run: the upload of home 1 shares the centre's 3 Mbps down line with the
  // call's 1 Mbps up, so it carries between 2 and its own 2.5 Mbps until the call ends.
  const double carried = (1e15 - m.remaining[1][2]) * 8, seconds = 4.5 - 1 - 0.015;
  CHECK(carried > 2e6 * seconds * 0.99);
  CHECK(carried < 2.5e6 * seconds);
  CHECK(m.remaining[1][6] < m.remaining[1][5]);
}

namespace {
/** Every route between the sites (a site to itself too), from the index and from SimGrid's
 *  StarZone: the same links in the same order and the same bits of latency. */
std::size_t compare_routes(const std::vector<StarPlatform::Site>& sites) {
  std::size_t compared = 0;
  for (const auto& a : sites)
    for (const auto& b : sites) {
      auto* zone = dynamic_cast<IndexedStarZone*>(a.host->get_netpoint()->get_englobing_zone());
      REQUIRE(zone != nullptr);  // the platform routes through its index
      simgrid::kernel::routing::Route star, indexed;
      double star_latency = 0.0, indexed_latency = 0.0;
      zone->star_route(a.host->get_netpoint(), b.host->get_netpoint(), &star, &star_latency);
      zone->get_local_route(a.host->get_netpoint(), b.host->get_netpoint(), &indexed, &indexed_latency);
      // What a flow gets: the engine's route from one host to the other.
      std::vector<simgrid::s4u::Link*> global;
      double global_latency = 0.0;
      a.host->route_to(b.host, global, &global_latency);
      INFO(a.host->get_name() << " -> " << b.host->get_name());
      REQUIRE(indexed.link_list_ == star.link_list_);
      REQUIRE(global.size() == star.link_list_.size());
      for (std::size_t i = 0; i < global.size(); ++i) CHECK(global[i]->get_impl() == star.link_list_[i]);
      CHECK(std::memcmp(&indexed_latency, &star_latency, sizeof(double)) == 0);
      CHECK(std::memcmp(&global_latency, &star_latency, sizeof(double)) == 0);
      CHECK(indexed.gw_src_ == star.gw_src_);
      CHECK(indexed.gw_dst_ == star.gw_dst_);
      if (a.host != b.host) {  // a site to another: its way out, the other's way in
        REQUIRE(star.link_list_.size() == 2);
        CHECK(star.link_list_[0] == a.up->get_impl());
        CHECK(star.link_list_[1] == b.down->get_impl());
      }
      ++compared;
    }
  return compared;
}

struct Rollout : EventHandler {
  Kernel* kernel = nullptr;
  std::vector<StarPlatform::Site> sites;
  std::size_t compared = 0;
  void handle(const Event&) override {
    kernel->sync();
    // Latencies whose sums round differently in another order (0.1 + 0.2 + 0.3).
    StarPlatform::set_access(sites[1], 30e6, 300e6, 0.1);
    StarPlatform::set_access(sites[2], 1e6, 8e6, 0.2);
    compared += compare_routes(sites);
  }
};
}  // namespace

TEST_CASE("star platform: routes from the sites' index are SimGrid's star routes - links and latency bits",
          "[engine][simgrid]") {
  Rollout r;
  Kernel kernel(r);
  r.kernel = &kernel;
  kernel.schedule(5.0, 0, 0);
  kernel.run_simulation(10.0, [&] {
    use_exact_flow_model();
    StarPlatform p("territory");
    r.sites.push_back(p.add_site("home", 1e6, 8e6, 0.030, false));
    r.sites.push_back(p.add_site("practice", 8e6, 50e6, 0.0123456789));
    r.sites.push_back(p.add_site("cabin", 0.0, 0.0, 0.3));  // a line without service
    r.sites.push_back(p.add_site("platform", 10e9, 10e9, 0.005));
    p.seal();
    r.compared += compare_routes(r.sites);
    return r.sites.back().host;
  });
  CHECK(r.compared == 2 * 16);
}
