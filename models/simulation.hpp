#pragma once
// One replication of one scenario: patients' needs arise in every commune, follow their
// care type's pathway, and end served or unserved. Runs in its own process (SimGrid).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/kernel.hpp"
#include "engine/random_stream.hpp"
#include "engine/result_table.hpp"
#include "models/appointment_book.hpp"
#include "models/episode.hpp"
#include "models/measures.hpp"
#include "models/scenario.hpp"
#include "models/walk_in_queue.hpp"

namespace maillage {

class Simulation : public EventHandler {
public:
  /** `replication` numbers from 1; with `seed` it selects every random stream. */
  Simulation(const Scenario& scenario, std::uint64_t seed, int replication);

  /** Runs to the horizon (creating this process's SimGrid engine), checks conservation
   *  and returns the tables "summary", "by_commune" and "utilisation" keyed by `plan`. */
  ResultSet run(const std::string& plan, bool verbose = false);

  /** The measures after run(), for tests. */
  const Measures& measures() const { return measures_; }
  std::uint64_t events_handled() const { return kernel_.events_handled(); }

  void handle(const Event& event) override;

private:
  enum EventKind : std::uint32_t { kArrival, kWalkInArrive, kWalkInEnd, kSiteChange };
  /** A practice within reach of a commune, by road. */
  struct Reach {
    std::uint32_t practice;
    float seconds, metres;
  };

  void arrival(std::uint32_t source);
  /** Tries the pathway's options from ep.next_option on; ends the episode when none is left. */
  void advance(std::uint32_t id);
  /** The same without ending it: false when no option took it. */
  bool try_options(std::uint32_t id);
  /** Offers the episode to a practice; true when it took it (booked, or on its way). */
  bool try_practice(std::uint32_t id, std::uint32_t practice, double seconds);
  void walk_in_arrive(std::uint32_t practice, std::uint32_t id);
  /** Sent away by a full or closing walk-in site: books elsewhere if it can, else comes
   *  back at the site's next opening within max_wait, else ends too_long. */
  void turn_away(std::uint32_t practice, std::uint32_t id);
  void start_consultation(std::uint32_t practice, std::uint32_t id);
  void site_change(std::uint32_t practice);
  void schedule_site_change(std::uint32_t practice);
  void end_served(std::uint32_t id, std::uint32_t practice, double start);
  void end_unserved(std::uint32_t id);
  std::uint32_t new_episode();
  void free_episode(std::uint32_t id);
  void note(Episode& ep, UnservedReason why) {
    if (why > ep.closest) ep.closest = why;
  }
  ResultSet tables(const std::string& plan) const;

  const Scenario& sc_;
  std::uint64_t seed_;
  int replication_;
  Kernel kernel_;
  Measures measures_;

  std::vector<RandomStream> demand_rng_;  // one per (commune, care type)
  std::vector<double> demand_mean_gap_;   // mean seconds between needs per source; 0 = none

  std::vector<Episode> episodes_;
  std::vector<std::uint8_t> alive_;
  std::vector<std::uint32_t> free_ids_;

  std::vector<AppointmentBook> books_;  // per practice (unused for walk-in ones)
  std::vector<WalkInQueue> queues_;     // per practice (unused for appointment ones)
  std::vector<std::uint32_t> reach_begin_;  // CSR: reach_[reach_begin_[c] .. reach_begin_[c+1])
  std::vector<Reach> reach_;
  std::vector<Reach> nearest_;  // nearest practice of each commune, whatever the distance
};

}  // namespace maillage
