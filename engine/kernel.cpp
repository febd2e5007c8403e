#include "engine/kernel.hpp"

#include "engine/star_platform.hpp"

#include <algorithm>
#include <limits>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/simix.hpp>
#include <xbt/log.h>

namespace maillage {

void Kernel::sync() {
  earliest_stale_ = true;  // the caller may change a bandwidth next
  const double clock = simgrid::s4u::Engine::get_clock();
  if (clock < now_) {
    // A timer, not sleep_until: no sleep activity, CPU action and clean-up each time.
    static const std::vector<simgrid::s4u::ActivityPtr> none;
    simgrid::s4u::Activity::wait_any_for(none, now_ - clock);
  }
}

void Kernel::at_once(const std::function<void()>& changes) {
  // In the maestro, each s4u call inside takes SimGrid's direct path (no simcall).
  simgrid::kernel::actor::simcall_answered([&changes] { changes(); });
}

void Kernel::add_pending(simgrid::s4u::ActivityPtr activity, const Completion& c, Bound bound) {
  pending_.push_back(std::move(activity));
  completions_.push_back(c);
  bounds_.push_back(std::move(bound));
  earliest_stale_ = true;
}

simgrid::s4u::ActivityPtr Kernel::start(const std::function<simgrid::s4u::ActivityPtr()>& begin, std::uint32_t kind,
                                        std::uint32_t target, std::uint64_t data) {
  sync();
  simgrid::s4u::ActivityPtr activity = begin();
  add_pending(activity, Completion{kind, target, data}, Bound{});
  return activity;
}

simgrid::s4u::ActivityPtr Kernel::start_transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes,
                                                 std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  sync();
  simgrid::s4u::ActivityPtr activity = transfer(from, to, bytes);
  Bound b;
  b.start = now_, b.bytes = bytes;
  from->route_to(to, b.route, nullptr);
  add_pending(activity, Completion{kind, target, data}, std::move(b));
  return activity;
}

double Kernel::earliest_completion() {
  if (!earliest_stale_) return earliest_;
  earliest_stale_ = false;
  earliest_ = std::numeric_limits<double>::infinity();
  for (Bound& b : bounds_) {
    if (b.route.empty()) return earliest_ = -earliest_;  // unbounded: ask SimGrid each time
    double slowest = std::numeric_limits<double>::infinity();
    for (const simgrid::s4u::Link* l : b.route) slowest = std::min(slowest, l->get_bandwidth());
    b.fastest = std::max(b.fastest, slowest);
    // CM02 never gives a flow more than its bottleneck line (use_exact_flow_model); the
    // margin covers the rounding of its rates.
    earliest_ = std::min(earliest_, b.start + b.bytes / (b.fastest * (1 + 1e-6)));
  }
  return earliest_;
}

void Kernel::run(double until) {
  for (;;) {
    const bool has_event = !agenda_.empty() && agenda_.top().time <= until;
    // No transfer can be over before the next own event: it goes first without SimGrid.
    // The clock stays behind, as when nothing is in flight (sync() catches it up).
    if (!pending_.empty() && !(has_event && agenda_.top().time < earliest_completion())) {
      // Let SimGrid advance to the next own event (or the horizon) unless an activity
      // completes first; own events at the same instant as a completion go first.
      const double next = has_event ? agenda_.top().time : until;
      const double timeout = std::max(0.0, next - simgrid::s4u::Engine::get_clock());
      const ssize_t done = simgrid::s4u::Activity::wait_any_for(pending_, timeout);
      if (done >= 0 && static_cast<std::size_t>(done) < pending_.size()) {
        const Completion c = completions_[done];
        pending_.erase(pending_.begin() + done);
        completions_.erase(completions_.begin() + done);
        bounds_.erase(bounds_.begin() + done);
        earliest_stale_ = true;
        now_ = std::max(now_, simgrid::s4u::Engine::get_clock());
        ++handled_;
        handler_.handle(Event{now_, 0, c.kind, c.target, c.data});
        continue;
      }
    }
    if (!has_event) break;
    const Event e = agenda_.pop();
    now_ = e.time;
    ++handled_;
    handler_.handle(e);
  }
  now_ = std::max(now_, until);
}

void Kernel::run_simulation(double until, const std::function<simgrid::s4u::Host*()>& build_platform,
                            bool verbose) {
  xbt_log_control_set(verbose ? "root.thresh:info" : "root.thresh:critical");
  int argc = 1;
  char name[] = "maillage";
  char* argv[] = {name, nullptr};
  simgrid::s4u::Engine engine(&argc, argv);
  simgrid::s4u::Host* host = build_platform ? build_platform() : nullptr;
  if (host == nullptr) {
    auto* zone = simgrid::s4u::create_full_zone("agenda-zone");
    host = zone->create_host("agenda", 1e9);
    zone->seal();
  }
  simgrid::s4u::Actor::create("agenda", host, [this, until] { run(until); });
  engine.run();
}

}  // namespace maillage
