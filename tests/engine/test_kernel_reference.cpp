// The kernel drives SimGrid from its maestro; it must leave SimGrid in the same state, at
// the same instants, as the agenda run inside an s4u actor (the kernel before 2026-12-01,
// kept here as the reference): the same completion times and the same bits of remaining
// bytes. Each side runs in a child process of its own (one SimGrid engine per process).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/simix.hpp>
#include <xbt/log.h>

#include "engine/kernel.hpp"
#include "engine/process_pool.hpp"
#include "engine/star_platform.hpp"

using namespace maillage;

namespace {
/** The agenda inside one s4u actor: a simcall for each start, cancel or clock step, and a
 *  wait on the transfers in flight before each own event that comes after one of them could
 *  have ended (the kernel's bound, as it was). */
class ActorKernel {
public:
  explicit ActorKernel(EventHandler& handler) : handler_(handler) {}
  double now() const { return now_; }
  void schedule(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0) {
    agenda_.push(time, kind, target, data);
  }
  void sync() {
    const double clock = simgrid::s4u::Engine::get_clock();
    if (clock < now_) simgrid::s4u::Activity::wait_any_for({}, now_ - clock);
  }
  template <class Changes> void at_once(Changes&& changes) {
    simgrid::kernel::actor::simcall_answered([&changes] { changes(); });
  }
  void start_transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes, std::uint32_t kind,
                      std::uint32_t target, std::uint64_t data = 0) {
    sync();
    pending_.push_back(transfer(from, to, bytes));
    completions_.push_back(Event{0, 0, kind, target, data});
    Bound b{now_, bytes, 0.0, {}};
    from->route_to(to, b.route, nullptr);
    bounds_.push_back(b);
  }
  double earliest_completion() {
    double earliest = std::numeric_limits<double>::infinity();
    for (Bound& b : bounds_) {
      double slowest = std::numeric_limits<double>::infinity();
      for (const simgrid::s4u::Link* l : b.route) slowest = std::min(slowest, l->get_bandwidth());
      b.fastest = std::max(b.fastest, slowest);
      earliest = std::min(earliest, b.start + b.bytes / (b.fastest * (1 + 1e-6)));
    }
    return earliest;
  }
  void run(double until) {
    for (;;) {
      const bool has_event = !agenda_.empty() && agenda_.top().time <= until;
      if (!pending_.empty() && !(has_event && agenda_.top().time < earliest_completion())) {
        const double next = has_event ? agenda_.top().time : until;
        const double timeout = std::max(0.0, next - simgrid::s4u::Engine::get_clock());
        const ssize_t done = simgrid::s4u::Activity::wait_any_for(pending_, timeout);
        if (done >= 0 && static_cast<std::size_t>(done) < pending_.size()) {
          Event c = completions_[done];
          pending_.erase(pending_.begin() + done);
          completions_.erase(completions_.begin() + done);
          bounds_.erase(bounds_.begin() + done);
          now_ = std::max(now_, simgrid::s4u::Engine::get_clock());
          c.time = now_;
          handler_.handle(c);
          continue;
        }
      }
      if (!has_event) break;
      const Event e = agenda_.pop();
      now_ = e.time;
      handler_.handle(e);
    }
    now_ = std::max(now_, until);
  }
  void run_simulation(double until, const std::function<simgrid::s4u::Host*()>& build_platform) {
    xbt_log_control_set("root.thresh:critical");
    int argc = 1;
    char name[] = "reference";
    char* argv[] = {name, nullptr};
    simgrid::s4u::Engine engine(&argc, argv);
    simgrid::s4u::Host* host = build_platform();
    simgrid::s4u::Actor::create("agenda", host, [this, until] { run(until); });
    engine.run();
  }

private:
  struct Bound {
    double start, bytes, fastest;
    std::vector<simgrid::s4u::Link*> route;
  };
  EventHandler& handler_;
  Agenda agenda_;
  double now_ = 0.0;
  std::vector<simgrid::s4u::ActivityPtr> pending_;
  std::vector<Event> completions_;
  std::vector<Bound> bounds_;
};

/** A script of video sessions (two endless flows each, read at a probe and at the end, then
 *  cancelled together), uploads that complete, a line's rollout and plain events, from a
 *  fixed pseudo-random sequence; every read is written down to the last bit. */
template <class K> struct Script : EventHandler {
  enum Kind : std::uint32_t { kPlain, kSession, kProbe, kEnd, kUpload, kRollout, kUploaded };
  K* kernel = nullptr;
  StarPlatform::Routing routing = StarPlatform::Routing::Indexed;
  std::vector<StarPlatform::Site> sites;  // 0-3 for sessions, 4 for uploads, then the platform
  struct Session {
    simgrid::s4u::CommPtr up, down;
  };
  std::vector<Session> sessions;
  std::string log;
  std::uint64_t state = 12345;
  std::uint64_t draw(std::uint64_t n) {  // a small LCG: the same on both sides
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  }
  void note(const char* what, std::uint64_t i, double value) {
    char line[160];
    std::snprintf(line, sizeof line, "%s %llu now=%a clock=%a value=%a\n", what, static_cast<unsigned long long>(i),
                  kernel->now(), simgrid::s4u::Engine::get_clock(), value);
    log += line;
  }
  void handle(const Event& e) override {
    const StarPlatform::Site& platform = sites.back();
    switch (e.kind) {
      case kPlain: note("plain", e.target, 0.0); break;
      case kSession: {
        const StarPlatform::Site& site = sites[e.target];
        kernel->sync();
        Session s{transfer_from(site.host, 1e15), transfer_from(platform.host, 1e15)};
        kernel->at_once([&] {
          s.up->set_destination(platform.host);
          s.down->set_destination(site.host);
        });
        sessions.push_back(s);
        const std::uint64_t id = sessions.size() - 1;
        const double length = 300.0 + static_cast<double>(draw(1500));
        kernel->schedule(kernel->now() + 60.0, kProbe, 0, id);
        kernel->schedule(kernel->now() + length, kEnd, 0, id);
        break;
      }
      case kProbe:
      case kEnd: {
        kernel->sync();
        Session& s = sessions[e.data];
        note(e.kind == kProbe ? "probe-up" : "end-up", e.data, s.up->get_remaining());
        note(e.kind == kProbe ? "probe-down" : "end-down", e.data, s.down->get_remaining());
        if (e.kind == kEnd) {
          kernel->at_once([&] {
            s.up->cancel();
            s.down->cancel();
          });
          s = Session{};
        }
        break;
      }
      case kUpload: {
        const double bytes = 2e6 + static_cast<double>(draw(8)) * 1e6;
        // From site 4 (no latency, a line per flow, nothing else on it), an own event at the
        // instant the upload ends: a tie between the actor's timer and a completion.
        const std::size_t from = e.target == 0 ? 4 : e.target;
        kernel->start_transfer(sites[from].host, platform.host, bytes, kUploaded, e.target, e.data);
        if (from == 4) kernel->schedule(kernel->now() + bytes / (1e6 / 8), kPlain, 1000000);
        break;
      }
      case kRollout:
        kernel->sync();
        StarPlatform::set_access(sites[e.target], 4e6, 20e6, 0.010);
        note("rollout", e.target, 0.0);
        break;
      case kUploaded: note("uploaded", e.data, 0.0); break;
      default: break;
    }
  }
  simgrid::s4u::Host* build() {
    use_exact_flow_model();
    StarPlatform p("territory", routing);
    // Lines shared by their flows (an MSP's), of ADSL to fibre rates, and a platform whose
    // down line is narrow enough for the uploads to share it.
    const double up[] = {1e6, 0.8e6, 2.5e6, 50e6}, down[] = {8e6, 4e6, 20e6, 200e6};
    for (int i = 0; i < 4; ++i)
      sites.push_back(p.add_site("site" + std::to_string(i), up[i], down[i], 0.01 * i, i % 2 == 0));
    sites.push_back(p.add_site("site4", 1e6, 1e6, 0.0, false));
    sites.push_back(p.add_site("platform", 20e6, 20e6, 0.0));
    p.seal();
    return sites.back().host;
  }
  std::string run(StarPlatform::Routing how = StarPlatform::Routing::Indexed) {
    routing = how;
    K k(*this);
    kernel = &k;
    // Events at 0.1 s steps and at whole seconds, so that some fall on a completion's or
    // a latency's instant; the plan is drawn before the run, the same on both sides.
    for (int i = 0; i < 400; ++i) {
      const double at = static_cast<double>(draw(40000)) * 0.25;
      const auto kind = static_cast<std::uint32_t>(draw(10));
      const auto site = static_cast<std::uint32_t>(draw(4));
      if (kind < 3) k.schedule(at, kSession, site);
      else if (kind < 5) k.schedule(at, kUpload, site, static_cast<std::uint64_t>(i));
      else if (kind == 5 && draw(10) == 0) k.schedule(at, kRollout, site);
      else k.schedule(at, kPlain, static_cast<std::uint32_t>(i));
    }
    k.run_simulation(10000.0, [this] { return build(); });
    return log;
  }
};
}  // namespace

TEST_CASE("kernel: driving SimGrid from maestro gives the actor's completion instants and remaining bytes",
          "[engine][simgrid]") {
  const auto outcomes = run_in_processes(2, 2, [](std::size_t side) {
    return side == 0 ? Script<ActorKernel>().run() : Script<Kernel>().run();
  });
  REQUIRE(outcomes[0].ok);
  INFO(outcomes[1].bytes);
  REQUIRE(outcomes[1].ok);
  const std::string& reference = outcomes[0].bytes;
  const std::string& maestro = outcomes[1].bytes;
  // The script did what it is for: uploads completed, sessions were read while sharing.
  CHECK(std::count(reference.begin(), reference.end(), '\n') > 500);
  CHECK(reference.find("uploaded") != std::string::npos);
  CHECK(reference.find("end-down") != std::string::npos);
  CHECK(reference.find("rollout") != std::string::npos);
  // Some uploads ended at the instant of an own event (a tie the kernel must order as the
  // actor's timer did: the own event first).
  std::size_t ties = 0;
  for (std::size_t at = reference.find("plain 1000000"); at != std::string::npos;
       at = reference.find("plain 1000000", at + 1)) {
    const std::size_t next = reference.find('\n', at) + 1;
    const std::string time = reference.substr(at + 14, reference.find(' ', at + 14) - at - 14);
    if (reference.compare(next, 9, "uploaded ") == 0 && reference.find(time, next) < reference.find('\n', next)) ++ties;
  }
  CHECK(ties > 0);
  if (reference != maestro) {  // the first line that differs
    std::size_t at = 0;
    while (at < std::min(reference.size(), maestro.size()) && reference[at] == maestro[at]) ++at;
    const std::size_t line = reference.rfind('\n', at) == std::string::npos ? 0 : reference.rfind('\n', at) + 1;
    FAIL("first difference:\nactor:   " << reference.substr(line, reference.find('\n', at) - line)
                                       << "\nmaestro: " << maestro.substr(line, maestro.find('\n', at) - line));
  }
}

TEST_CASE("kernel: flows routed through the sites' index carry the bytes of SimGrid's own star routing",
          "[engine][simgrid]") {
  const auto outcomes = run_in_processes(2, 2, [](std::size_t side) {
    return Script<Kernel>().run(side == 0 ? StarPlatform::Routing::SimGrid : StarPlatform::Routing::Indexed);
  });
  REQUIRE(outcomes[0].ok);
  REQUIRE(outcomes[1].ok);
  const std::string& star = outcomes[0].bytes;
  const std::string& indexed = outcomes[1].bytes;
  CHECK(star.find("end-down") != std::string::npos);
  CHECK(star.find("uploaded") != std::string::npos);
  CHECK(star.find("rollout") != std::string::npos);
  if (star != indexed) {  // the first line that differs
    std::size_t at = 0;
    while (at < std::min(star.size(), indexed.size()) && star[at] == indexed[at]) ++at;
    const std::size_t line = star.rfind('\n', at) == std::string::npos ? 0 : star.rfind('\n', at) + 1;
    FAIL("first difference:\nstar:    " << star.substr(line, star.find('\n', at) - line)
                                       << "\nindexed: " << indexed.substr(line, indexed.find('\n', at) - line));
  }
}
