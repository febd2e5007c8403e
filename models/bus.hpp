#pragma once
// An itinerant health unit (bus santé): a weekly route of stops (commune, day, hours), a
// specialty, and a capacity per hour. The drive between two stops of the same day eats
// into the bus's hours: a stop it cannot reach by its start opens late.
#include "models/cost.hpp"
#include <cstddef>
#include <string>
#include <vector>

#include "models/road_graph.hpp"

namespace maillage {

struct BusStop {
  std::size_t commune = 0;
  int day = 0;         ///< 0 = Monday ... 6 = Sunday
  double start = 0.0;  ///< seconds since midnight
  double end = 0.0;
};

struct Bus {
  std::string id;
  std::string specialty;                ///< serves care types of this specialty
  std::vector<std::string> care_types;  ///< and these care types by name
  std::vector<BusStop> stops;
  double per_hour = 1.0;  ///< patients seen an hour
  bool walk_in = false;   ///< patients come without booking and are seen in arrival order
  /** The case is sent to the care type's tele-expertise pool over the stop's network after
   *  the consultation; the patient is served when the answer comes. */
  bool tele_expertise = false;
  Cost cost;
};

/** A stop as the bus can really hold it each week: times in seconds since Monday 00:00. */
struct ScheduledStop {
  std::size_t commune = 0;
  double open = 0.0, close = 0.0;  ///< open is late when the drive from the previous stop is longer than the gap
  int capacity = 0;                ///< patients a visit: whole slots of 1/per_hour between open and close
  double slot = 0.0;               ///< seconds per patient
};

/** The week of a bus's stops, in time order, drives counted. */
std::vector<ScheduledStop> schedule(const Bus& bus, const RoadGraph& roads);

}  // namespace maillage
