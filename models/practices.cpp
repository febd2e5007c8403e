#include "models/practices.hpp"

#include <algorithm>
#include <map>

#include "models/simulation.hpp"

namespace maillage {

Practices::Practices(Simulation& sim) : Service(sim, "practices") {
  const Scenario& sc = sim.scenario();
  books_.reserve(sc.practices.size());
  queues_.reserve(sc.practices.size());
  std::vector<std::size_t> at;
  std::map<std::vector<std::pair<double, double>>, const WeeklyCalendar*> distinct;
  for (const auto& p : sc.practices) {
    const WeeklyCalendar*& hours = distinct[p.hours.intervals()];  // equal intervals: equal calendars
    if (!hours) hours = &hours_.emplace_back(p.hours);
    books_.emplace_back(p.access == Access::Appointment ? p.doctors : 0.0, *hours);
    queues_.emplace_back(p.servers(), p.hours);
    books_.back().measure_between(sc.warmup, sc.horizon);
    queues_.back().measure_between(sc.warmup, sc.horizon);
    at.push_back(p.commune);
    hot_.push_back(Hot{books_.back().free_from(), static_cast<std::uint32_t>(p.commune), p.new_patients,
                       p.access == Access::Appointment});
  }
  reach_ = ReachTable::build(sc, at, sim.reach_limit());
  local_.resize(sc.communes.size());
  for (std::size_t c = 0; c < sc.communes.size(); ++c)
    local_[c] = Local{reach_.begin[c], reach_.begin[c + 1], reach_.nearest[c], reach_.nearest_trips[c]};
  const std::size_t n_ct = sc.care_types.size();
  rows_.resize(sc.communes.size() * n_ct);
  for (std::size_t c = 0; c < sc.communes.size(); ++c)
    for (std::size_t k = 0; k < n_ct; ++k) {
      Row& row = rows_[c * n_ct + k];
      row.uniform = true;
      for (const Reach* r = reach_.row_begin(c); r != reach_.row_end(c); ++r) {
        if (r->seconds > sc.care_types[k].max_travel) break;
        const Practice& p = sc.practices[r->provider];
        row.uniform &= p.access == Access::Appointment && p.new_patients;
        ++row.end;
      }
      row.uniform &= row.end > 0;
    }
}

std::vector<PathwayOption> Practices::options() const {
  return {PathwayOption::OwnGp, PathwayOption::AnyGp, PathwayOption::TeleExpertise};
}

bool Practices::offer(PathwayOption option, std::uint32_t id) {
  switch (option) {
    case PathwayOption::OwnGp: {
      if (!sim_.episode(id).has_own_gp) return false;
      const Reach& r = own_gp(sim_.episode(id));
      // The commune's nearest carries its trip; a panel's GP is looked up.
      const std::size_t c = sim_.episode(id).commune;
      return r.provider != kNoProvider &&
             try_practice(id, r.provider, r.seconds, &r == &local_[c].nearest ? &local_[c].nearest_trip : nullptr);
    }
    case PathwayOption::AnyGp: return try_any(id);
    case PathwayOption::TeleExpertise: return try_tele_expertise(id);
    default: return false;
  }
}

const Reach& Practices::own_gp(const Episode& ep) const {
  const Reach* r = sim_.registered_gp(ep);
  return r ? *r : local_[ep.commune].nearest;
}

bool Practices::try_any(std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  const double max_travel = sim_.scenario().care_types[ep.care_type].max_travel;
  Row& row = rows_[ep.commune * sim_.scenario().care_types.size() + ep.care_type];
  const double latest = ep.arose + sim_.scenario().care_types[ep.care_type].max_wait;
  if (row.uniform && latest < row.free_from) {
    Simulation::note(ep, UnservedReason::TooLong);  // each diary: no slot before the deadline
    return false;
  }
  bool any = false;
  double free_from = kNever;
  const double now = sim_.now();
  for (const Reach* r = row_begin(ep.commune); r != row_end(ep.commune); ++r) {
    if (r->seconds > max_travel) break;
    if (!sees(r->provider, ep)) continue;
    any = true;
    // AppointmentBook::earliest's first refusal, without the call: in a full territory
    // most diaries within reach are full past the deadline.
    const Hot& h = hot_[r->provider];
    if (h.appointment && std::max(now + static_cast<double>(r->seconds), h.free_from) > latest) {
      Simulation::note(ep, UnservedReason::TooLong);
      free_from = std::min(free_from, h.free_from);
      continue;
    }
    if (try_practice(id, r->provider, r->seconds, &reach_.trips[static_cast<std::size_t>(r - reach_.items.data())]))
      return true;
    free_from = std::min(free_from, hot_[r->provider].free_from);
  }
  if (row.uniform) row.free_from = free_from;  // every diary of the row was refused
  if (!any) Simulation::note(sim_.episode(id), UnservedReason::TooFar);
  return false;
}

bool Practices::try_practice(std::uint32_t id, std::uint32_t p, double seconds, const Trip* trip) {
  Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  if (seconds > ct.max_travel) {
    Simulation::note(ep, UnservedReason::TooFar);
    return false;
  }
  const double now = sim_.now();
  if (hot_[p].appointment) {
    const auto slot = books_[p].earliest(now + seconds, ep.duration, ep.arose + ct.max_wait);
    if (slot.start > ep.arose + ct.max_wait) {
      Simulation::note(ep, slot.start == kNever ? UnservedReason::Capacity : UnservedReason::TooLong);
      return false;
    }
    book(p, slot, ep.duration);
    sim_.end_served(id, static_cast<long>(hot_[p].commune), slot.start, Simulation::Visit::InPerson, trip);
    return true;
  }
  if (ep.turned_away) return false;
  const double opens = sim_.walk_in_time(id, queues_[p], seconds);
  if (opens == kNever) return false;
  ep.site = p;
  ep.mode = Mode::InPerson;
  if (opens == now)
    arrive(p, id);  // no travel and open: spare the agenda an event
  else
    schedule(opens, kArrive, p, id);
  return true;
}

bool Practices::try_tele_expertise(std::uint32_t id) {
  // The nearest practice that books appointments sees the patient and sends the case.
  Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  for (const Reach* r = reach_.row_begin(ep.commune); r != reach_.row_end(ep.commune); ++r) {
    if (r->seconds > ct.max_travel) break;
    if (sc.practices[r->provider].access != Access::Appointment) continue;
    const auto slot = books_[r->provider].earliest(sim_.now() + r->seconds, ep.duration, ep.arose + ct.max_wait);
    if (slot.start > ep.arose + ct.max_wait) {
      Simulation::note(ep, slot.start == kNever ? UnservedReason::Capacity : UnservedReason::TooLong);
      return false;
    }
    book(r->provider, slot, ep.duration);
    ep.mode = Mode::TeleExpertise;
    ep.site = sim_.links().practice(r->provider);
    ep.seen_in = static_cast<std::uint32_t>(sc.practices[r->provider].commune);
    sim_.hand_over("tele_expertise", id, slot.start + ep.duration);  // sent once the consultation is over
    return true;
  }
  Simulation::note(ep, UnservedReason::TooFar);
  return false;
}

void Practices::book(std::uint32_t p, const AppointmentBook::Slot& slot, double d) {
  books_[p].book(slot, d);
  hot_[p].free_from = books_[p].free_from();
}

void Practices::prefetch(std::size_t c, std::uint16_t care_type, bool early) const {
  // The next arrival's row and médecin traitant (Simulation::arrival): their first lines
  // come while the current episode is booked. Early (the arrival after next), only the
  // commune's own entries; next, what they point to, by then read from cache.
  if (early) {
    __builtin_prefetch(&rows_[c * sim_.scenario().care_types.size() + care_type]);
    __builtin_prefetch(&local_[c]);
    return;
  }
  __builtin_prefetch(&rows_[c * sim_.scenario().care_types.size() + care_type]);
  const Reach* row = row_begin(c);
  __builtin_prefetch(row);
  __builtin_prefetch(row + 5);
  const std::uint32_t p = local_[c].nearest.provider;
  if (p == kNoProvider) return;
  __builtin_prefetch(&hot_[p]);
  __builtin_prefetch(&books_[p]);
  __builtin_prefetch(reinterpret_cast<const char*>(&books_[p] + 1) - 1);
}

double Practices::start_time(std::uint32_t p, const Episode& ep, double seconds) const {
  if (sim_.scenario().practices[p].access == Access::Appointment)
    return books_[p].earliest(sim_.now() + seconds, ep.duration, ep.arose + sim_.scenario().care_types[ep.care_type].max_wait).start;
  return ep.turned_away ? kNever : sim_.walk_in_plan(ep, queues_[p], seconds).start;
}

void Practices::quote(PathwayOption option, std::uint8_t index, std::uint32_t id, std::vector<Quote>& out) {
  const Episode& ep = sim_.episode(id);
  auto add = [&](const Reach& r) {
    out.push_back(Quote{index, r.provider, 0, r.seconds, start_time(r.provider, ep, r.seconds), nullptr});
  };
  if (option == PathwayOption::OwnGp) {
    if (ep.has_own_gp && own_gp(ep).provider != kNoProvider) add(own_gp(ep));
  } else if (option == PathwayOption::AnyGp) {
    for (const Reach* r = reach_.row_begin(ep.commune); r != reach_.row_end(ep.commune); ++r)
      if (sees(r->provider, ep)) add(*r);
  }
}

bool Practices::take(const Quote& q, std::uint32_t id) { return try_practice(id, q.provider, q.seconds); }

void Practices::arrive(std::uint32_t p, std::uint32_t id) {
  WalkInQueue& q = queues_[p];
  if (sim_.full_or_closed(q, sim_.episode(id)))
    sim_.turn_away(*this, q, kArrive, p, id);
  else if (q.empty() && q.has_free_server())
    consult(p, id);
  else
    sim_.join_queue(*this, q, id, kRenege);
}

void Practices::consult(std::uint32_t p, std::uint32_t id) {
  sim_.episode(id).queued = false;
  const double now = sim_.now();
  const double d = sim_.episode(id).duration;
  queues_[p].start(now, d);
  schedule(now + d, kEnd, p);
  sim_.end_served(id, static_cast<long>(sim_.scenario().practices[p].commune), now);
}

void Practices::handle(std::uint32_t kind, std::uint32_t p, std::uint64_t data) {
  const auto id = static_cast<std::uint32_t>(data);
  switch (kind) {
    case kArrive: arrive(p, id); break;
    case kEnd: {
      WalkInQueue& q = queues_[p];
      q.finish();
      if (!q.empty() && q.hours().is_open(sim_.now())) consult(p, q.next());
      break;
    }
    case kHoursChange:
      sim_.hours_change(*this, queues_[p], kHoursChange, p, [&](std::uint32_t e) { consult(p, e); },
                        [&](std::uint32_t e) { sim_.turn_away(*this, queues_[p], kArrive, p, e); });
      break;
    case kRenege: {
      const auto ticket = p;
      if (!sim_.still_queued(ticket, id)) break;
      queues_[sim_.episode(id).site].remove(id);
      sim_.abandon(id);
      break;
    }
    default: break;
  }
}

void Practices::start() {
  const auto& practices = sim_.scenario().practices;
  for (std::uint32_t p = 0; p < practices.size(); ++p)
    if (practices[p].access == Access::WalkIn && !practices[p].hours.is_always())
      sim_.schedule_change(*this, practices[p].hours, kHoursChange, p);
}

const Reach* Practices::reference(std::size_t commune, const CareType& ct) const {
  if (!ct.specialty.empty()) return nullptr;  // specialists' care: not a GP's
  const Reach& r = reach_.nearest[commune];
  return r.provider == kNoProvider ? nullptr : &r;
}

void Practices::utilisation(UtilisationRows& rows) const {
  const Scenario& sc = sim_.scenario();
  for (std::size_t p = 0; p < sc.practices.size(); ++p) {
    const auto& pr = sc.practices[p];
    const std::string& insee = sc.communes[pr.commune].insee;
    if (pr.access == Access::WalkIn)
      rows.add(pr.id, to_string(pr.kind), insee, queues_[p].busy_seconds(), queues_[p].capacity_seconds(),
               static_cast<double>(queues_[p].length()));
    else
      rows.add(pr.id, to_string(pr.kind), insee, books_[p].busy_seconds(), books_[p].capacity_seconds(), 0.0);
  }
}

}  // namespace maillage
