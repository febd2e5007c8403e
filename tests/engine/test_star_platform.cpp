#include <catch2/catch.hpp>

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

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
