#pragma once
// The model's travel between places, as a table a planner can check against real times:
// one-way minutes and km along the fastest path of the scenario's road graph, the very
// trips the simulation uses (patients drive the round trip: twice these).
#include <string>
#include <vector>

#include "engine/result_table.hpp"
#include "models/scenario.hpp"

namespace maillage {

/** Columns from, to (INSEE codes, or a supply site's id), minutes, km: one row for every
 *  commune of `from` to every other commune of `to` (INSEE codes; empty: all communes),
 *  and with `sites` to every practice, cabin, EHPAD and hospital of the scenario (to its
 *  commune). Unreachable pairs read inf. Throws std::invalid_argument for an unknown code. */
ResultTable travel_table(const Scenario& sc, const std::vector<std::string>& from, const std::vector<std::string>& to,
                         bool sites);

}  // namespace maillage
