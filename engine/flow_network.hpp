#pragma once
// An own flow-level network for a star: every site has a link up and a link down; a flow
// from A to B crosses A's up link and B's down link. It gives each flow what SimGrid 3.32's
// CM02 model (network/model:CM02, crosstraffic off: use_exact_flow_model) gives it, without
// SimGrid's per-flow objects and global solve, and in SimGrid's floating-point arithmetic:
// bytes carried and completion times equal SimGrid's to the last bit. What is reproduced,
// from SimGrid's network_cm02.cpp, kernel/lmm/maxmin.cpp and System.cpp, resource/Model.cpp,
// EngineImpl.cpp:
// - Latency phase: a flow carries nothing for its route's latency (the sum of its two
//   links' latencies at its start); its max-min variable has penalty 0 (disabled) until then.
// - Weighted max-min: a running flow's penalty is its route's latency, so on a shared link
//   flows get shares inversely proportional to it: x_f = level / latency_f, the level rising
//   until a link saturates (sum of x_f = capacity) or a flow meets its bound (progressive
//   filling, SimGrid's saturated-constraint loop). Equal latencies: C/n each.
// - Bound: min(the slowest link of the route at the start, TCP-gamma / (2 x route latency)),
//   gamma 4 MiB (network/TCP-gamma's default); bandwidth and latency factors are 1 in CM02,
//   weight-S is 0.
// - FATPIPE links (the homes): each flow may use the whole capacity (max, not sum).
// - SimGrid's precision (maxmin/precision 1e-5): a link's remainder below 1e-5 of its
//   capacity, or its usage below 1e-5, counts as none; links saturate together only at
//   exactly the same level; flows meet their bounds together within 1e-5.
// - The solve's order, which the last bits depend on: a link's usage summed over its sharing
//   flows newest first, the flows of the saturated links fixed oldest first (SimGrid's
//   active elements), links taken in the order SimGrid marks them (update_modified_cnst_set:
//   depth first from the changed links through their sharing flows, newest first), a
//   saturated link's place in that table taken by the last one.
// - Lazy bytes (update_remains_lazy): a flow counts its bytes down from its size (an endless
//   flow from 1e15 bytes, as the services' comms), and each flow of a change's component
//   (every flow linked to a changed link through sharing flows, whether or not its rate
//   moves) has its remains brought to the change's instant at its rate until then, zero
//   below 1e-14; reading a flow's bytes does the same for it alone. Completion: the instant
//   plus remains / rate, recomputed for the whole component at every change.
// - The changes SimGrid marks: a start (its two links, even in its latency phase), a latency
//   end, a stop (through the flow before it goes; nothing for a flow still in its latency),
//   an access change (both links, then the links of every flow on them). A call's two starts
//   and its two stops are one change each, as SimGrid's single solve after them.
// - SimGrid's clock: it moves by `clock + (date - clock)` (its engine's step, and
//   Kernel::sync's date before it), which may miss `date` in the last bit; clock() is what
//   it reads, and the kernel takes it as the completions' instant.
// - Access changes mid-flow (a rollout): the new capacity applies at once; a running flow
//   keeps the bandwidth bound of its start, but its latency (so its penalty and its gamma
//   bound) moves by the link's latency change, as NetworkCm02Link::set_latency does.
// Not reproduced: SimGrid enables a flow still in its latency phase when a link of its route
// changes latency (it then shares without its carried bytes being counted until its latency
// ends); here such a flow waits for its latency as any other. SimGrid ends the events due
// within 1e-9 s of its clock together, in its heap's order, and batches the changes of one
// instant until its next step (Kernel::wait_any_for may step between two own events of one
// instant); here events are taken one by one and each change is solved on its own. Only
// the order of the links in a solve can tell the two apart; the four examples and random
// stars of single flows find the same bits, random calls on FATPIPE sites do not always
// (a flow SimGrid keeps at its bound gets its line's level here for a while: see the tests).
// Rates are recomputed only for the flows a change touches; not at all when the change
// moves nobody (moves_nobody: its links short of saturation, or its own), whose share is
// then computed as SimGrid's solve would; their bytes are brought to now all the same.
#include <cstdint>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

namespace maillage {

class FlowNetwork {
public:
  using Site = std::uint32_t;
  using Flow = std::uint32_t;
  static constexpr Flow kNone = std::numeric_limits<Flow>::max();
  static constexpr double kEndless = std::numeric_limits<double>::infinity();

  /** `endless_bytes`: the size an endless flow is given (SimGrid's comm of the services:
   *  1e15); its carried bytes are counted down from it, as SimGrid counts its remains. */
  explicit FlowNetwork(double tcp_gamma = 4194304.0, double precision = 1e-5, double endless_bytes = 1e15)
      : gamma_(tcp_gamma), precision_(precision), endless_bytes_(endless_bytes) {}

  /** A site with its access links, capacities in bytes/s; `shared`: flows share each link,
   *  otherwise each flow may use the whole capacity (FATPIPE). */
  Site add_site(double up, double down, double latency_s, bool shared = true);
  /** Changes a site's access at `now` (both links, as StarPlatform::set_access). */
  void set_access(Site site, double up, double down, double latency_s, double now);

  /** Starts a flow of `bytes` (kEndless: until cancelled) at `now`. */
  Flow start(Site from, Site to, double bytes, double now);
  /** Two endless flows started at once, `a` to `b` then `b` to `a` (a call): one change, as
   *  SimGrid solves the two starts of one instant together. */
  std::pair<Flow, Flow> start_both_ways(Site a, Site b, double now);
  /** Stops a flow at `now`; its handle may be reused by a later start. */
  void cancel(Flow f, double now);
  /** Stops two flows at once (one change, as SimGrid releases both before its next solve). */
  void cancel_both(Flow f, Flow g, double now);
  /** Bytes a flow carried up to `now` (SimGrid's get_remaining: brings its count to now). */
  double carried(Flow f, double now);
  /** A flow's current rate, bytes/s (0 in its latency phase). */
  double rate(Flow f) const { return flows_[f].rate; }
  bool running(Flow f) const { return f < flows_.size() && flows_[f].alive; }
  std::size_t flows_running() const { return running_; }
  /** Changes (a start sharing, a stop, an access change) and how many needed a solve. */
  std::uint64_t changes() const { return changes_; }
  std::uint64_t solves() const { return solves_; }
  /** SimGrid's clock as it would read after the same calls: its engine moves by
   *  `clock + (date - clock)`, which may miss `date` by its last bit. */
  double clock() const { return clock_; }

  /** When the next latency ends or finite flow completes (+inf: none). */
  double next_event() {
    while (!agenda_.empty()) {
      const Pending& p = agenda_.top();
      const FlowState& s = flows_[p.flow];
      if (s.alive && s.serial == p.serial) return p.time;
      agenda_.pop();
    }
    return std::numeric_limits<double>::infinity();
  }
  /** Processes that event (at next_event(); clock() then tells the instant as SimGrid's
   *  clock reads it): returns the flow that completed (it is then over), or kNone when it
   *  was a latency ending. */
  Flow step();

private:
  struct Link {
    double capacity = 0.0, latency = 0.0;
    bool shared = true;
    /// Its flows past their latency, in the order they started sharing (SimGrid's list of
    /// enabled elements read backwards: it puts the newest first).
    std::vector<Flow> flows{};
    std::vector<Flow> waiting{};  ///< its flows in their latency phase
    double load = 0.0;          ///< the sum of their rates (shared links)
    // Scratch of a solve.
    double remaining = 0.0, usage = 0.0;
    std::uint32_t visit = 0;
    std::int32_t light = -1;  ///< its place among the links still to saturate, or -1
  };
  struct FlowState {
    std::uint32_t link[2] = {0, 0};  ///< up link of the source, down link of the destination
    std::uint32_t pos[2] = {0, 0};   ///< index in each link's waiting flows (latency phase)
    double bytes = 0.0, rate = 0.0;
    // SimGrid's lazy count (update_remains_lazy): bytes left, as of last_update, at the rate
    // last_value it had then.
    double remains = 0.0, last_update = 0.0, last_value = 0.0;
    double latency = 0.0;  ///< the route's current latency: the penalty once running
    double user_bound = 0.0, bound = 0.0;
    std::uint64_t serial = 0;  ///< matches its valid agenda entry
    bool alive = false, enabled = false, endless = false;
    // Scratch of a solve.
    std::uint32_t visit = 0, slot = 0;
    bool fixed = false;
  };
  struct Pending {
    double time;
    std::uint64_t serial;
    Flow flow;
    bool latency;  ///< the flow's latency ends (else: it completes)
    bool operator>(const Pending& o) const { return time > o.time || (time == o.time && serial > o.serial); }
  };

  void detach(Flow f);
  /** A flow's state and agenda entry, waiting for its latency (or, without latency, sharing
   *  and marked: its change's component is then open). */
  Flow add_flow(Site from, Site to, double bytes);
  /** Marks what SimGrid marks for a flow about to go (if it shared) and takes it out;
   *  returns whether the rates of the others stay. */
  bool remove(Flow f);
  /** Puts a flow among its links' sharing flows, the newest. */
  void enable(Flow f);
  void set_rate(FlowState& s, double rate);
  /** Whether flow `f` can start (`starting`) or stop sharing without moving any other
   *  flow's rate: each shared link of its route that others use stays short of saturation
   *  with it, and no FATPIPE link of it carries a flow of another latency (whose level it
   *  would move). Starting, `rate` is then what it gets: its bound, or the whole capacity
   *  of a link it has to itself. */
  bool moves_nobody(Flow f, bool starting, double& rate) const;
  void set_bound(FlowState& s);
  /** SimGrid's clock catching up with `now` as Kernel::sync drives it. */
  void catch_up(double now);
  /** SimGrid's update_remains_lazy at clock(): bytes left, then the current rate. */
  void update_remains(FlowState& s);
  /** What SimGrid does after a change at clock(): the flows linked to a flow (kNone: none)
   *  and links through running flows have their remains brought to clock(), are re-solved
   *  (unless `solve` is false: their rates stay) and their completions rescheduled. */
  void begin_change();
  /** SimGrid's update_modified_cnst_set: the link joins the change's component, then
   *  (spread) every link reached through its sharing flows, depth first, newest first. */
  void mark(std::uint32_t link);
  void spread(std::uint32_t link);
  /** The end of a change at clock(): its component re-solved (unless `solve` is false: the
   *  rates stay), each flow's remains brought to now, its completion rescheduled. */
  void end_change(bool solve);
  void solve_component();
  void drop_light(Link& k);
  void schedule_completion(Flow f);

  double gamma_, precision_, endless_bytes_;
  double clock_ = 0.0;
  std::vector<Link> links_;
  std::vector<FlowState> flows_;
  std::vector<Flow> free_;
  std::size_t running_ = 0;
  std::uint64_t serial_ = 0, changes_ = 0, solves_ = 0;
  std::uint32_t visit_ = 0;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> agenda_;
  // A solve's component.
  std::vector<Flow> comp_flows_;
  std::vector<std::uint32_t> comp_links_;
  std::vector<std::uint32_t> light_;
  std::vector<double> rate_scratch_;
  std::vector<Flow> fixing_scratch_;
};

}  // namespace maillage
