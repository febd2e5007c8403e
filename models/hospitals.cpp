#include "models/hospitals.hpp"

#include "models/simulation.hpp"

namespace maillage {

Hospitals::Hospitals(Simulation& sim) : Service(sim, "hospitals") {
  const Scenario& sc = sim.scenario();
  std::vector<std::size_t> at, ed_at;
  for (std::uint32_t h = 0; h < sc.hospitals.size(); ++h) {
    const Hospital& hos = sc.hospitals[h];
    specialty_books_.emplace_back();
    for (const auto& s : hos.specialties) {
      specialty_books_.back().emplace_back(s.doctors, s.hours);
      specialty_books_.back().back().measure_between(sc.warmup, sc.horizon);
    }
    ed_queues_.emplace_back(hos.ed_doctors, always_);
    ed_queues_.back().measure_between(sc.warmup, sc.horizon);
    at.push_back(hos.commune);
    if (hos.ed_doctors > 0) ed_at.push_back(hos.commune), ed_hospital_.push_back(h);
  }
  reach_ = ReachTable::build(sc, at, sim.reach_limit());
  ed_reach_ = ReachTable::build(sc, ed_at, 0.0);  // the nearest, whatever the distance
  for (const auto& ct : sc.care_types) {
    if (ct.specialty.empty() || specialty_nearest_.count(ct.specialty)) continue;
    std::vector<std::size_t> with;
    for (const auto& hos : sc.hospitals)
      for (const auto& s : hos.specialties)
        if (s.name == ct.specialty) with.push_back(hos.commune);
    if (!with.empty()) specialty_nearest_.emplace(ct.specialty, ReachTable::build(sc, with, 0.0));
  }
}

const Reach* Hospitals::reference(std::size_t commune, const CareType& ct) const {
  const auto it = specialty_nearest_.find(ct.specialty);
  if (it == specialty_nearest_.end()) return nullptr;
  const Reach& r = it->second.nearest[commune];
  return r.provider == kNoProvider ? nullptr : &r;
}

bool Hospitals::offer(PathwayOption option, std::uint32_t id) {
  return option == PathwayOption::Ed ? try_emergency(id) : try_specialists(id);
}

bool Hospitals::try_specialists(std::uint32_t id) {
  // The hospitals within reach that have the specialty, nearest first: the first with a
  // slot within max_wait (specialists book far ahead).
  Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  bool any = false;
  for (const Reach* r = reach_.row_begin(ep.commune); r != reach_.row_end(ep.commune); ++r) {
    if (r->seconds > ct.max_travel) break;
    const auto& specs = sc.hospitals[r->provider].specialties;
    for (std::size_t s = 0; s < specs.size(); ++s) {
      if (specs[s].name != ct.specialty) continue;
      any = true;
      if (try_specialty(id, r->provider, s, r->seconds)) return true;
    }
  }
  if (!any) Simulation::note(sim_.episode(id), UnservedReason::TooFar);
  return false;
}

bool Hospitals::try_specialty(std::uint32_t id, std::uint32_t h, std::size_t s, double seconds) {
  Episode& ep = sim_.episode(id);
  const CareType& ct = sim_.scenario().care_types[ep.care_type];
  AppointmentBook& book = specialty_books_[h][s];
  const auto slot = book.earliest(sim_.now() + seconds, ep.duration, ep.arose + ct.max_wait);
  if (slot.start > ep.arose + ct.max_wait) {
    Simulation::note(ep, slot.start == kNever ? UnservedReason::Capacity : UnservedReason::TooLong);
    return false;
  }
  book.book(slot, ep.duration);
  sim_.end_served(id, static_cast<long>(sim_.scenario().hospitals[h].commune), slot.start);
  return true;
}

void Hospitals::quote(PathwayOption option, std::uint8_t index, std::uint32_t id, std::vector<Quote>& out) {
  if (option != PathwayOption::Hospital) return;
  const Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  for (const Reach* r = reach_.row_begin(ep.commune); r != reach_.row_end(ep.commune); ++r) {
    const auto& specs = sc.hospitals[r->provider].specialties;
    for (std::uint32_t s = 0; s < specs.size(); ++s)
      if (specs[s].name == ct.specialty)
        out.push_back(Quote{index, r->provider, s, r->seconds,
                            specialty_books_[r->provider][s]
                                .earliest(sim_.now() + r->seconds, ep.duration, ep.arose + ct.max_wait)
                                .start,
                            nullptr});
  }
}

bool Hospitals::try_emergency(std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  const Reach& r = ed_reach_.nearest[ep.commune];
  if (r.provider == kNoProvider) {
    Simulation::note(ep, UnservedReason::TooFar);
    return false;
  }
  const std::uint32_t h = ed_hospital_[r.provider];
  ep.mode = Mode::Emergency;
  ep.site = h;
  if (r.seconds == 0)
    ed_arrive(h, id);
  else
    schedule(sim_.now() + r.seconds, kEdArrive, h, id);
  return true;
}

void Hospitals::ed_arrive(std::uint32_t h, std::uint32_t id) {
  WalkInQueue& q = ed_queues_[h];
  if (q.empty() && q.has_free_server())
    start_emergency(h, id);
  else
    q.join(id);
}

void Hospitals::start_emergency(std::uint32_t h, std::uint32_t id) {
  const double now = sim_.now();
  const double d = sim_.episode(id).duration;
  ed_queues_[h].start(now, d);
  schedule(now + d, kEdEnd, h);
  sim_.end_served(id, static_cast<long>(sim_.scenario().hospitals[h].commune), now);
}

void Hospitals::handle(std::uint32_t kind, std::uint32_t h, std::uint64_t data) {
  switch (kind) {
    case kEdArrive: ed_arrive(h, static_cast<std::uint32_t>(data)); break;
    case kEdEnd: {
      WalkInQueue& q = ed_queues_[h];
      q.finish();
      if (!q.empty()) start_emergency(h, q.next());
      break;
    }
    default: break;
  }
}

void Hospitals::utilisation(UtilisationRows& rows) const {
  const Scenario& sc = sim_.scenario();
  for (std::size_t h = 0; h < sc.hospitals.size(); ++h) {
    const Hospital& hos = sc.hospitals[h];
    const std::string& insee = sc.communes[hos.commune].insee;
    for (std::size_t s = 0; s < hos.specialties.size(); ++s)
      rows.add(hos.id + "/" + hos.specialties[s].name, "specialty", insee, specialty_books_[h][s].busy_seconds(),
               specialty_books_[h][s].capacity_seconds(), 0.0);
    if (hos.ed_doctors > 0)
      rows.add(hos.id + "/ed", "emergency", insee, ed_queues_[h].busy_seconds(), ed_queues_[h].capacity_seconds(),
               static_cast<double>(ed_queues_[h].length()));
  }
}

}  // namespace maillage
