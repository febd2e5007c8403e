#include "models/hotlines.hpp"

#include <algorithm>
#include <cmath>

#include "models/simulation.hpp"

namespace maillage {

Hotlines::Hotlines(Simulation& sim) : Service(sim, "hotlines") {
  const Scenario& sc = sim.scenario();
  commune_hotline_.assign(sc.communes.size(), -1);
  // Days as far as a need of the period may be booked: the needs under way at the horizon
  // run on past it (Simulation::drain) and may still call.
  const double longest = std::min(longest_max_wait(sc.care_types), 366 * kDay);
  for (std::size_t k = 0; k < sc.hotlines.size(); ++k) {
    const Hotline& h = sc.hotlines[k];
    books_.emplace_back(h.doctors, h.hours);
    books_.back().measure_between(sc.warmup, sc.horizon);
    slots_used_.emplace_back(static_cast<std::size_t>((sc.horizon + longest) / kDay) + 3, 0);
    for (std::size_t c = 0; c < sc.communes.size(); ++c) {
      const bool covers = h.communes.empty() || std::find(h.communes.begin(), h.communes.end(), c) != h.communes.end();
      if (covers && commune_hotline_[c] < 0) commune_hotline_[c] = static_cast<int>(k);
    }
  }
}

bool Hotlines::offer(PathwayOption, std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  const int k = commune_hotline_[ep.commune];
  if (!ct.unscheduled || k < 0) return false;
  const Hotline& h = sc.hotlines[static_cast<std::size_t>(k)];
  const Trip trip = sc.roads->trips_from(h.commune)[ep.commune];
  if (trip.seconds > ct.max_travel) {
    Simulation::note(ep, UnservedReason::TooFar);
    return false;
  }
  const double now = sim_.now();
  const double limit = std::min(ep.arose + ct.max_wait, (std::floor(now / kDay) + 2) * kDay);
  AppointmentBook& book = books_[static_cast<std::size_t>(k)];
  auto& used = slots_used_[static_cast<std::size_t>(k)];
  for (double from = now + trip.seconds; from < limit;) {
    const auto slot = book.earliest(from, ep.duration, limit);
    if (slot.start > limit) break;
    const auto day = static_cast<std::size_t>(slot.start / kDay);
    if (day < used.size() && used[day] < h.slots_per_day) {
      ++used[day];
      book.book(slot, ep.duration);
      sim_.end_served(id, static_cast<long>(h.commune), slot.start);
      return true;
    }
    from = (std::floor(slot.start / kDay) + 1) * kDay;  // that day is full: the next one
  }
  Simulation::note(ep, UnservedReason::Capacity);  // the line is full
  return false;
}

void Hotlines::utilisation(UtilisationRows& rows) const {
  const Scenario& sc = sim_.scenario();
  for (std::size_t k = 0; k < sc.hotlines.size(); ++k)
    rows.add(sc.hotlines[k].id, "hotline", sc.communes[sc.hotlines[k].commune].insee, books_[k].busy_seconds(),
             books_[k].capacity_seconds(), 0.0);
}

}  // namespace maillage
