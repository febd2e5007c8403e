#pragma once
// The run loop: Maillage's own agenda inside one SimGrid actor, with SimGrid's clock
// synchronised lazily. Ordinary events cost no simcall; only network activities do.
// - Before a network activity starts, the actor waits (on a SimGrid timer) until the
//   agenda's clock, so the activity starts at the right simulated time.
// - While activities are in flight, the loop waits on them with a timeout up to the next
//   own event; a completion becomes an event at SimGrid's completion time. Own events
//   before a transfer could possibly end (start_transfer) skip that wait.
#include <cstdint>
#include <functional>
#include <vector>

#include <simgrid/s4u/Activity.hpp>

#include "engine/agenda.hpp"

namespace maillage {

/** Receives the events of a Kernel. */
class EventHandler {
public:
  virtual ~EventHandler() = default;
  virtual void handle(const Event& event) = 0;
};

class Kernel {
public:
  explicit Kernel(EventHandler& handler) : handler_(handler) {}

  /** Current simulated time in seconds. */
  double now() const { return now_; }
  Agenda& agenda() { return agenda_; }
  /** Schedules an event at an absolute time (>= now). */
  void schedule(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0) {
    agenda_.push(time, kind, target, data);
  }

  /** Brings SimGrid's clock to now(), then calls `begin`, which starts an activity and
   *  returns it; when it completes, the handler receives {kind, target, data} at the
   *  completion time. Call from within run(), i.e. inside a SimGrid actor. While such an
   *  activity is in flight, every own event costs a round trip to SimGrid (it may end
   *  first): prefer start_transfer, whose end the kernel can bound. */
  simgrid::s4u::ActivityPtr start(const std::function<simgrid::s4u::ActivityPtr()>& begin, std::uint32_t kind,
                                  std::uint32_t target, std::uint64_t data = 0);
  /** The same for transfer(from, to, bytes): a flow never beats the slowest line of its
   *  route, so own events before `bytes` could cross it at that line's full rate are
   *  handled without asking SimGrid whether the transfer ended. */
  simgrid::s4u::ActivityPtr start_transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes,
                                           std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0);
  /** Brings SimGrid's clock to now(): before reading or changing the network's state. A
   *  bandwidth may change only after this call (start_transfer's bound is then redone). */
  void sync();
  /** Runs `changes` (starting or cancelling network activities, at now(): after sync()) in
   *  SimGrid's maestro as one simcall: each start or cancel is otherwise a round trip of its
   *  own. Nothing advances SimGrid's clock between them either way. */
  void at_once(const std::function<void()>& changes);
  /** Network activities in flight. */
  std::size_t in_flight() const { return pending_.size(); }

  /** Handles events in time order up to and including `until`, then sets now() to `until`.
   *  Must run inside a SimGrid actor when network activities are used. */
  void run(double until);

  /** Creates this process's SimGrid engine (one per process: SimGrid keeps global state),
   *  lets `build_platform` create hosts and links and return the host the agenda's actor
   *  runs on (nullptr or no callback: a host of its own), and runs the agenda to `until`.
   *  SimGrid's own logging stays silent unless `verbose`. */
  void run_simulation(double until, const std::function<simgrid::s4u::Host*()>& build_platform = {},
                      bool verbose = false);

  /** Number of own events handled so far. */
  std::uint64_t events_handled() const { return handled_; }

private:
  struct Completion {
    std::uint32_t kind, target;
    std::uint64_t data;
  };
  /** What bounds a transfer's end from below: it cannot carry `bytes` since `start`
   *  faster than `fastest` (bytes/s), the highest bottleneck its route has had. */
  struct Bound {
    double start = 0.0, bytes = 0.0, fastest = 0.0;
    std::vector<simgrid::s4u::Link*> route;  ///< empty: not a transfer, no bound
  };
  /** Before this time no activity in flight can complete (recomputed when stale). */
  double earliest_completion();
  void add_pending(simgrid::s4u::ActivityPtr activity, const Completion& c, Bound bound);

  EventHandler& handler_;
  Agenda agenda_;
  double now_ = 0.0;
  std::uint64_t handled_ = 0;
  std::vector<simgrid::s4u::ActivityPtr> pending_;
  std::vector<Completion> completions_;  // parallel to pending_
  std::vector<Bound> bounds_;            // parallel to pending_
  double earliest_ = 0.0;
  bool earliest_stale_ = true;
};

}  // namespace maillage
