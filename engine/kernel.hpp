#pragma once
// The run loop: Maillage's own agenda drives SimGrid from its maestro (no actor, so no
// simcall or context switch), with SimGrid's clock synchronised lazily. Ordinary events
// never touch SimGrid; only network activities do.
// - Before a network activity starts, SimGrid runs until the agenda's clock, so the
//   activity starts at the right simulated time.
// - While activities are in flight, SimGrid runs up to the next own event unless one of
//   them completes first; a completion becomes an event at SimGrid's completion time. Own
//   events before a transfer could possibly end (start_transfer) skip that step.
// Each step makes the same calls into SimGrid's model, at the same instants, as the actor
// this loop once ran in (a timer at `clock + timeout`, the ended actions handled right after
// each change), so SimGrid's rounding, and every output, stay the same.
#include <cstdint>
#include <functional>
#include <set>
#include <vector>

#include <simgrid/s4u/Activity.hpp>

#include "engine/agenda.hpp"
#include "engine/flow_network.hpp"

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
   *  completion time. Call from within run(), from an event's handler. While such an
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
  /** Runs `changes` (cancelling network activities, at now(): after sync()), then lets
   *  SimGrid release what they ended (a cancelled flow leaves the sharing before the next
   *  solve, as after a simcall). Nothing advances SimGrid's clock in between. Starting
   *  activities needs no at_once: a start ends nothing, so there is nothing to release. */
  template <class Changes> void at_once(Changes&& changes) {
    changes();
    release_ended();
  }
  /** Runs an own flow network (FlowModel::Kind::MaxMin) within the agenda: its latency
   *  ends and completions are handled in time order with the own events, which go first
   *  on a tie (as with SimGrid's completions). */
  void attach(FlowNetwork* network) { network_ = network; }
  /** The event the handler receives when flow `f` of the attached network completes. */
  void on_completion(FlowNetwork::Flow f, std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0) {
    if (network_completions_.size() <= f) network_completions_.resize(f + 1);
    network_completions_[f] = Completion{kind, target, data};
  }

  /** Network activities in flight. */
  std::size_t in_flight() const { return pending_.size(); }

  /** Handles events in time order up to and including `until`, then sets now() to `until`.
   *  Needs a SimGrid engine (run_simulation) when network activities are used. */
  void run(double until);

  /** Creates this process's SimGrid engine (one per process: SimGrid keeps global state),
   *  lets `build_platform` create hosts and links and return one of its hosts (nullptr or
   *  no callback: a platform of one host is made), and runs the agenda to `until` from
   *  SimGrid's maestro, then calls `then` (if given) with the engine still there, to run on.
   *  SimGrid's own logging stays silent unless `verbose`. */
  void run_simulation(double until, const std::function<simgrid::s4u::Host*()>& build_platform = {},
                      bool verbose = false, const std::function<void()>& then = {});

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
  /** SimGrid's wait_any_for(pending_, timeout) as the actor saw it: the index of a pending
   *  activity that completed, or -1 when SimGrid's clock reached `clock + timeout` first. */
  long wait_any_for(double timeout);
  /** SimGrid runs to `date` (its clock then equals it) whatever completes on the way. */
  void advance_to(double date);
  /** SimGrid handles the actions that ended or were cancelled since its last step. */
  static void release_ended();
  /** Called by SimGrid when one of its activities completes. */
  void completed(const simgrid::s4u::Activity& activity);

  EventHandler& handler_;
  Agenda agenda_;
  double now_ = 0.0;
  std::uint64_t handled_ = 0;
  std::vector<simgrid::s4u::ActivityPtr> pending_;
  std::vector<Completion> completions_;  // parallel to pending_
  std::vector<Bound> bounds_;            // parallel to pending_
  double earliest_ = 0.0;
  bool earliest_stale_ = true;
  /** A pending activity that completed during the current SimGrid step: SimGrid's run
   *  stops at it (its loop ends when this set of "vetoed" activities is not empty). */
  std::set<simgrid::s4u::Activity*> stop_;
  const simgrid::s4u::Activity* first_completed_ = nullptr;
  FlowNetwork* network_ = nullptr;
  std::vector<Completion> network_completions_;  // by flow
};

}  // namespace maillage
