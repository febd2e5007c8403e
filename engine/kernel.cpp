#include "engine/kernel.hpp"

#include "engine/star_platform.hpp"

#include <algorithm>
#include <limits>

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <xbt/log.h>

namespace maillage {

// The engine's own handling of ended actions: what its loop does after each simcall. Not
// in SimGrid's public headers (3.32), but exported; called with the engine as `this`.
void engine_handle_ended_actions(const simgrid::kernel::EngineImpl* engine) __asm__(
    "_ZNK7simgrid6kernel10EngineImpl20handle_ended_actionsEv");

namespace {
Kernel* running = nullptr;  // the kernel driving this process's engine
}  // namespace

void Kernel::release_ended() { engine_handle_ended_actions(simgrid::s4u::Engine::get_instance()->get_impl()); }

void Kernel::advance_to(double date) {
  // SimGrid's run stops at the date, at a completion of ours (stop_), or within 1e-5 s of
  // the date (its loop's own test): go on to the date, as the actor's timer did.
  const simgrid::s4u::Engine* engine = simgrid::s4u::Engine::get_instance();
  while (simgrid::s4u::Engine::get_clock() < date) {
    stop_.clear();
    engine->run_until(date);
  }
}

void Kernel::sync() {
  earliest_stale_ = true;  // the caller may change a bandwidth next
  const double clock = simgrid::s4u::Engine::get_clock();
  // The actor waited on a timer at clock + (now - clock): the same date, the same solve.
  if (clock < now_) advance_to(clock + (now_ - clock));
}

void Kernel::completed(const simgrid::s4u::Activity& activity) {
  if (activity.get_state() != simgrid::s4u::Activity::State::FINISHED) return;  // a cancel
  for (const auto& p : pending_)
    if (p.get() == &activity) {
      if (first_completed_ == nullptr) first_completed_ = &activity;
      stop_.insert(p.get());
      return;
    }
}

long Kernel::wait_any_for(double timeout) {
  // An activity already over answers at once, the first in pending_'s order.
  for (std::size_t i = 0; i < pending_.size(); ++i)
    if (pending_[i]->get_state() == simgrid::s4u::Activity::State::FINISHED) return static_cast<long>(i);
  const double clock = simgrid::s4u::Engine::get_clock();
  const double date = clock + timeout;  // the actor's timer
  const simgrid::s4u::Engine* engine = simgrid::s4u::Engine::get_instance();
  first_completed_ = nullptr;
  do {
    stop_.clear();
    engine->run_until(date);
  } while (first_completed_ == nullptr && simgrid::s4u::Engine::get_clock() < date);
  // At the timer's date the timer went first (SimGrid runs timers before ended actions): a
  // completion at that very instant is found by the next call.
  if (first_completed_ == nullptr || simgrid::s4u::Engine::get_clock() >= date) return -1;
  for (std::size_t i = 0; i < pending_.size(); ++i)
    if (pending_[i].get() == first_completed_) return static_cast<long>(i);
  return -1;
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
  // Starting ends nothing: SimGrid's ended sets are empty after each step and each at_once,
  // so the handling of ended actions the simcall was followed by had nothing to do.
  add_pending(activity, Completion{kind, target, data}, Bound{});
  return activity;
}

simgrid::s4u::ActivityPtr Kernel::start_transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes,
                                                 std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  sync();
  simgrid::s4u::ActivityPtr activity = transfer(from, to, bytes);  // ends nothing (start())
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
    // Nothing below pushes or pops before pop_next() (SimGrid's completions are only noted).
    const Event* top = agenda_.next();
    const bool has_event = top && top->time <= until;
    if (network_ != nullptr) {
      const double t = network_->next_event();
      if (t <= until && !(has_event && top->time <= t)) {
        const FlowNetwork::Flow f = network_->step();
        now_ = std::max(now_, network_->clock());  // SimGrid's clock at that event
        if (f != FlowNetwork::kNone) {
          const Completion c = network_completions_[f];
          ++handled_;
          handler_.handle(Event{now_, 0, c.kind, c.target, c.data});
        }
        continue;
      }
    }
    // No transfer can be over before the next own event: it goes first without SimGrid.
    // The clock stays behind, as when nothing is in flight (sync() catches it up).
    if (!pending_.empty() && !(has_event && top->time < earliest_completion())) {
      // Let SimGrid advance to the next own event (or the horizon) unless an activity
      // completes first; own events at the same instant as a completion go first.
      const double next = has_event ? top->time : until;
      const double timeout = std::max(0.0, next - simgrid::s4u::Engine::get_clock());
      const long done = wait_any_for(timeout);
      if (done >= 0) {
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
    const Event e = agenda_.pop_next();
    now_ = e.time;
    ++handled_;
    handler_.handle(e);
  }
  now_ = std::max(now_, until);
}

void Kernel::run_simulation(double until, const std::function<simgrid::s4u::Host*()>& build_platform,
                            bool verbose, const std::function<void()>& then) {
  xbt_log_control_set(verbose ? "root.thresh:info" : "root.thresh:critical");
  int argc = 1;
  char name[] = "maillage";
  char* argv[] = {name, nullptr};
  simgrid::s4u::Engine engine(&argc, argv);
  if (!build_platform || build_platform() == nullptr) {  // SimGrid needs a platform to run
    auto* zone = simgrid::s4u::create_full_zone("agenda-zone");
    zone->create_host("agenda", 1e9);
    zone->seal();
  }
  static bool connected = false;  // signals outlive engines: connect once per process
  if (!connected) {
    connected = true;
    simgrid::s4u::Activity::on_completion_cb([](const simgrid::s4u::Activity& a) {
      if (running != nullptr) running->completed(a);
    });
  }
  running = this;
  engine.track_vetoed_activities(&stop_);
  // Seals the platform and lets SimGrid's models settle at time 0 (no action exists yet),
  // as the engine did before running the actor.
  engine.run_until(0.0);
  run(until);
  if (then) then();
  engine.track_vetoed_activities(nullptr);
  running = nullptr;
  // Let the flows still in flight end, as the engine did once the actor was done: an
  // activity must not outlive its engine.
  engine.run();
}

}  // namespace maillage
