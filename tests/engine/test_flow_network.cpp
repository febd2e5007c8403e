#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "engine/flow_network.hpp"
#include "engine/kernel.hpp"
#include "engine/star_platform.hpp"

using namespace maillage;

TEST_CASE("flow network: two flows on one link share it evenly - by hand", "[engine]") {
  FlowNetwork net;
  const auto a = net.add_site(1000.0, 1000.0, 0.01), b = net.add_site(1000.0, 1000.0, 0.01),
             c = net.add_site(600.0, 600.0, 0.01);
  const auto f = net.start(a, c, FlowNetwork::kEndless, 0.0), g = net.start(b, c, FlowNetwork::kEndless, 0.0);
  CHECK(net.rate(f) == 0.0);  // latency phase: 20 ms
  CHECK(net.next_event() == Approx(0.02));
  while (net.next_event() <= 0.02) net.step();
  CHECK(net.rate(f) == Approx(300.0).epsilon(1e-12));
  CHECK(net.rate(g) == Approx(300.0).epsilon(1e-12));
  CHECK(net.carried(f, 1.02) == Approx(300.0).epsilon(1e-12));
  net.cancel(g, 1.02);  // f alone: the whole 600
  CHECK(net.rate(f) == Approx(600.0).epsilon(1e-12));
  CHECK(net.carried(f, 2.02) == Approx(900.0).epsilon(1e-12));
}

TEST_CASE("flow network: a flow bottlenecked elsewhere frees capacity for the others - by hand", "[engine]") {
  FlowNetwork net;
  const auto slow = net.add_site(100.0, 100.0, 0.01), fast = net.add_site(1000.0, 1000.0, 0.01),
             centre = net.add_site(600.0, 600.0, 0.01);
  const auto f = net.start(slow, centre, FlowNetwork::kEndless, 0.0);
  const auto g = net.start(fast, centre, FlowNetwork::kEndless, 0.0);
  while (net.next_event() <= 0.02) net.step();
  CHECK(net.rate(f) == Approx(100.0).epsilon(1e-12));  // its own line
  CHECK(net.rate(g) == Approx(500.0).epsilon(1e-12));  // what is left of the centre's 600
}

TEST_CASE("flow network: shares go inversely to the route latency as in CM02 - by hand", "[engine]") {
  FlowNetwork net;
  const auto near = net.add_site(1e6, 1e6, 0.01), far = net.add_site(1e6, 1e6, 0.03),
             centre = net.add_site(900.0, 900.0, 0.01);
  const auto f = net.start(near, centre, FlowNetwork::kEndless, 0.0);  // latency 0.02
  const auto g = net.start(far, centre, FlowNetwork::kEndless, 0.0);   // latency 0.04
  while (net.next_event() <= 0.04) net.step();
  CHECK(net.rate(f) == Approx(600.0).epsilon(1e-12));
  CHECK(net.rate(g) == Approx(300.0).epsilon(1e-12));
}

TEST_CASE("flow network: a finite flow completes when its bytes are carried - FATPIPE gives each the whole line",
          "[engine]") {
  FlowNetwork net;
  const auto homes = net.add_site(100.0, 100.0, 0.01, false), centre = net.add_site(1e6, 1e6, 0.01);
  const auto f = net.start(homes, centre, 1000.0, 0.0);
  CHECK(net.next_event() == Approx(0.02));
  CHECK(net.step() == FlowNetwork::kNone);  // f's latency ends
  const auto g = net.start(homes, centre, 500.0, 1.0);  // calls come in time order, as to SimGrid
  CHECK(net.next_event() == Approx(1.02));
  CHECK(net.step() == FlowNetwork::kNone);  // g's
  CHECK(net.rate(g) == Approx(100.0));
  CHECK(net.rate(f) == Approx(100.0));
  CHECK(net.next_event() == Approx(6.02));
  CHECK(net.step() == g);
  CHECK(net.next_event() == Approx(10.02));
  CHECK(net.step() == f);
  CHECK(net.flows_running() == 0);
  CHECK(net.next_event() == std::numeric_limits<double>::infinity());
}

TEST_CASE("flow network: the TCP-gamma window bounds a flow over a long route", "[engine]") {
  FlowNetwork net;
  const auto a = net.add_site(1e9, 1e9, 0.5), b = net.add_site(1e9, 1e9, 0.5);
  const auto f = net.start(a, b, FlowNetwork::kEndless, 0.0);
  net.step();
  CHECK(net.rate(f) == Approx(4194304.0 / 2.0).epsilon(1e-12));  // 4 MiB / (2 x 1 s)
}

namespace {
/** A random script of flows on a random star, replayed on SimGrid and on FlowNetwork. */
struct Action {
  enum Kind { Start, Cancel, Access, Probe, Call, HangUp } kind;
  double time;
  std::uint32_t from = 0, to = 0;  // Start; Access: site in from
  double bytes = 0;                // Start: kEndless or finite
  std::size_t endless = 0;         // Cancel: the index of an endless flow among the started ones
                                   // (HangUp: the first of a call's two, the other follows it)
  double up = 0, down = 0, latency = 0;  // Access
};
struct SiteSpec {
  double up, down, latency;
  bool shared;
};
struct Script {
  std::vector<SiteSpec> sites;
  std::vector<Action> actions;
  std::size_t flows = 0;
};

/** `calls`: some starts are calls (two endless flows both ways at once), hung up at once. */
Script make_script(std::uint64_t seed, std::size_t n_sites, std::size_t n_actions, bool fatpipes, bool access,
                   bool calls = false) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Script s;
  auto bw = [&] { return 1e5 * std::pow(10.0, 3.0 * u(rng)); };  // bytes/s, 100 kB/s to 100 MB/s
  for (std::size_t i = 0; i < n_sites; ++i)
    s.sites.push_back({bw(), bw(), 0.001 + 0.05 * u(rng), !fatpipes || u(rng) < 0.7});
  std::vector<double> latency;
  for (const auto& site : s.sites) latency.push_back(site.latency);
  struct Started {
    std::uint32_t from, to;
    double until;  // end of its latency phase
    bool endless, cancelled;
    bool call = false;  // the first of a call's two flows
  };
  std::vector<Started> started;
  double t = 0.0;
  for (std::size_t i = 0; i < n_actions; ++i) {
    t += 0.5 * u(rng);
    Action a{Action::Probe, t};
    const double r = u(rng);
    if (r < 0.45) {
      a.kind = Action::Start;
      a.from = static_cast<std::uint32_t>(rng() % n_sites);
      do a.to = static_cast<std::uint32_t>(rng() % n_sites);
      while (a.to == a.from);
      const bool endless = u(rng) < 0.5;
      if (endless && calls && u(rng) < 0.6) {
        a.kind = Action::Call;
        const double until = t + latency[a.from] + latency[a.to];
        started.push_back({a.from, a.to, until, true, false, true});
        started.push_back({a.to, a.from, until, true, false});
        s.flows += 2;
        s.actions.push_back(a);
        continue;
      }
      a.bytes = endless ? FlowNetwork::kEndless : std::floor(1e4 * std::pow(10.0, 3.0 * u(rng)));  // SimGrid sizes are whole bytes
      started.push_back({a.from, a.to, t + latency[a.from] + latency[a.to], endless, false});
      ++s.flows;
    } else if (r < 0.65) {
      // An endless flow still running, by its index among the endless ones (a call's second
      // flow goes with its first: not picked).
      std::vector<std::size_t> live;
      for (std::size_t k = 0, e = 0; k < started.size(); ++k)
        if (started[k].endless) {
          const bool second = k > 0 && started[k - 1].call;
          if (!started[k].cancelled && !second) live.push_back(e);
          ++e;
        }
      if (live.empty()) continue;
      a.kind = Action::Cancel;
      a.endless = live[rng() % live.size()];
      for (std::size_t k = 0, e = 0; k < started.size(); ++k)
        if (started[k].endless && e++ == a.endless) {
          started[k].cancelled = true;
          if (started[k].call) {
            a.kind = Action::HangUp;
            started[k + 1].cancelled = true;
          }
        }
    } else if (r < 0.72 && access) {
      a.kind = Action::Access;
      a.from = static_cast<std::uint32_t>(rng() % n_sites);
      // Not while a flow of the site is in its latency phase (see flow_network.hpp).
      bool waiting = false;
      for (const auto& f : started) waiting |= (f.from == a.from || f.to == a.from) && f.until > t - 1e-9;
      if (waiting) continue;
      a.up = bw(), a.down = bw(), a.latency = 0.001 + 0.05 * u(rng);
      latency[a.from] = a.latency;
    }
    s.actions.push_back(a);
  }
  return s;
}

/** What a replay saw: per probe, each live endless flow's bytes; each finite flow's end. */
struct Seen {
  std::vector<double> carried;
  std::vector<double> completion;  // by flow number; -1: not completed by the horizon
  std::uint64_t changes = 0, solves = 0;  // FlowNetwork's
};

// The size of an endless flow: both models count its bytes down from it (SimGrid's remains),
// so their roundings are the same; 1e11, more than any flow here carries.
constexpr double kSimGridEndless = 1e11;

struct SimGridReplay : EventHandler {
  const Script* script = nullptr;
  Kernel* kernel = nullptr;
  std::vector<StarPlatform::Site> sites;
  std::vector<simgrid::s4u::CommPtr> endless;
  std::size_t next_flow = 0;
  Seen seen;
  void handle(const Event& e) override {
    if (e.kind == 1) {  // a finite flow completed
      seen.completion[e.target] = kernel->now();
      return;
    }
    const Action& a = script->actions[e.target];
    switch (a.kind) {
      case Action::Start:
        if (std::isinf(a.bytes)) {
          kernel->sync();
          endless.push_back(transfer(sites[a.from].host, sites[a.to].host, kSimGridEndless));
        } else {
          kernel->start_transfer(sites[a.from].host, sites[a.to].host, a.bytes, 1, static_cast<std::uint32_t>(next_flow));
        }
        ++next_flow;
        break;
      case Action::Cancel:
        kernel->sync();
        kernel->at_once([&] { endless[a.endless]->cancel(); });
        endless[a.endless] = nullptr;
        break;
      case Action::Call: {  // as SimGridFlows::start_both_ways
        kernel->sync();
        auto ab = transfer_from(sites[a.from].host, kSimGridEndless), ba = transfer_from(sites[a.to].host, kSimGridEndless);
        ab->set_destination(sites[a.to].host);
        ba->set_destination(sites[a.from].host);
        endless.push_back(ab), endless.push_back(ba);
        next_flow += 2;
        break;
      }
      case Action::HangUp:  // as SimGridFlows::cancel_both
        kernel->sync();
        kernel->at_once([&] {
          endless[a.endless]->cancel();
          endless[a.endless + 1]->cancel();
        });
        endless[a.endless] = endless[a.endless + 1] = nullptr;
        break;
      case Action::Access:
        kernel->sync();
        StarPlatform::set_access(sites[a.from], a.up * 8, a.down * 8, a.latency);
        break;
      case Action::Probe:
        kernel->sync();
        for (const auto& c : endless)
          if (c) seen.carried.push_back(kSimGridEndless - c->get_remaining());
        break;
    }
  }
};

Seen replay_simgrid(const Script& s, double horizon) {
  SimGridReplay r;
  r.script = &s;
  r.seen.completion.assign(s.flows, -1.0);
  Kernel kernel(r);
  r.kernel = &kernel;
  for (std::size_t i = 0; i < s.actions.size(); ++i) kernel.schedule(s.actions[i].time, 0, static_cast<std::uint32_t>(i));
  kernel.run_simulation(horizon, [&] {
    use_exact_flow_model();
    StarPlatform p("territory");
    for (std::size_t i = 0; i < s.sites.size(); ++i) {
      const SiteSpec& site = s.sites[i];
      r.sites.push_back(p.add_site("s" + std::to_string(i), site.up * 8, site.down * 8, site.latency, site.shared));
    }
    const auto agenda = p.add_site("agenda", 1e9, 1e9, 0.0);
    p.seal();
    return agenda.host;
  });
  return r.seen;
}

Seen replay_own(const Script& s, double horizon) {
  FlowNetwork net(4194304.0, 1e-5, kSimGridEndless);
  for (const SiteSpec& site : s.sites) net.add_site(site.up, site.down, site.latency, site.shared);
  Seen seen;
  seen.completion.assign(s.flows, -1.0);
  std::vector<FlowNetwork::Flow> endless, number;  // number: flow handle -> flow number (finite)
  std::vector<std::size_t> finite_of(0);
  std::size_t next_flow = 0;
  auto run_to = [&](double t) {  // network events strictly before t (own events go first on a tie)
    while (net.next_event() < t) {
      const FlowNetwork::Flow f = net.step();
      if (f != FlowNetwork::kNone) seen.completion[finite_of[f]] = net.clock();
    }
  };
  for (const Action& a : s.actions) {
    run_to(a.time);
    switch (a.kind) {
      case Action::Start: {
        const auto f = net.start(a.from, a.to, a.bytes, a.time);
        if (std::isinf(a.bytes))
          endless.push_back(f);
        else {
          if (finite_of.size() <= f) finite_of.resize(f + 1);
          finite_of[f] = next_flow;
        }
        ++next_flow;
        break;
      }
      case Action::Cancel:
        net.cancel(endless[a.endless], a.time);
        endless[a.endless] = FlowNetwork::kNone;
        break;
      case Action::Call: {
        const auto [ab, ba] = net.start_both_ways(a.from, a.to, a.time);
        endless.push_back(ab), endless.push_back(ba);
        next_flow += 2;
        break;
      }
      case Action::HangUp:
        net.cancel_both(endless[a.endless], endless[a.endless + 1], a.time);
        endless[a.endless] = endless[a.endless + 1] = FlowNetwork::kNone;
        break;
      case Action::Access: net.set_access(a.from, a.up, a.down, a.latency, a.time); break;
      case Action::Probe:
        for (auto f : endless)
          if (f != FlowNetwork::kNone) seen.carried.push_back(net.carried(f, a.time));
        break;
    }
  }
  run_to(horizon);
  seen.changes = net.changes(), seen.solves = net.solves();
  return seen;
}

/** SimGrid's bytes and completion times, to the last bit. */
/** `tolerance`: the relative gap allowed (0: equal bit for bit); `most_differ`: the share
 *  of values allowed to differ at all. */
void compare(const Script& s, double horizon, bool sparse = false, double tolerance = 0.0, double most_differ = 0.0) {
  double worst = 0.0;  // the largest relative gap seen
  auto close = [&](double own, double sg) {
    if (own == sg) return true;
    worst = std::max(worst, std::fabs(own - sg) / std::fabs(sg));
    return std::fabs(own - sg) <= tolerance * std::fabs(sg);
  };
  const Seen own = replay_own(s, horizon), sg = replay_simgrid(s, horizon);
  REQUIRE(own.carried.size() == sg.carried.size());
  REQUIRE(own.completion.size() == sg.completion.size());
  std::size_t completed = 0, differ = 0;
  for (std::size_t i = 0; i < own.carried.size(); ++i) {
    INFO("probe read " << i << ": own " << own.carried[i] << ", SimGrid " << sg.carried[i] << ", gap "
                       << own.carried[i] - sg.carried[i]);
    CHECK(close(own.carried[i], sg.carried[i]));
    differ += own.carried[i] != sg.carried[i];
  }
  for (std::size_t i = 0; i < own.completion.size(); ++i) {
    INFO("flow " << i << ": own " << own.completion[i] << ", SimGrid " << sg.completion[i] << ", gap "
                 << own.completion[i] - sg.completion[i]);
    CHECK(close(own.completion[i], sg.completion[i]));
    differ += own.completion[i] != sg.completion[i];
    completed += sg.completion[i] >= 0;
  }
  WARN("flows " << s.flows << ", completed " << completed << ", probe reads " << own.carried.size() << ", "
                << differ << " values differ, by up to " << worst << " relative");
  WARN("changes " << own.changes << ", solves " << own.solves);
  if (sparse) {  // both ways of a change taken: a solve, and none when the flow moves nobody
    CHECK(own.solves > own.changes / 10);
    CHECK(own.solves < own.changes * 9 / 10);
  }
  CHECK(completed > 10);
  CHECK(own.carried.size() > 100);
  CHECK(static_cast<double>(differ) <= most_differ * static_cast<double>(own.carried.size() + own.completion.size()));
}
}  // namespace

TEST_CASE("flow network: random flows on shared links carry what SimGrid's flows carry", "[engine][simgrid]") {
  const Script s = make_script(11, 7, 600, false, false);
  compare(s, 400.0);
}

TEST_CASE("flow network: random flows with FATPIPE homes carry what SimGrid's flows carry", "[engine][simgrid]") {
  const Script s = make_script(12, 8, 600, true, false);
  compare(s, 400.0);
}

TEST_CASE("flow network: random flows through access changes carry what SimGrid's flows carry",
          "[engine][simgrid]") {
  const Script s = make_script(13, 8, 800, true, true);
  compare(s, 500.0);
}

TEST_CASE("flow network: random flows on many sites - most changes moving nobody - carry what SimGrid's flows carry",
          "[engine][simgrid]") {
  const Script s = make_script(14, 60, 800, true, true);
  compare(s, 500.0, true);
}

// A known gap, bounded: calls (two flows both ways started at once, hung
// up at once) on a star with FATPIPE sites. Exact until t = 38.52 s, when a call's two
// latencies end together: the own solve of that instant gives the flow 13 -> 8 the level of
// its FATPIPE line (flows of different latencies on it), SimGrid keeps it at its bound until
// the next change of its component (t = 38.96 s): 0.8 MB less from then on. SimGrid ends the
// two latencies in one step and solves once; here each is a change of its own, the first
// moving nobody. Solving the two together, or every change, did not close it (other reads
// then differ): the cause is not pinned down. The four examples do not meet it. Measured:
// 130 of 10,269 values differ, by up to 1.9% (docs/scenario.md says so); the test fails if
// the gap spreads (more than 2% of the values) or grows (beyond 3%).
TEST_CASE("flow network: random calls both ways at once carry what SimGrid's flows carry within a bounded gap",
          "[engine][simgrid]") {
  const Script s = make_script(15, 20, 900, true, true, true);
  compare(s, 500.0, false, 0.03, 0.02);
}
