#pragma once
// One replication of one scenario: patients' needs arise in every commune, follow their
// care type's pathway, and end served or unserved. Runs in its own process (SimGrid).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <simgrid/s4u/Comm.hpp>

#include "engine/kernel.hpp"
#include "engine/random_stream.hpp"
#include "engine/result_table.hpp"
#include "engine/star_platform.hpp"
#include "models/appointment_book.hpp"
#include "models/episode.hpp"
#include "models/measures.hpp"
#include "models/scenario.hpp"
#include "models/walk_in_queue.hpp"
#include "models/weekly_series.hpp"

namespace maillage {

class Simulation : public EventHandler {
public:
  /** `replication` numbers from 1; with `seed` it selects every random stream. */
  Simulation(const Scenario& scenario, std::uint64_t seed, int replication);

  /** Runs to the horizon (creating this process's SimGrid engine), checks conservation
   *  and returns the tables "summary", "by_commune", "utilisation" (and "coverage" when
   *  there is a network) keyed by `plan`. */
  ResultSet run(const std::string& plan, bool verbose = false);

  /** The measures after run(), for tests. */
  const Measures& measures() const { return measures_; }
  std::uint64_t events_handled() const { return kernel_.events_handled(); }

  void handle(const Event& event) override;

private:
  enum EventKind : std::uint32_t {
    kArrival, kWalkInArrive, kWalkInEnd, kSiteChange,                // practices
    kCabinArrive, kCabinChange, kPoolChange, kSessionProbe, kSessionEnd,  // teleconsultation
    kTeleUpload, kTeleUploaded, kTeleAnswer,                          // tele-expertise
    kRollout, kRenege,
    kEdArrive, kEdEnd,                                                 // emergency departments
    kBusArrive,                                                        // walk-in bus visits
  };
  /** A provider within reach of a commune, by road. */
  struct Reach {
    std::uint32_t provider;
    float seconds, metres;
  };
  /** Providers by commune, fastest first (compressed rows), and each commune's nearest. */
  struct ReachTable {
    std::vector<std::uint32_t> begin;
    std::vector<Reach> items;
    std::vector<Reach> nearest;
  };
  /** A video teleconsultation in progress: two flows, site to pool and back. */
  struct Session {
    std::uint32_t episode = 0, pool = 0;
    std::uint64_t serial = 0;  ///< stale probe/end events of a reused slot are ignored
    simgrid::s4u::CommPtr up, down;
    double start = 0.0, latency = 0.0;
    bool alive = false;
  };

  ReachTable reach_table(const std::vector<std::size_t>& provider_communes, double limit) const;

  void arrival(std::uint32_t source);
  /** Tries the pathway's options from ep.next_option on; ends the episode when none is left. */
  void advance(std::uint32_t id);
  /** The same without ending it: false when no option took it. */
  bool try_options(std::uint32_t id);
  /** Offers the episode to a practice; true when it took it (booked, or on its way). */
  bool try_practice(std::uint32_t id, std::uint32_t practice, double seconds);
  bool try_cabin(std::uint32_t id, std::uint32_t cabin, double seconds);
  bool try_home(std::uint32_t id);
  bool try_tele_expertise(std::uint32_t id);
  bool try_hospital(std::uint32_t id);
  bool try_hotline(std::uint32_t id);
  bool try_emergency(std::uint32_t id);
  bool try_bus(std::uint32_t id);
  /** A patient reaches a walk-in bus visit: seen in the next slot if any is left. */
  void bus_arrive(std::uint32_t bus_stop, std::uint32_t id);
  /** Seen at a bus visit at `at`: served then, or after the tele-expertise answer. */
  void bus_seen(std::size_t bus, std::size_t stop, std::uint32_t id, double at);
  /** Where an episode's tele-expertise upload leaves from, and the commune it was seen in. */
  const StarPlatform::Site& upload_site(const Episode& ep) const;
  std::size_t seen_in(const Episode& ep) const;
  void ed_arrive(std::uint32_t hospital, std::uint32_t id);
  void start_emergency(std::uint32_t hospital, std::uint32_t id);
  /** When a walk-in site of these hours, reached in `seconds`, can take the patient given
   *  its queue; kNever when not within max_wait (the reason is noted). */
  double walk_in_time(std::uint32_t id, const WalkInQueue& q, double seconds);
  /** The same without noting anything: when the patient would arrive (today's opening or
   *  the next one) and expects to be seen there. */
  struct WalkInPlan {
    double arrive, start;
  };
  WalkInPlan walk_in_plan(const Episode& ep, const WalkInQueue& q, double seconds) const;
  /** Generalised-cost choice: quotes every place the pathway's own_gp, any_gp, cabin and
   *  hospital options offer, without booking, and takes the cheapest feasible one. */
  bool try_cheapest(std::uint32_t id);
  bool try_hospital_at(std::uint32_t id, std::uint32_t hospital, std::size_t specialty, double seconds);

  void walk_in_arrive(std::uint32_t practice, std::uint32_t id);
  void start_consultation(std::uint32_t practice, std::uint32_t id);
  /** Sent away by a full or closing walk-in site (practice or cabin): books elsewhere if it
   *  can, else comes back at the site's next opening within max_wait, else too_long. */
  void turn_away(const WeeklyCalendar& hours, std::uint32_t arrive_kind, std::uint32_t site, std::uint32_t id);
  void site_change(std::uint32_t practice);
  /** A walk-in site opens (start who waits) or closes (who waits leaves); then schedules
   *  its next change. */
  void hours_change(WalkInQueue& q, std::uint32_t kind, std::uint32_t target,
                    const std::function<void(std::uint32_t)>& start, const std::function<void(std::uint32_t)>& leave);
  void schedule_change(const WeeklyCalendar& hours, std::uint32_t kind, std::uint32_t target);

  bool technology_carries(std::size_t commune, const CareType& ct) const;
  void cabin_arrive(std::uint32_t cabin, std::uint32_t id);
  void enter_cabin(std::uint32_t cabin, std::uint32_t id);
  void leave_cabin(std::uint32_t cabin, double since);
  void cabin_change(std::uint32_t cabin);
  void request_pool(std::uint32_t pool, std::uint32_t id);
  void pool_change(std::uint32_t pool);
  void start_session(std::uint32_t pool, std::uint32_t id);
  /** Mean delivered rate of the worse direction since the session started, bits/s. */
  double session_rate(const Session& s) const;
  void probe_session(std::uint32_t slot, std::uint64_t serial);
  void end_session(std::uint32_t slot, std::uint64_t serial);
  /** Frees the session's doctor and cabin, and lets the next ones in. */
  void close_session(std::uint32_t slot);
  void rollout(std::uint32_t step);
  /** Joins a walk-in queue (practice or cabin), with a departure when patience runs out. */
  void join_queue(WalkInQueue& q, std::uint32_t id);
  /** Patience ran out: leaves the queue if still in it and tries the next option. */
  void renege(std::uint32_t ticket, std::uint32_t id);

  /** Served: the consultation (or the answer) starts at `start`; the patient drove to
   *  `commune` (or nowhere when -1). */
  void end_served(std::uint32_t id, long commune, double start);
  void end_unserved(std::uint32_t id);
  std::uint32_t new_episode();
  void free_episode(std::uint32_t id);
  void note(Episode& ep, UnservedReason why) {
    if (why > ep.closest) ep.closest = why;
  }
  simgrid::s4u::Host* build_platform();
  ResultSet tables(const std::string& plan) const;

  const Scenario& sc_;
  std::uint64_t seed_;
  int replication_;
  Kernel kernel_;
  Measures measures_;
  WeeklySeries series_;

  std::vector<RandomStream> demand_rng_;  // one per (commune, care type)
  std::vector<double> demand_mean_gap_;   // mean seconds between needs per source; 0 = none

  std::vector<Episode> episodes_;
  std::vector<std::uint8_t> alive_;
  std::vector<std::uint32_t> free_ids_;

  std::vector<AppointmentBook> books_;  // per practice (unused for walk-in ones)
  std::vector<WalkInQueue> queues_;     // per practice (unused for appointment ones)
  ReachTable practice_reach_, cabin_reach_, hospital_reach_, ed_reach_;
  double reach_limit_ = 0.0;  ///< the longest max_travel: the reach lists' radius

  // Hospitals and CPTS hotlines.
  const WeeklyCalendar always_ = WeeklyCalendar::always();
  std::vector<std::vector<AppointmentBook>> specialty_books_;  // per hospital, per specialty
  std::vector<std::uint32_t> ed_hospital_;  // hospitals with an emergency department (ed_reach_ indices)
  std::vector<WalkInQueue> ed_queues_;      // per hospital (unused without an ED)
  std::vector<AppointmentBook> hotline_books_;
  std::vector<std::vector<int>> hotline_slots_used_;  // per hotline, per day
  std::vector<int> commune_hotline_;                  // the hotline covering each commune; -1: none
  std::vector<double> without_gp_;                    // share without a médecin traitant, per commune

  // Buses: each bus's week of stops, and for every stop and week the next free slot.
  std::vector<std::vector<ScheduledStop>> bus_stops_;
  std::vector<std::vector<std::vector<int>>> bus_next_slot_;  // [bus][stop][week]
  std::vector<double> bus_busy_;                              // seconds seen within the measured period

  // Remote care.
  std::vector<WalkInQueue> cabin_queues_;  // one place per cabin
  std::vector<WalkInQueue> pool_queues_;   // the pools' doctors
  std::vector<Session> sessions_;
  std::vector<std::uint32_t> free_sessions_;
  std::uint64_t next_serial_ = 1;
  std::uint32_t next_ticket_ = 1;
  std::vector<std::size_t> technology_;  // each commune's technology now
  std::vector<StarPlatform::Site> practice_sites_, cabin_sites_, home_sites_, pool_sites_;
  std::vector<std::vector<StarPlatform::Site>> bus_stop_sites_;  // [bus][stop], for tele-expertise
  /** Bits carried within the measured period, per site and direction (for link utilisation). */
  struct Carried {
    double up = 0, down = 0;
  };
  std::vector<Carried> practice_bits_, cabin_bits_, pool_bits_;
  /** Counts what a flow carried between t0 and now, the part within the measured period. */
  double measured_share(double t0) const;
};

}  // namespace maillage
