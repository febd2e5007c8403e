#pragma once
// Médecin traitant as panels (`demand.medecin_traitant: panels`): each practice keeps a
// panel of registered residents, at most its capacity (its `panel`, or doctors times
// panel_per_doctor); residents keep their doctor from one need to the next; a commune's
// residents who found no panel with room within reach have no médecin traitant.
//
// Residents are not agents: per commune, how many are registered with each practice within
// reach (a sparse commune x practice matrix), and a need's patient is registered with
// practice p with probability residents(c, p) / population(c).
//
// The allocation is deterministic, built once per simulation:
//  1. a plan starts from the baseline's allocation: registrations stay with the practices
//     the plan keeps (same id), cut pro rata where the plan shrinks a panel below them;
//  2. then who still seeks a médecin traitant (the commune's 1 - without_gp_share of its
//     population, less those registered) takes room in the practices within reach, pairs
//     (commune, practice) taken by increasing travel time (ties: commune order, practice
//     order), each taking what the commune seeks or what the panel has left. In a plan only
//     practices open to new patients register; at the start (the baseline) every practice
//     holds its panel. A commune with no practice within reach looks to its nearest.
// Where no panel is full, every resident who seeks one registers with the nearest practice:
// the per-need draw of `medecin_traitant: draw`, with the same random numbers.
#include <cstdint>
#include <vector>

#include "models/reach_table.hpp"
#include "models/scenario.hpp"

namespace maillage {

class Panels {
public:
  /** Residents of one commune registered with one practice, and the trip there. */
  struct Entry {
    Reach reach;
    double residents = 0.0;
  };

  /** The registrations of sc's practices within `limit` seconds (a commune with none
   *  within it: its nearest); from sc.baseline_practices' allocation when there are some. */
  static Panels allocate(const Scenario& sc, double limit);

  /** The practice of a resident of commune c drawn with u uniform in [0, 1): nullptr when
   *  without a médecin traitant (u below the commune's share without one). */
  const Entry* draw(std::size_t c, double u) const;
  /** Share of commune c's residents without a médecin traitant. */
  double without_share(std::size_t c) const { return without_[c]; }
  /** Residents registered with practice p, and its panel's capacity. */
  double registered(std::size_t p) const { return registered_[p]; }
  double capacity(std::size_t p) const { return capacity_[p]; }
  const Entry& entry(std::uint32_t i) const { return entries_[i]; }
  std::uint32_t index(const Entry* e) const { return static_cast<std::uint32_t>(e - entries_.data()); }
  const Entry* row_begin(std::size_t c) const { return entries_.data() + begin_[c]; }
  const Entry* row_end(std::size_t c) const { return entries_.data() + begin_[c + 1]; }

private:
  /** Allocates `practices` (with, when given, `before`'s registrations kept by id). */
  static Panels fill(const Scenario& sc, const std::vector<Practice>& practices, double limit,
                     const Panels* before, const std::vector<Practice>* before_practices);

  std::vector<std::uint32_t> begin_;  ///< per commune, into entries_ (one more at the end)
  std::vector<Entry> entries_;        ///< per commune, by increasing travel time
  std::vector<double> without_;       ///< per commune
  std::vector<double> total_;         ///< per commune: its residents registered somewhere
  std::vector<double> registered_, capacity_;  ///< per practice
};

}  // namespace maillage
