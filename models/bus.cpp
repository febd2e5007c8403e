#include "models/bus.hpp"

#include <algorithm>
#include <cmath>

#include "engine/calendar.hpp"

namespace maillage {

std::vector<ScheduledStop> schedule(const Bus& bus, const RoadGraph& roads) {
  std::vector<BusStop> stops = bus.stops;
  std::stable_sort(stops.begin(), stops.end(),
                   [](const BusStop& a, const BusStop& b) { return a.day != b.day ? a.day < b.day : a.start < b.start; });
  std::vector<ScheduledStop> out;
  const double slot = 3600.0 / bus.per_hour;
  for (std::size_t i = 0; i < stops.size(); ++i) {
    const BusStop& s = stops[i];
    ScheduledStop x;
    x.commune = s.commune;
    x.open = s.day * kDay + s.start;
    x.close = s.day * kDay + s.end;
    // Leaving the previous stop of the same day at its end, the bus arrives after the drive.
    if (i > 0 && stops[i - 1].day == s.day) {
      const double arrives = s.day * kDay + stops[i - 1].end + roads.trip(stops[i - 1].commune, s.commune).seconds;
      x.open = std::max(x.open, arrives);
    }
    x.slot = slot;
    x.capacity = x.close > x.open ? static_cast<int>(std::floor((x.close - x.open) / slot + 1e-9)) : 0;
    out.push_back(x);
  }
  return out;
}

}  // namespace maillage
