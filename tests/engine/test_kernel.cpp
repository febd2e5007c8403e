#include <catch2/catch.hpp>

#include <sstream>

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include "engine/kernel.hpp"
#include "engine/star_platform.hpp"

using namespace maillage;

namespace {
struct Recorder : EventHandler {
  Kernel* kernel = nullptr;
  simgrid::s4u::Host *a = nullptr, *b = nullptr;
  struct Seen {
    std::uint32_t kind;
    double time, simgrid_clock;
  };
  std::vector<Seen> seen;
  void handle(const Event& e) override {
    seen.push_back({e.kind, kernel->now(), simgrid::s4u::Engine::get_clock()});
    if (e.kind == 1) {  // start two transfers sharing one link
      for (auto [bytes, kind] : {std::pair{2e6, 10u}, {1e6, 11u}})
        kernel->start([&, bytes = bytes] { return transfer(a, b, bytes); }, kind, 0);
    }
  }
};
}  // namespace

TEST_CASE("kernel: own events need no SimGrid clock - transfers complete at SimGrid's shared-link times",
          "[engine][simgrid]") {
  Recorder rec;
  Kernel kernel(rec);
  rec.kernel = &kernel;
  for (double t : {1.0, 2.0, 3.0}) kernel.schedule(t, 0, 0);
  kernel.schedule(5.0, 1, 0);
  kernel.schedule(6.0, 2, 0);
  kernel.schedule(9.0, 3, 0);
  kernel.schedule(30.0, 4, 0);  // beyond the horizon: never handled
  kernel.run_simulation(20.0, [&] {
    use_exact_flow_model();
    auto* zone = simgrid::s4u::create_full_zone("test");
    rec.a = zone->create_host("a", 1e9);
    rec.b = zone->create_host("b", 1e9);
    auto* link = zone->create_link("l", 1e6);  // 1 MB/s
    zone->add_route(rec.a->get_netpoint(), rec.b->get_netpoint(), nullptr, nullptr,
                    {simgrid::s4u::LinkInRoute(link)}, true);
    zone->seal();
    return rec.a;
  });

  std::ostringstream trace;
  for (const auto& s : rec.seen) trace << s.kind << "@" << s.time << " ";
  INFO(trace.str());
  REQUIRE(rec.seen.size() == 8);
  // Own events before any network activity: SimGrid's clock never moved (no simcall).
  for (int i = 0; i < 3; ++i) {
    CHECK(rec.seen[i].kind == 0);
    CHECK(rec.seen[i].time == double(i + 1));
    CHECK(rec.seen[i].simgrid_clock == 0.0);
  }
  CHECK(rec.seen[3].kind == 1);
  CHECK(rec.seen[3].simgrid_clock == 0.0);  // still lazy: synchronised inside start()
  CHECK(rec.seen[4].kind == 2);
  CHECK(rec.seen[4].time == 6.0);
  CHECK(rec.seen[4].simgrid_clock == 6.0);  // with transfers in flight, SimGrid keeps up
  // Both transfers share the 1 MB/s link at 0.5 MB/s: the 1 MB one ends at 7 s, then the
  // 2 MB one has its last MB alone at 1 MB/s and ends at 8 s (max-min fair sharing).
  CHECK(rec.seen[5].kind == 11);
  CHECK(rec.seen[5].time == Approx(7.0).margin(1e-9));
  CHECK(rec.seen[6].kind == 10);
  CHECK(rec.seen[6].time == Approx(8.0).margin(1e-9));
  CHECK(rec.seen[7].kind == 3);  // the own event after the transfers
  CHECK(rec.seen[7].time == 9.0);
  CHECK(kernel.now() == 20.0);
}

TEST_CASE("kernel: a run without network activity handles events up to the horizon", "[engine][simgrid]") {
  struct Counter : EventHandler {
    Kernel* k = nullptr;
    int n = 0;
    void handle(const Event&) override {
      ++n;
      k->schedule(k->now() + 1.0, 0, 0);
    }
  } counter;
  Kernel kernel(counter);
  counter.k = &kernel;
  kernel.schedule(0.5, 0, 0);
  kernel.run_simulation(100.0);
  CHECK(counter.n == 100);  // 0.5, 1.5, ..., 99.5
  CHECK(kernel.events_handled() == 100);
}

namespace {
/** Own events at given times; event kind 1 starts a transfer of `bytes` over a link of
 *  1 MB/s, kind 2 raises that link to 10 MB/s (after a sync, as the kernel requires). */
struct Bounded : EventHandler {
  Kernel* kernel = nullptr;
  simgrid::s4u::Host *a = nullptr, *b = nullptr;
  simgrid::s4u::Link* link = nullptr;
  double bytes = 0;
  std::vector<std::pair<std::uint32_t, double>> seen;  // (kind, SimGrid's clock)
  std::vector<double> at;                              // kernel time
  void handle(const Event& e) override {
    seen.push_back({e.kind, simgrid::s4u::Engine::get_clock()});
    at.push_back(kernel->now());
    if (e.kind == 1) kernel->start_transfer(a, b, bytes, 9, 0);
    if (e.kind == 2) {
      kernel->sync();
      link->set_bandwidth(10e6);
    }
  }
  simgrid::s4u::Host* build() {
    use_exact_flow_model();
    auto* zone = simgrid::s4u::create_full_zone("test");
    a = zone->create_host("a", 1e9);
    b = zone->create_host("b", 1e9);
    link = zone->create_link("l", 1e6);  // 1 MB/s, no latency
    zone->add_route(a->get_netpoint(), b->get_netpoint(), nullptr, nullptr, {simgrid::s4u::LinkInRoute(link)}, true);
    zone->seal();
    return a;
  }
};
}  // namespace

TEST_CASE("kernel: own events before a transfer could end need no SimGrid round trip", "[engine][simgrid]") {
  Bounded rec;
  Kernel kernel(rec);
  rec.kernel = &kernel;
  rec.bytes = 1e6;  // 1 MB at 1 MB/s from 5 s: it cannot end before 6 s
  kernel.schedule(5.0, 1, 0);
  kernel.schedule(5.5, 0, 0);
  kernel.schedule(5.9, 0, 0);
  kernel.schedule(6.5, 0, 0);
  kernel.run_simulation(10.0, [&] { return rec.build(); });
  REQUIRE(rec.seen.size() == 5);
  // Handled at their times while SimGrid's clock stayed at the transfer's start.
  CHECK(rec.at[1] == 5.5);
  CHECK(rec.seen[1].second == 5.0);
  CHECK(rec.at[2] == 5.9);
  CHECK(rec.seen[2].second == 5.0);
  // Past the bound SimGrid is asked: the transfer ends first, at its own time.
  CHECK(rec.seen[3].first == 9);
  CHECK(rec.at[3] == Approx(6.0).margin(1e-9));
  CHECK(rec.seen[4].first == 0);
  CHECK(rec.at[4] == 6.5);
}

TEST_CASE("kernel: past its bound a shared transfer is waited for - own events keep their order", "[engine][simgrid]") {
  Bounded rec;
  Kernel kernel(rec);
  rec.kernel = &kernel;
  rec.bytes = 1e6;  // two of them on the 1 MB/s line: each could end at 1 s alone, both end at 2 s
  kernel.schedule(0.0, 1, 0);
  kernel.schedule(0.0, 1, 0);
  kernel.schedule(0.5, 0, 0);
  kernel.schedule(1.5, 0, 0);
  kernel.schedule(2.5, 0, 0);
  kernel.run_simulation(10.0, [&] { return rec.build(); });
  REQUIRE(rec.seen.size() == 7);
  CHECK(rec.seen[2].second == 0.0);  // before the bound: SimGrid not asked
  CHECK(rec.at[3] == 1.5);           // after it: asked, and nothing had ended
  CHECK(rec.seen[3].second == 1.5);
  CHECK(rec.seen[4].first == 9);
  CHECK(rec.at[4] == Approx(2.0).margin(1e-9));
  CHECK(rec.seen[5].first == 9);
  CHECK(rec.at[5] == Approx(2.0).margin(1e-9));
  CHECK(rec.at[6] == 2.5);
}

TEST_CASE("kernel: a transfer keeps the rate its line allowed at its start - a raise does not end it early",
          "[engine][simgrid]") {
  // SimGrid's CM02 caps a flow at its route's bandwidth when it starts; the kernel's bound
  // takes the highest bandwidth seen since, so it stays true either way.
  Bounded rec;
  Kernel kernel(rec);
  rec.kernel = &kernel;
  rec.bytes = 10e6;  // 10 s at 1 MB/s; the line goes to 10 MB/s at 2 s
  kernel.schedule(0.0, 1, 0);
  kernel.schedule(2.0, 2, 0);
  for (double t = 3.0; t < 12.0; t += 1.0) kernel.schedule(t, 0, 0);
  kernel.run_simulation(20.0, [&] { return rec.build(); });
  REQUIRE(rec.seen.size() == 12);
  CHECK(rec.at[9] == 10.0);  // the own event at 10 s comes first (a tie goes to own events)
  CHECK(rec.seen[10].first == 9);
  CHECK(rec.at[10] == Approx(10.0).margin(1e-9));
  CHECK(rec.at[11] == 11.0);
}
