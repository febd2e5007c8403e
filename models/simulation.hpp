#pragma once
// One replication of one scenario: patients' needs arise in every commune, follow their
// care type's pathway, and end served or unserved. Runs in its own process (SimGrid).
//
// The Simulation keeps what every service shares: demand, the episode's life (arise, try
// the pathway's options, end served or unserved), the measures, the access network, and
// the routing of options and events to the services (models/service.hpp) that own the
// providers: practices, remote care, tele-expertise, hospitals, hotlines, buses.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/kernel.hpp"
#include "engine/random_stream.hpp"
#include "engine/result_table.hpp"
#include "models/access_links.hpp"
#include "models/episode.hpp"
#include "models/measures.hpp"
#include "models/panels.hpp"
#include "models/scenario.hpp"
#include "models/service.hpp"
#include "models/walk_in_queue.hpp"
#include "models/weekly_series.hpp"

namespace maillage {

class Simulation : public EventHandler {
public:
  /** `replication` numbers from 1; with `seed` it selects every random stream. */
  Simulation(const Scenario& scenario, std::uint64_t seed, int replication);
  ~Simulation() override;

  /** Runs to the horizon (creating this process's SimGrid engine), checks conservation
   *  and returns the tables "summary", "by_commune", "timeseries", "utilisation" (and
   *  "links", "coverage" when there is a network) keyed by `plan`. */
  ResultSet run(const std::string& plan, bool verbose = false);

  /** The measures after run(), for tests. */
  const Measures& measures() const { return measures_; }
  /** Whether each arrival prefetches what the next ones will read (prefetch_arrival): on
   *  from kHintSources demand sources, where that data is a cache miss (France: 70,000
   *  sources); a département's sources stay in cache and the hints only cost instructions
   *  (Loir-et-Cher: 1,355 sources, 5% of a replication's). Only hints: no draw and no
   *  event changes either way. */
  static constexpr std::size_t kHintSources = 8192;
  bool hints() const { return hints_; }
  void set_hints(bool on) { hints_ = on; }  ///< for tests
  std::uint64_t events_handled() const { return kernel_.events_handled(); }

  void handle(const Event& event) override;

  // ---- for the services ----
  const Scenario& scenario() const { return sc_; }
  /** What selects every random stream: a service's own streams derive from them. */
  std::uint64_t seed() const { return seed_; }
  int replication() const { return replication_; }
  Kernel& kernel() { return kernel_; }
  double now() const { return kernel_.now(); }
  Episode& episode(std::uint32_t id) { return episodes_[id]; }
  Measures& measures() { return measures_; }
  AccessLinks& links() { return links_; }
  /** The practice of the patient's médecin traitant with panels, and the trip there;
   *  nullptr: the commune's nearest practice (per-need draw, or no panels). */
  const Reach* registered_gp(const Episode& ep) const {
    return ep.gp == UINT32_MAX ? nullptr : &panels_->entry(ep.gp).reach;
  }
  /** The longest max_travel: the radius of the services' reach tables. */
  double reach_limit() const { return reach_limit_; }

  /** Remembers why an option failed: the episode reports the closest reason. */
  static void note(Episode& ep, UnservedReason why) {
    if (why > ep.closest) ep.closest = why;
  }
  /** Tries the pathway's options from the next one on; false when none took it. */
  bool try_options(std::uint32_t id);
  /** The same, and ends the episode unserved when no option is left. */
  void advance(std::uint32_t id);
  /** How a served patient met the care: at an in-person provider of it; without going to
   *  one (home, cabin, EHPAD cart, tele-expertise: travel avoided); at a mobile unit's stop
   *  (travel avoided when the stop is nearer than the in-person reference, else a detour). */
  enum class Visit : std::uint8_t { InPerson, Remote, MobileUnit };
  /** Served: the consultation (or the answer) starts at `start`; the patient drove to
   *  `commune` and back (-1: drove nowhere). `trip`: that drive from `commune` as a reach
   *  table holds it (ReachTable::trips), spared a look-up; nullptr: looked up. */
  void end_served(std::uint32_t id, long commune, double start, Visit visit = Visit::InPerson,
                  const Trip* trip = nullptr);
  void end_unserved(std::uint32_t id);
  /** The service named `service` receives the episode at `time` (Service::receive). */
  void hand_over(const std::string& service, std::uint32_t id, double time);
  /** Schedules an event of a service (Service::handle). */
  void schedule(const Service& s, double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
    kernel_.schedule(time, (s.index() + 1) << kServiceShift | kind, target, data);
  }
  /** The event kind to give Kernel::start for a service's activity. */
  static std::uint32_t event_kind(const Service& s, std::uint32_t kind) { return (s.index() + 1) << kServiceShift | kind; }

  // Walk-in sites (practices, cabins): what every first-come first-served door shares.
  /** When a patient reaching such a site in `seconds` would arrive (now + seconds, or the
   *  next opening when the queue means being seen after closing) and expects to start. */
  struct WalkInPlan {
    double arrive, start;
  };
  WalkInPlan walk_in_plan(const Episode& ep, const WalkInQueue& q, double seconds) const;
  /** The arrival time of walk_in_plan, or kNever when not within max_wait (reason noted). */
  double walk_in_time(std::uint32_t id, const WalkInQueue& q, double seconds);
  /** Whether a patient arriving now must be turned away (closed, or seen after closing). */
  bool full_or_closed(const WalkInQueue& q, const Episode& ep) const;
  /** Sent away by a full or closing walk-in site: books elsewhere if it can, else comes
   *  back (the service's `arrive_kind` event) at the next opening within max_wait, else
   *  too_long. */
  void turn_away(const Service& s, const WalkInQueue& q, std::uint32_t arrive_kind, std::uint32_t site, std::uint32_t id);
  /** Joins a walk-in queue; when the care type has patience, the service's `renege_kind`
   *  event comes when it runs out (target: the ticket). */
  void join_queue(const Service& s, WalkInQueue& q, std::uint32_t id, std::uint32_t renege_kind);
  /** Whether a renege event still applies (the patient still queues with that ticket). */
  bool still_queued(std::uint32_t ticket, std::uint32_t id) const;
  /** Left a queue when patience ran out (already removed from it): tries the next option. */
  void abandon(std::uint32_t id);
  /** A walk-in site opens (start who waits) or closes (who waits leaves), then its next
   *  change is scheduled as the service's `kind` event. */
  void hours_change(const Service& s, WalkInQueue& q, std::uint32_t kind, std::uint32_t target,
                    const std::function<void(std::uint32_t)>& start, const std::function<void(std::uint32_t)>& leave);
  /** Schedules the next opening or closing of these hours as the service's `kind` event. */
  void schedule_change(const Service& s, const WeeklyCalendar& hours, std::uint32_t kind, std::uint32_t target);

private:
  static constexpr std::uint32_t kServiceShift = 16;
  enum CoreEvent : std::uint32_t { kArrival, kHandOver, kRollout };

  void arrival(std::uint32_t source);
  /** Starts fetching what the next arrival, of `source`, will read (its stream, its
   *  measures, its commune's row): with 70,000 sources each is a cache miss otherwise.
   *  `early`: the arrival after next, whose addresses are fetched but not read. */
  void prefetch_arrival(std::uint32_t source, bool early) const;
  /** Generalised-cost choice: quotes every place the pathway's options offer, without
   *  booking, and takes the cheapest feasible one. */
  bool try_cheapest(std::uint32_t id);
  /** A quote and its generalised cost. */
  struct Priced {
    double cost;
    const Quote* quote;
  };
  struct CheapestScratch {
    std::vector<Quote> quotes;
    std::vector<Priced> priced;
  };
  std::deque<CheapestScratch> cheapest_scratch_;  ///< per depth of try_cheapest (a deque: stable)
  std::size_t cheapest_depth_ = 0;
  std::uint32_t new_episode();
  void free_episode(std::uint32_t id);
  /** After the horizon: no need arises any more, and those still under way run to their
   *  end, so that every need of the measured period ends served or unserved. */
  void drain();
  template <class S>
  void add();
  ResultSet tables(const std::string& plan) const;

  const Scenario& sc_;
  std::uint64_t seed_;
  int replication_;
  Kernel kernel_;
  Measures measures_;
  WeeklySeries series_;
  AccessLinks links_;

  /** A source of needs, per (commune, care type): what its arrival reads first, in one
   *  cache line (France has 70,000 sources, each a cache miss). */
  struct alignas(64) Source {
    RandomStream rng;
    double mean_gap;  ///< mean seconds between needs; 0 = none
  };
  std::vector<Source> sources_;
  bool hints_ = false;  ///< see hints()
  std::vector<double> without_gp_;        // share without a médecin traitant, per commune
  std::optional<Panels> panels_;          // demand.medecin_traitant: panels
  /** Per (commune, care type): the one-way trip to the in-person reference of that care
   *  (Service::reference or the care type's stated place); provider kNoProvider: none. */
  std::vector<Reach> reference_;

  std::vector<Episode> episodes_;
  std::vector<std::uint8_t> alive_;
  std::vector<std::uint32_t> free_ids_;
  std::uint64_t alive_counted_ = 0;  ///< needs of the measured period still under way
  bool draining_ = false;
  std::vector<double> queue_at_horizon_;  ///< utilisation's queue_at_end, row by row, at the horizon
  std::uint32_t next_ticket_ = 1;
  double reach_limit_ = 0.0;

  std::vector<std::unique_ptr<Service>> services_;
  std::vector<Service*> by_option_;  ///< per PathwayOption; nullptr: none
};

}  // namespace maillage
