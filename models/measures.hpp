#pragma once
// The measures every run reports (SPEC.md "Measures"), kept per commune and care type with
// streaming estimators, and turned into rows: overall, per care type, per commune.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/quantile_sketch.hpp"
#include "engine/result_table.hpp"
#include "engine/tally.hpp"
#include "models/episode.hpp"

namespace maillage {

class Measures {
public:
  Measures(std::size_t communes, std::vector<std::string> care_type_names);

  /** Counts of one commune and care type (all episodes arisen after the warm-up). Laid out
   *  for France's 70,000 cells, each a cache miss: what an arisen and a served episode touch
   *  fills the cell's first two cache lines (the sketch's hot fields come first in it), the
   *  rest comes after. */
  struct alignas(64) Cell {
    std::uint64_t episodes = 0;
    Tally wait;  ///< seconds; its count is the served count
    double travel_m = 0, travel_s = 0, detour_m = 0, detour_s = 0;
    QuantileSketch wait_quantiles;
    std::array<std::uint64_t, 5> unserved{};  ///< by UnservedReason
    std::uint64_t in_progress = 0, ed_visits = 0;
    std::uint64_t sessions_degraded = 0, sessions_failed = 0;
    std::uint64_t abandoned = 0;  ///< left a walk-in queue before being seen (reneging)
    double avoided_m = 0, avoided_s = 0;
    std::uint64_t unreferenced = 0;  ///< served without travel, no in-person reference to count against
    std::uint64_t served() const { return wait.count(); }
    void merge(const Cell& o);
    std::uint64_t unserved_total() const;
    /** The bytes from the cell's start that arisen() and served() read or write. */
    static std::size_t hot_bytes();
  };

  void arisen(std::uint32_t commune, std::uint16_t care_type) { cell(commune, care_type).episodes++; }
  /** Served after waiting `wait` s; the round trip driven. */
  void served(std::uint32_t commune, std::uint16_t care_type, double wait, double trip_m, double trip_s);
  /** The served episode against the round trip to its in-person reference: `saved` is that
   *  round trip minus the one driven. Served without going to an in-person provider
   *  (`avoided`): travel avoided, or without a reference a count of its own; in person:
   *  a detour of -saved. */
  void against_reference(std::uint32_t commune, std::uint16_t care_type, bool avoided, bool has_reference,
                         double saved_m, double saved_s);
  void unserved(std::uint32_t commune, std::uint16_t care_type, UnservedReason why) {
    cell(commune, care_type).unserved[static_cast<std::size_t>(why)]++;
  }
  void in_progress(std::uint32_t commune, std::uint16_t care_type) { cell(commune, care_type).in_progress++; }

  Cell& cell(std::uint32_t commune, std::uint16_t care_type) { return cells_[commune * n_care_ + care_type]; }
  const Cell& cell(std::uint32_t commune, std::uint16_t care_type) const { return cells_[commune * n_care_ + care_type]; }

  /** Throws std::logic_error naming the commune and care type where
   *  episodes != served + unserved + in_progress. */
  void check_conservation(const std::vector<std::string>& commune_codes) const;

  /** Names of the value columns: the base measures, then each again per care type with
   *  the suffix ".<care type>". */
  std::vector<std::string> columns() const;
  /** One row of values for the whole territory. */
  std::vector<double> territory_row() const;
  /** One row of values for commune c. */
  std::vector<double> commune_row(std::size_t c) const;

  /** Completes the waits' histograms: served() leaves the last few increments pending
   *  (see pending_); the rows call it, a reader of a cell's wait_quantiles must too. */
  void flush() const;

private:
  std::vector<double> row_of(const std::vector<Cell>& per_care_type) const;
  std::size_t n_communes_, n_care_;
  std::vector<std::string> care_names_;
  // Mutable: flush() completes what served() left pending, which changes no measure.
  mutable std::vector<Cell> cells_;
  /** The histogram increments of the last served episodes, each applied kPending served
   *  episodes later: its counter, prefetched when it was noted, is then in cache (in France
   *  the 70,000 cells' histograms, 4 KB each, make every increment a cache miss). The
   *  counts are sums, so the order of the increments does not matter. */
  static constexpr std::size_t kPending = 16;
  struct Pending {
    std::uint32_t cell;
    int bucket;
  };
  mutable std::array<Pending, kPending> pending_{};
  mutable std::size_t noted_ = 0;  ///< increments noted since the last flush
};

}  // namespace maillage
