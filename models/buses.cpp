#include "models/buses.hpp"

#include <algorithm>
#include <cmath>

#include "models/simulation.hpp"

namespace maillage {

Buses::Buses(Simulation& sim) : Service(sim, "buses") {
  const Scenario& sc = sim.scenario();
  // Visits as far as a need arising at the horizon may be booked (its max_wait): a shorter
  // diary would refuse the last needs of the run and send them elsewhere, a bias the weekly
  // series showed in the last max_wait of the measured period.
  const double longest = longest_max_wait(sc.care_types);
  const auto weeks = static_cast<std::size_t>((sc.horizon + longest) / kWeek) + 2;
  for (const auto& b : sc.buses) {
    stops_.push_back(maillage::schedule(b, *sc.roads));
    next_slot_.emplace_back(stops_.back().size(), std::vector<int>(weeks, 0));
    busy_.push_back(0.0);
  }
}

bool Buses::offer(PathwayOption, std::uint32_t id) {
  // Among the stops within reach of the buses that serve this care, the visit that can see
  // the patient soonest, within max_wait: its next free slot.
  Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  const double now = sim_.now(), deadline = ep.arose + ct.max_wait;
  double best = kNever;
  std::size_t best_bus = 0, best_stop = 0, best_week = 0;
  bool any = false;
  for (std::size_t b = 0; b < sc.buses.size(); ++b) {
    const Bus& bus = sc.buses[b];
    const bool serves = (!ct.specialty.empty() && bus.specialty == ct.specialty) ||
                        std::find(bus.care_types.begin(), bus.care_types.end(), ct.name) != bus.care_types.end();
    if (!serves) continue;
    for (std::size_t s = 0; s < stops_[b].size(); ++s) {
      const ScheduledStop& st = stops_[b][s];
      const double travel = sc.roads->trips_from(st.commune)[ep.commune].seconds;
      if (travel > ct.max_travel || st.capacity == 0) continue;
      any = true;
      const double ready = now + travel;
      for (auto w = static_cast<std::size_t>(std::max(0.0, std::floor((ready - st.close) / kWeek)));
           w < next_slot_[b][s].size(); ++w) {
        const double open = w * kWeek + st.open;
        if (open > std::min(deadline, best)) break;
        // The first free slot that starts once the patient can be there.
        const int after = static_cast<int>(std::ceil(std::max(0.0, ready - open) / st.slot - 1e-9));
        const int slot = std::max(next_slot_[b][s][w], after);
        // Booked: a visit with a free slot. Walk-in: the patient cannot know; the next visit
        // still open when they get there.
        if (bus.walk_in ? after >= st.capacity : slot >= st.capacity) continue;
        const double at = bus.walk_in ? std::max(open, ready) : open + slot * st.slot;
        if (at < best) best = at, best_bus = b, best_stop = s, best_week = w;
        break;
      }
    }
  }
  if (best > deadline) {
    Simulation::note(ep, any ? UnservedReason::TooLong : UnservedReason::TooFar);
    return false;
  }
  const ScheduledStop& st = stops_[best_bus][best_stop];
  if (sc.buses[best_bus].walk_in) {
    ep.site = static_cast<std::uint32_t>(best_bus << 16 | best_stop);
    schedule(best, kArrive, ep.site, id);
    return true;
  }
  const double open = best_week * kWeek + st.open;
  next_slot_[best_bus][best_stop][best_week] = static_cast<int>(std::lround((best - open) / st.slot)) + 1;
  seen(best_bus, best_stop, id, best);
  return true;
}

void Buses::seen(std::size_t b, std::size_t s, std::uint32_t id, double at) {
  const Scenario& sc = sim_.scenario();
  const ScheduledStop& st = stops_[b][s];
  busy_[b] += std::max(0.0, std::min(at + st.slot, sc.horizon) - std::max(at, sc.warmup));
  Episode& ep = sim_.episode(id);
  if (sc.buses[b].tele_expertise && sc.care_types[ep.care_type].tele_expertise.pool >= 0) {
    ep.mode = Mode::TeleExpertise;
    ep.mobile = true;
    ep.site = sim_.links().bus_stop(b, s);
    ep.seen_in = static_cast<std::uint32_t>(st.commune);
    sim_.hand_over("tele_expertise", id, at + st.slot);  // sent once the consultation is over
    return;
  }
  sim_.end_served(id, static_cast<long>(st.commune), at, Simulation::Visit::MobileUnit);
}

void Buses::arrive(std::uint32_t bus_stop, std::uint32_t id) {
  const std::size_t b = bus_stop >> 16, s = bus_stop & 0xFFFF;
  const ScheduledStop& st = stops_[b][s];
  const double now = sim_.now();
  const auto w = static_cast<std::size_t>(std::floor((now - st.open) / kWeek + 1e-9));
  const double open = w * kWeek + st.open;
  int& next = next_slot_[b][s][w];
  const int slot = std::max(next, static_cast<int>(std::ceil((now - open) / st.slot - 1e-9)));
  if (slot >= st.capacity) {  // the visit is full: the patient goes on along the pathway
    Simulation::note(sim_.episode(id), UnservedReason::Capacity);
    sim_.advance(id);
    return;
  }
  next = slot + 1;
  seen(b, s, id, open + slot * st.slot);
}

void Buses::handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  if (kind == kArrive) arrive(target, static_cast<std::uint32_t>(data));
}

void Buses::utilisation(UtilisationRows& rows) const {
  const Scenario& sc = sim_.scenario();
  for (std::size_t b = 0; b < sc.buses.size(); ++b) {
    // Open time: every visit's hours within the measured period.
    double open = 0;
    for (const auto& st : stops_[b])
      for (double w = 0; w * kWeek < sc.horizon; ++w)
        open += std::max(0.0, std::min(w * kWeek + st.close, sc.horizon) - std::max(w * kWeek + st.open, sc.warmup));
    rows.add(sc.buses[b].id, "bus", "", busy_[b], open, 0.0);
  }
}

}  // namespace maillage
