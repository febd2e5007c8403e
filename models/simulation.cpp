#include "models/simulation.hpp"

#include "models/accessibility.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace maillage {
namespace {
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
// A video flow is elastic (SimGrid 3.32 ignores Comm::set_rate on host-to-host comms):
// it is given more bytes than it can carry and cancelled when the consultation ends.
constexpr double kEndlessBytes = 1e15;
constexpr double kProbeSeconds = 60.0;  // a session below the minimum rate fails after this
constexpr double kRateTolerance = 1e-6;  // relative: "at the target" despite rounding

std::vector<std::string> care_type_names(const Scenario& sc) {
  std::vector<std::string> names;
  for (const auto& ct : sc.care_types) names.push_back(ct.name);
  return names;
}
}  // namespace

Simulation::Simulation(const Scenario& sc, std::uint64_t seed, int replication)
    : sc_(sc), seed_(seed), replication_(replication), kernel_(*this),
      measures_(sc.communes.size(), care_type_names(sc)), series_(sc.horizon) {
  // Sources of needs: every (commune, care type), then every (EHPAD, care type); a care
  // type arises among inhabitants or among residents.
  const std::size_t n_c = sc.communes.size(), n_ct = sc.care_types.size();
  auto source = [&](const std::string& name, double people, const CareType& ct, bool residents) {
    // Streams are named, not numbered: adding a commune or a care type leaves the others'
    // draws unchanged, which keeps plans on common random numbers.
    demand_rng_.emplace_back(seed, static_cast<std::uint64_t>(replication), "demand/" + name + "/" + ct.name);
    const double rate = ct.residents == residents ? people * ct.rate : 0.0;
    demand_mean_gap_.push_back(rate > 0 ? 1.0 / rate : 0.0);
  };
  for (std::size_t c = 0; c < n_c; ++c)
    for (std::size_t k = 0; k < n_ct; ++k) source(sc.communes[c].insee, sc.communes[c].population, sc.care_types[k], false);
  for (const auto& e : sc.ehpads)
    for (std::size_t k = 0; k < n_ct; ++k) source("ehpad/" + e.id, e.residents, sc.care_types[k], true);

  books_.reserve(sc.practices.size());
  queues_.reserve(sc.practices.size());
  for (const auto& p : sc.practices) {
    books_.emplace_back(p.access == Access::Appointment ? p.doctors : 0, p.hours);
    queues_.emplace_back(p.doctors, p.hours);
    books_.back().measure_between(sc.warmup, sc.horizon);
    queues_.back().measure_between(sc.warmup, sc.horizon);
  }
  for (const auto& c : sc.cabins) {
    cabin_queues_.emplace_back(1, c.hours);
    cabin_queues_.back().measure_between(sc.warmup, sc.horizon);
  }
  for (const auto& p : sc.remote_pools) {
    pool_queues_.emplace_back(p.doctors, p.hours);
    pool_queues_.back().measure_between(sc.warmup, sc.horizon);
  }
  for (const auto& h : sc.hospitals) {
    specialty_books_.emplace_back();
    for (const auto& s : h.specialties) {
      specialty_books_.back().emplace_back(s.doctors, s.hours);
      specialty_books_.back().back().measure_between(sc.warmup, sc.horizon);
    }
    ed_queues_.emplace_back(h.ed_doctors, always_);
    ed_queues_.back().measure_between(sc.warmup, sc.horizon);
  }
  const auto weeks = static_cast<std::size_t>(sc.horizon / kWeek) + 2;
  for (const auto& b : sc.buses) {
    bus_stops_.push_back(schedule(b, *sc.roads));
    bus_next_slot_.emplace_back(bus_stops_.back().size(), std::vector<int>(weeks, 0));
    bus_busy_.push_back(0.0);
  }
  without_gp_.assign(sc.communes.size(), sc.without_gp_share);
  for (const auto& [c, share] : sc.without_gp_by_commune) without_gp_[c] = share;
  commune_hotline_.assign(sc.communes.size(), -1);
  for (std::size_t k = 0; k < sc.hotlines.size(); ++k) {
    const Hotline& h = sc.hotlines[k];
    hotline_books_.emplace_back(h.doctors, h.hours);
    hotline_books_.back().measure_between(sc.warmup, sc.horizon);
    hotline_slots_used_.emplace_back(static_cast<std::size_t>(sc.horizon / kDay) + 3, 0);
    for (std::size_t c = 0; c < sc.communes.size(); ++c) {
      const bool covers = h.communes.empty() || std::find(h.communes.begin(), h.communes.end(), c) != h.communes.end();
      if (covers && commune_hotline_[c] < 0) commune_hotline_[c] = static_cast<int>(k);
    }
  }
  technology_ = sc.network.coverage;
  practice_bits_.resize(sc.practices.size());
  cabin_bits_.resize(sc.cabins.size());
  pool_bits_.resize(sc.remote_pools.size());

  for (const auto& ct : sc.care_types) reach_limit_ = std::max(reach_limit_, ct.max_travel);
  const double reach_limit = reach_limit_;
  std::vector<std::size_t> at;
  for (const auto& p : sc.practices) at.push_back(p.commune);
  practice_reach_ = reach_table(at, reach_limit);
  at.clear();
  for (const auto& c : sc.cabins) at.push_back(c.commune);
  cabin_reach_ = reach_table(at, reach_limit);
  at.clear();
  for (const auto& h : sc.hospitals) at.push_back(h.commune);
  hospital_reach_ = reach_table(at, reach_limit);
  // Emergency departments: the nearest one, whatever the distance.
  at.clear();
  for (std::uint32_t h = 0; h < sc.hospitals.size(); ++h)
    if (sc.hospitals[h].ed_doctors > 0) at.push_back(sc.hospitals[h].commune), ed_hospital_.push_back(h);
  ed_reach_ = reach_table(at, 0.0);
}

Simulation::ReachTable Simulation::reach_table(const std::vector<std::size_t>& provider_communes, double limit) const {
  const std::size_t n_c = sc_.communes.size();
  ReachTable t;
  std::vector<std::vector<Reach>> lists(n_c);
  t.nearest.assign(n_c, Reach{kNone, std::numeric_limits<float>::infinity(), 0.f});
  // By (time, provider): the nearest first, ties to the first listed.
  const auto before = [](const Reach& a, const Reach& b) { return std::tie(a.seconds, a.provider) < std::tie(b.seconds, b.provider); };
  if (limit <= 0) {  // the nearest whatever the distance (emergency departments: few)
    for (std::uint32_t p = 0; p < provider_communes.size(); ++p) {
      const auto& trips = sc_.roads->trips_from(provider_communes[p]);
      for (std::size_t c = 0; c < n_c; ++c) {
        const Reach r{p, static_cast<float>(trips[c].seconds), static_cast<float>(trips[c].metres)};
        if (before(r, t.nearest[c])) t.nearest[c] = r;
      }
    }
  } else if (!provider_communes.empty()) {
    // One Dijkstra per provider commune, stopped at the limit: memory grows with what is
    // within reach, not with the territory squared (France: 35 k communes).
    std::vector<std::vector<std::uint32_t>> at(n_c);
    for (std::uint32_t p = 0; p < provider_communes.size(); ++p) at[provider_communes[p]].push_back(p);
    for (std::size_t s = 0; s < n_c; ++s) {
      if (at[s].empty()) continue;
      for (const auto& [c, trip] : sc_.roads->trips_within(s, limit))
        for (auto p : at[s]) lists[c].push_back(Reach{p, static_cast<float>(trip.seconds), static_cast<float>(trip.metres)});
    }
    for (std::size_t c = 0; c < n_c; ++c) {
      std::sort(lists[c].begin(), lists[c].end(), before);
      if (!lists[c].empty()) {
        t.nearest[c] = lists[c].front();
        continue;
      }
      // No provider within the limit: search farther, doubling the radius, until one is
      // (or the whole of the commune's component has been searched).
      for (double r = limit; t.nearest[c].provider == kNone && std::isfinite(r);) {
        r = r < 1e7 ? 2 * r : std::numeric_limits<double>::infinity();
        for (const auto& [s, trip] : sc_.roads->trips_within(c, r))
          for (auto p : at[s]) {
            const Reach x{p, static_cast<float>(trip.seconds), static_cast<float>(trip.metres)};
            if (before(x, t.nearest[c])) t.nearest[c] = x;
          }
      }
    }
  }
  t.begin.push_back(0);
  for (auto& l : lists) {
    t.items.insert(t.items.end(), l.begin(), l.end());
    t.begin.push_back(static_cast<std::uint32_t>(t.items.size()));
  }
  return t;
}

std::uint32_t Simulation::new_episode() {
  if (!free_ids_.empty()) {
    const auto id = free_ids_.back();
    free_ids_.pop_back();
    alive_[id] = 1;
    return id;
  }
  episodes_.emplace_back();
  alive_.push_back(1);
  return static_cast<std::uint32_t>(episodes_.size() - 1);
}

void Simulation::free_episode(std::uint32_t id) {
  alive_[id] = 0;
  free_ids_.push_back(id);
}

void Simulation::handle(const Event& e) {
  const auto id = static_cast<std::uint32_t>(e.data);
  switch (e.kind) {
    case kArrival: arrival(e.target); break;
    case kWalkInArrive: walk_in_arrive(e.target, id); break;
    case kWalkInEnd: {
      WalkInQueue& q = queues_[e.target];
      q.finish();
      if (!q.empty() && q.hours().is_open(kernel_.now())) start_consultation(e.target, q.next());
      break;
    }
    case kSiteChange: site_change(e.target); break;
    case kCabinArrive: cabin_arrive(e.target, id); break;
    case kCabinChange: cabin_change(e.target); break;
    case kPoolChange: pool_change(e.target); break;
    case kSessionProbe: probe_session(e.target, e.data); break;
    case kSessionEnd: end_session(e.target, e.data); break;
    case kTeleUpload: {
      Episode& ep = episodes_[id];
      ep.since = kernel_.now();  // the upload starts
      const auto& te = sc_.care_types[ep.care_type].tele_expertise;
      const auto from = upload_site(ep).host, to = pool_sites_[static_cast<std::size_t>(te.pool)].host;
      kernel_.start([&] { return transfer(from, to, te.upload_bytes); }, kTeleUploaded, 0, id);
      break;
    }
    case kTeleUploaded: {
      const Episode& ep = episodes_[id];
      const auto& te = sc_.care_types[ep.care_type].tele_expertise;
      const double bits = te.upload_bytes * 8 * measured_share(ep.since);
      if (!ep.from_bus) practice_bits_[ep.site].up += bits;
      pool_bits_[static_cast<std::size_t>(te.pool)].down += bits;
      kernel_.schedule(kernel_.now() + ep.delay, kTeleAnswer, 0, id);
      break;
    }
    case kTeleAnswer: end_served(id, static_cast<long>(seen_in(episodes_[id])), kernel_.now()); break;
    case kRollout: rollout(e.target); break;
    case kRenege: renege(e.target, id); break;
    case kEdArrive: ed_arrive(e.target, id); break;
    case kBusArrive: bus_arrive(e.target, id); break;
    case kEdEnd: {
      WalkInQueue& q = ed_queues_[e.target];
      q.finish();
      if (!q.empty()) start_emergency(e.target, q.next());
      break;
    }
    default: break;
  }
}

void Simulation::arrival(std::uint32_t source) {
  const double now = kernel_.now();
  const std::size_t n_ct = sc_.care_types.size();
  RandomStream& rng = demand_rng_[source];
  const auto id = new_episode();
  Episode& ep = episodes_[id];
  ep = Episode{};
  ep.arose = now;
  ep.care_type = static_cast<std::uint16_t>(source % n_ct);
  const std::size_t place = source / n_ct;  // a commune, or past them an EHPAD
  if (place < sc_.communes.size()) {
    ep.commune = static_cast<std::uint32_t>(place);
  } else {
    ep.ehpad = static_cast<std::int32_t>(place - sc_.communes.size());
    ep.commune = static_cast<std::uint32_t>(sc_.ehpads[static_cast<std::size_t>(ep.ehpad)].commune);
  }
  // Everything about the patient is drawn here, from the commune's own stream, so that
  // every plan sees the same patients with the same needs.
  const CareType& ct = sc_.care_types[ep.care_type];
  ep.duration = ct.duration.draw(rng);
  ep.has_own_gp = rng.uniform() >= without_gp_[ep.commune];
  ep.remote_ok = rng.uniform() < ct.remote_share;
  if (ct.tele_expertise.pool >= 0) ep.delay = ct.tele_expertise.delay.draw(rng);
  if (ct.has_patience) ep.patience = ct.patience.draw(rng);
  ep.counted = now >= sc_.warmup;
  if (ep.counted) measures_.arisen(ep.commune, ep.care_type);
  series_.arisen(now);
  kernel_.schedule(now + rng.exponential(demand_mean_gap_[source]), kArrival, source);
  advance(id);
}

void Simulation::advance(std::uint32_t id) {
  if (!try_options(id)) end_unserved(id);
}

bool Simulation::try_options(std::uint32_t id) {
  const CareType& ct = sc_.care_types[episodes_[id].care_type];
  if (ct.cost_choice && episodes_[id].next_option == 0 && try_cheapest(id)) return true;
  while (episodes_[id].next_option < ct.pathway.size()) {
    Episode& ep = episodes_[id];
    const PathwayOption option = ct.pathway[ep.next_option++];
    ep.taken_option = static_cast<std::uint8_t>(ep.next_option - 1);
    switch (option) {
      case PathwayOption::OwnGp: {
        if (!ep.has_own_gp) break;
        const Reach& r = practice_reach_.nearest[ep.commune];
        if (r.provider != kNone && try_practice(id, r.provider, r.seconds)) return true;
        break;
      }
      case PathwayOption::AnyGp:
      case PathwayOption::Cabin: {
        const bool cabins = option == PathwayOption::Cabin;
        if (cabins && !ep.remote_ok) break;
        if (cabins && ep.ehpad >= 0) {  // a resident: the EHPAD's own cart, at the bedside
          if (try_cabin(id, static_cast<std::uint32_t>(sc_.ehpads[static_cast<std::size_t>(ep.ehpad)].cart), 0.0))
            return true;
          break;
        }
        const ReachTable& t = cabins ? cabin_reach_ : practice_reach_;
        bool any = false;
        for (auto k = t.begin[ep.commune]; k < t.begin[ep.commune + 1]; ++k) {
          const Reach& r = t.items[k];
          if (r.seconds > ct.max_travel) break;
          if (cabins && sc_.cabins[r.provider].ehpad >= 0) continue;  // an EHPAD's cart: not for the public
          // A practice closed to new patients sees only those whose médecin traitant it is.
          if (!cabins && !sc_.practices[r.provider].new_patients &&
              !(ep.has_own_gp && practice_reach_.nearest[ep.commune].provider == r.provider))
            continue;
          any = true;
          if (cabins ? try_cabin(id, r.provider, r.seconds) : try_practice(id, r.provider, r.seconds)) return true;
        }
        if (!any) note(episodes_[id], UnservedReason::TooFar);
        break;
      }
      case PathwayOption::HomeRemote:
        if (ep.remote_ok && try_home(id)) return true;
        break;
      case PathwayOption::TeleExpertise:
        if (try_tele_expertise(id)) return true;
        break;
      case PathwayOption::Hospital:
        if (try_hospital(id)) return true;
        break;
      case PathwayOption::Hotline:
        if (try_hotline(id)) return true;
        break;
      case PathwayOption::Ed:
        if (try_emergency(id)) return true;
        break;
      case PathwayOption::Bus:
        if (try_bus(id)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

Simulation::WalkInPlan Simulation::walk_in_plan(const Episode& ep, const WalkInQueue& q, double seconds) const {
  // A patient looks at the queue before going: if it means being seen after closing, they
  // come at the next opening instead.
  const double now = kernel_.now();
  double opens = q.hours().next_open(now + seconds);
  if (opens == kNever) return {kNever, kNever};
  double wait = opens == now + seconds ? q.expected_wait(sc_.care_types[ep.care_type].duration.mean) : 0.0;
  if (wait > 0 && opens + wait >= q.hours().open_until(opens)) {
    opens = q.hours().next_open(q.hours().open_until(opens));
    wait = 0.0;
  }
  return {opens, opens + wait};
}

double Simulation::walk_in_time(std::uint32_t id, const WalkInQueue& q, double seconds) {
  // Not worth going if they would be seen after max_wait.
  Episode& ep = episodes_[id];
  const WalkInPlan plan = walk_in_plan(ep, q, seconds);
  if (plan.arrive == kNever) {
    note(ep, UnservedReason::Capacity);
    return kNever;
  }
  if (plan.start > ep.arose + sc_.care_types[ep.care_type].max_wait) {
    note(ep, UnservedReason::TooLong);
    return kNever;
  }
  return plan.arrive;
}

bool Simulation::try_practice(std::uint32_t id, std::uint32_t p, double seconds) {
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  if (seconds > ct.max_travel) {
    note(ep, UnservedReason::TooFar);
    return false;
  }
  const double now = kernel_.now();
  if (sc_.practices[p].access == Access::Appointment) {
    AppointmentBook& book = books_[p];
    const auto slot = book.earliest(now + seconds, ep.duration, ep.arose + ct.max_wait);
    if (slot.start > ep.arose + ct.max_wait) {
      note(ep, slot.start == kNever ? UnservedReason::Capacity : UnservedReason::TooLong);
      return false;
    }
    book.book(slot, ep.duration);
    end_served(id, static_cast<long>(sc_.practices[p].commune), slot.start);
    return true;
  }
  if (ep.turned_away) return false;
  const double opens = walk_in_time(id, queues_[p], seconds);
  if (opens == kNever) return false;
  ep.site = p;
  ep.mode = Mode::InPerson;
  if (opens == now)
    walk_in_arrive(p, id);  // no travel and open: spare the agenda an event
  else
    kernel_.schedule(opens, kWalkInArrive, p, id);
  return true;
}

void Simulation::turn_away(const WeeklyCalendar& h, std::uint32_t arrive_kind, std::uint32_t site, std::uint32_t id) {
  Episode& ep = episodes_[id];
  // First the same option again without walk-in sites (book elsewhere), then the options
  // after it; with nothing there, back to this site at its next opening within max_wait.
  ep.turned_away = true;
  ep.next_option = ep.taken_option;
  if (try_options(id)) return;
  const double now = kernel_.now();
  const double back = h.is_open(now) ? h.next_open(h.open_until(now)) : h.next_open(now);
  if (back <= ep.arose + sc_.care_types[ep.care_type].max_wait) {
    ep.site = site;
    kernel_.schedule(back, arrive_kind, site, id);
    return;
  }
  note(ep, UnservedReason::TooLong);
  end_unserved(id);
}

void Simulation::walk_in_arrive(std::uint32_t p, std::uint32_t id) {
  WalkInQueue& q = queues_[p];
  const double now = kernel_.now();
  const double mean = sc_.care_types[episodes_[id].care_type].duration.mean;
  // Arrived as it closed, or the queue at the door will not be seen before closing.
  if (!q.hours().is_open(now) || now + q.expected_wait(mean) >= q.hours().open_until(now)) {
    turn_away(q.hours(), kWalkInArrive, p, id);
  } else if (q.empty() && q.has_free_server()) {
    start_consultation(p, id);
  } else {
    join_queue(q, id);
  }
}

void Simulation::start_consultation(std::uint32_t p, std::uint32_t id) {
  episodes_[id].queued = false;
  const double now = kernel_.now();
  const double d = episodes_[id].duration;
  queues_[p].start(now, d);
  kernel_.schedule(now + d, kWalkInEnd, p);
  end_served(id, static_cast<long>(sc_.practices[p].commune), now);
}

void Simulation::schedule_change(const WeeklyCalendar& h, std::uint32_t kind, std::uint32_t target) {
  const double now = kernel_.now();
  const double next = h.is_open(now) ? h.open_until(now) : h.next_open(now);
  if (next < kNever && next <= sc_.horizon) kernel_.schedule(next, kind, target);
}

void Simulation::hours_change(WalkInQueue& q, std::uint32_t kind, std::uint32_t target,
                              const std::function<void(std::uint32_t)>& start,
                              const std::function<void(std::uint32_t)>& leave) {
  if (q.hours().is_open(kernel_.now())) {
    while (!q.empty() && q.has_free_server()) start(q.next());
  } else {
    // Closing: who is still waiting leaves.
    const std::deque<std::uint32_t> waiting = q.waiting();
    q.clear();
    for (auto id : waiting) {
      episodes_[id].queued = false;
      leave(id);
    }
  }
  schedule_change(q.hours(), kind, target);
}

void Simulation::site_change(std::uint32_t p) {
  hours_change(queues_[p], kSiteChange, p, [&](std::uint32_t id) { start_consultation(p, id); },
               [&](std::uint32_t id) { turn_away(queues_[p].hours(), kWalkInArrive, p, id); });
}

// ---- teleconsultation: cabins, homes, remote pools, video sessions over the network ----

bool Simulation::technology_carries(std::size_t commune, const CareType& ct) const {
  const Technology& t = sc_.network.technologies[technology_[commune]];
  return t.up_bps >= ct.video_min_bps && t.down_bps >= ct.video_min_bps;
}

bool Simulation::try_cabin(std::uint32_t id, std::uint32_t c, double seconds) {
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  if (ep.turned_away) return false;
  if (!technology_carries(sc_.cabins[c].commune, ct)) {  // the site's line cannot carry the video
    note(ep, UnservedReason::Network);
    return false;
  }
  const double opens = walk_in_time(id, cabin_queues_[c], seconds);
  if (opens == kNever) return false;
  ep.site = c;
  ep.mode = Mode::Cabin;
  if (opens == kernel_.now())
    cabin_arrive(c, id);
  else
    kernel_.schedule(opens, kCabinArrive, c, id);
  return true;
}

bool Simulation::try_home(std::uint32_t id) {
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  if (!technology_carries(ep.commune, ct)) {  // the patients' own lines are too slow
    note(ep, UnservedReason::Network);
    return false;
  }
  const auto pool = static_cast<std::uint32_t>(ct.home_pool);
  if (pool_queues_[pool].hours().next_open(kernel_.now()) > ep.arose + ct.max_wait) {
    note(ep, UnservedReason::TooLong);
    return false;
  }
  ep.mode = Mode::Home;
  ep.since = kernel_.now();
  request_pool(pool, id);
  return true;
}

bool Simulation::try_tele_expertise(std::uint32_t id) {
  // The nearest practice that books appointments sees the patient and sends the case.
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  for (auto k = practice_reach_.begin[ep.commune]; k < practice_reach_.begin[ep.commune + 1]; ++k) {
    const Reach& r = practice_reach_.items[k];
    if (r.seconds > ct.max_travel) break;
    if (sc_.practices[r.provider].access != Access::Appointment) continue;
    AppointmentBook& book = books_[r.provider];
    const auto slot = book.earliest(kernel_.now() + r.seconds, ep.duration, ep.arose + ct.max_wait);
    if (slot.start > ep.arose + ct.max_wait) {
      note(ep, slot.start == kNever ? UnservedReason::Capacity : UnservedReason::TooLong);
      return false;
    }
    book.book(slot, ep.duration);
    ep.mode = Mode::TeleExpertise;
    ep.site = r.provider;
    kernel_.schedule(slot.start + ep.duration, kTeleUpload, r.provider, id);
    return true;
  }
  note(ep, UnservedReason::TooFar);
  return false;
}

bool Simulation::try_hospital(std::uint32_t id) {
  // The hospitals within reach that have the specialty, nearest first: the first with a
  // slot within max_wait (specialists book far ahead).
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  bool any = false;
  for (auto k = hospital_reach_.begin[ep.commune]; k < hospital_reach_.begin[ep.commune + 1]; ++k) {
    const Reach& r = hospital_reach_.items[k];
    if (r.seconds > ct.max_travel) break;
    const auto& specs = sc_.hospitals[r.provider].specialties;
    for (std::size_t s = 0; s < specs.size(); ++s) {
      if (specs[s].name != ct.specialty) continue;
      any = true;
      if (try_hospital_at(id, r.provider, s, r.seconds)) return true;
    }
  }
  if (!any) note(ep, UnservedReason::TooFar);
  return false;
}

bool Simulation::try_hospital_at(std::uint32_t id, std::uint32_t h, std::size_t s, double seconds) {
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  AppointmentBook& book = specialty_books_[h][s];
  const auto slot = book.earliest(kernel_.now() + seconds, ep.duration, ep.arose + ct.max_wait);
  if (slot.start > ep.arose + ct.max_wait) {
    note(ep, slot.start == kNever ? UnservedReason::Capacity : UnservedReason::TooLong);
    return false;
  }
  book.book(slot, ep.duration);
  end_served(id, static_cast<long>(sc_.hospitals[h].commune), slot.start);
  return true;
}

bool Simulation::try_cheapest(std::uint32_t id) {
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  const double now = kernel_.now(), deadline = ep.arose + ct.max_wait;
  struct Quote {
    double cost;
    std::uint8_t option;
    PathwayOption kind;
    std::uint32_t provider;
    std::uint32_t specialty;
    double seconds;
  };
  std::vector<Quote> quotes;
  auto offer = [&](std::uint8_t option, PathwayOption kind, std::uint32_t provider, std::uint32_t spec, double seconds,
                   double start) {
    if (start > deadline || seconds > ct.max_travel) return;
    const double cost = ct.cost_travel_min * 2 * seconds / 60.0 + ct.cost_wait_day * (start - ep.arose) / kDay;
    quotes.push_back(Quote{cost, option, kind, provider, spec, seconds});
  };
  auto practice_start = [&](std::uint32_t p, double seconds) {
    if (sc_.practices[p].access == Access::Appointment)
      return books_[p].earliest(now + seconds, ep.duration, deadline).start;
    return ep.turned_away ? kNever : walk_in_plan(ep, queues_[p], seconds).start;
  };
  for (std::uint8_t i = 0; i < ct.pathway.size(); ++i) {
    switch (ct.pathway[i]) {
      case PathwayOption::OwnGp:
        if (ep.has_own_gp && practice_reach_.nearest[ep.commune].provider != kNone) {
          const Reach& r = practice_reach_.nearest[ep.commune];
          offer(i, PathwayOption::AnyGp, r.provider, 0, r.seconds, practice_start(r.provider, r.seconds));
        }
        break;
      case PathwayOption::AnyGp:
        for (auto k = practice_reach_.begin[ep.commune]; k < practice_reach_.begin[ep.commune + 1]; ++k) {
          const Reach& r = practice_reach_.items[k];
          if (!sc_.practices[r.provider].new_patients &&
              !(ep.has_own_gp && practice_reach_.nearest[ep.commune].provider == r.provider))
            continue;
          offer(i, PathwayOption::AnyGp, r.provider, 0, r.seconds, practice_start(r.provider, r.seconds));
        }
        break;
      case PathwayOption::Cabin:
        if (!ep.remote_ok || ep.ehpad >= 0 || ep.turned_away) break;
        for (auto k = cabin_reach_.begin[ep.commune]; k < cabin_reach_.begin[ep.commune + 1]; ++k) {
          const Reach& r = cabin_reach_.items[k];
          if (sc_.cabins[r.provider].ehpad >= 0 || !technology_carries(sc_.cabins[r.provider].commune, ct)) continue;
          offer(i, PathwayOption::Cabin, r.provider, 0, r.seconds, walk_in_plan(ep, cabin_queues_[r.provider], r.seconds).start);
        }
        break;
      case PathwayOption::Hospital:
        for (auto k = hospital_reach_.begin[ep.commune]; k < hospital_reach_.begin[ep.commune + 1]; ++k) {
          const Reach& r = hospital_reach_.items[k];
          const auto& specs = sc_.hospitals[r.provider].specialties;
          for (std::uint32_t s = 0; s < specs.size(); ++s)
            if (specs[s].name == ct.specialty)
              offer(i, PathwayOption::Hospital, r.provider, s, r.seconds,
                    specialty_books_[r.provider][s].earliest(now + r.seconds, ep.duration, deadline).start);
        }
        break;
      default:
        break;  // the other options keep their order, after the quoted places
    }
  }
  // Cheapest first; ties keep the pathway's order (stable).
  std::stable_sort(quotes.begin(), quotes.end(), [](const Quote& a, const Quote& b) { return a.cost < b.cost; });
  for (const Quote& q : quotes) {
    episodes_[id].next_option = static_cast<std::uint8_t>(q.option + 1);
    episodes_[id].taken_option = q.option;
    const bool taken = q.kind == PathwayOption::Cabin      ? try_cabin(id, q.provider, q.seconds)
                       : q.kind == PathwayOption::Hospital ? try_hospital_at(id, q.provider, q.specialty, q.seconds)
                                                           : try_practice(id, q.provider, q.seconds);
    if (taken) return true;
  }
  episodes_[id].next_option = 0;  // nothing quoted was feasible: the pathway in order, reasons noted
  return false;
}

bool Simulation::try_hotline(std::uint32_t id) {
  // Unscheduled needs only: a same-day or next-day slot with the on-call doctors, while the
  // day's slots last.
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  const int k = commune_hotline_[ep.commune];
  if (!ct.unscheduled || k < 0) return false;
  const Hotline& h = sc_.hotlines[static_cast<std::size_t>(k)];
  const Trip trip = sc_.roads->trips_from(h.commune)[ep.commune];
  if (trip.seconds > ct.max_travel) {
    note(ep, UnservedReason::TooFar);
    return false;
  }
  const double now = kernel_.now();
  const double limit = std::min(ep.arose + ct.max_wait, (std::floor(now / kDay) + 2) * kDay);
  AppointmentBook& book = hotline_books_[static_cast<std::size_t>(k)];
  auto& used = hotline_slots_used_[static_cast<std::size_t>(k)];
  for (double from = now + trip.seconds; from < limit;) {
    const auto slot = book.earliest(from, ep.duration, limit);
    if (slot.start > limit) break;
    const auto day = static_cast<std::size_t>(slot.start / kDay);
    if (day < used.size() && used[day] < h.slots_per_day) {
      ++used[day];
      book.book(slot, ep.duration);
      end_served(id, static_cast<long>(h.commune), slot.start);
      return true;
    }
    from = (std::floor(slot.start / kDay) + 1) * kDay;  // that day is full: the next one
  }
  note(ep, UnservedReason::Capacity);  // the line is full
  return false;
}

bool Simulation::try_bus(std::uint32_t id) {
  // Among the stops within reach of the buses that serve this care, the visit that can see
  // the patient soonest, within max_wait: its next free slot.
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  const double now = kernel_.now(), deadline = ep.arose + ct.max_wait;
  double best = kNever;
  std::size_t best_bus = 0, best_stop = 0, best_week = 0;
  bool any = false;
  for (std::size_t b = 0; b < sc_.buses.size(); ++b) {
    const Bus& bus = sc_.buses[b];
    const bool serves = (!ct.specialty.empty() && bus.specialty == ct.specialty) ||
                        std::find(bus.care_types.begin(), bus.care_types.end(), ct.name) != bus.care_types.end();
    if (!serves) continue;
    for (std::size_t s = 0; s < bus_stops_[b].size(); ++s) {
      const ScheduledStop& st = bus_stops_[b][s];
      const double travel = sc_.roads->trips_from(st.commune)[ep.commune].seconds;
      if (travel > ct.max_travel || st.capacity == 0) continue;
      any = true;
      const double ready = now + travel;
      for (auto w = static_cast<std::size_t>(std::max(0.0, std::floor((ready - st.close) / kWeek)));
           w < bus_next_slot_[b][s].size(); ++w) {
        const double open = w * kWeek + st.open;
        if (open > std::min(deadline, best)) break;
        // The first free slot that starts once the patient can be there.
        const int after = static_cast<int>(std::ceil(std::max(0.0, ready - open) / st.slot - 1e-9));
        const int slot = std::max(bus_next_slot_[b][s][w], after);
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
    note(ep, any ? UnservedReason::TooLong : UnservedReason::TooFar);
    return false;
  }
  const ScheduledStop& st = bus_stops_[best_bus][best_stop];
  if (sc_.buses[best_bus].walk_in) {
    ep.site = static_cast<std::uint32_t>(best_bus << 16 | best_stop);
    kernel_.schedule(best, kBusArrive, ep.site, id);
    return true;
  }
  const double open = best_week * kWeek + st.open;
  bus_next_slot_[best_bus][best_stop][best_week] = static_cast<int>(std::lround((best - open) / st.slot)) + 1;
  bus_seen(best_bus, best_stop, id, best);
  return true;
}

void Simulation::bus_seen(std::size_t b, std::size_t s, std::uint32_t id, double at) {
  const ScheduledStop& st = bus_stops_[b][s];
  bus_busy_[b] += std::max(0.0, std::min(at + st.slot, sc_.horizon) - std::max(at, sc_.warmup));
  Episode& ep = episodes_[id];
  if (sc_.buses[b].tele_expertise && sc_.care_types[ep.care_type].tele_expertise.pool >= 0) {
    ep.mode = Mode::TeleExpertise;
    ep.from_bus = true;
    ep.site = static_cast<std::uint32_t>(b << 16 | s);
    kernel_.schedule(at + st.slot, kTeleUpload, 0, id);  // sent once the consultation is over
    return;
  }
  end_served(id, static_cast<long>(st.commune), at);
}

const StarPlatform::Site& Simulation::upload_site(const Episode& ep) const {
  return ep.from_bus ? bus_stop_sites_[ep.site >> 16][ep.site & 0xFFFF] : practice_sites_[ep.site];
}

std::size_t Simulation::seen_in(const Episode& ep) const {
  return ep.from_bus ? bus_stops_[ep.site >> 16][ep.site & 0xFFFF].commune : sc_.practices[ep.site].commune;
}

void Simulation::bus_arrive(std::uint32_t bus_stop, std::uint32_t id) {
  const std::size_t b = bus_stop >> 16, s = bus_stop & 0xFFFF;
  const ScheduledStop& st = bus_stops_[b][s];
  const double now = kernel_.now();
  const auto w = static_cast<std::size_t>(std::floor((now - st.open) / kWeek + 1e-9));
  const double open = w * kWeek + st.open;
  int& next = bus_next_slot_[b][s][w];
  const int slot = std::max(next, static_cast<int>(std::ceil((now - open) / st.slot - 1e-9)));
  if (slot >= st.capacity) {  // the visit is full: the patient goes on along the pathway
    note(episodes_[id], UnservedReason::Capacity);
    advance(id);
    return;
  }
  next = slot + 1;
  bus_seen(b, s, id, open + slot * st.slot);
}

bool Simulation::try_emergency(std::uint32_t id) {
  // The nearest emergency department, whatever the distance: the fallback of last resort.
  Episode& ep = episodes_[id];
  const Reach& r = ed_reach_.nearest[ep.commune];
  if (r.provider == kNone) {
    note(ep, UnservedReason::TooFar);
    return false;
  }
  const std::uint32_t h = ed_hospital_[r.provider];
  ep.mode = Mode::Emergency;
  ep.site = h;
  if (r.seconds == 0)
    ed_arrive(h, id);
  else
    kernel_.schedule(kernel_.now() + r.seconds, kEdArrive, h, id);
  return true;
}

void Simulation::ed_arrive(std::uint32_t h, std::uint32_t id) {
  WalkInQueue& q = ed_queues_[h];
  if (q.empty() && q.has_free_server())
    start_emergency(h, id);
  else
    q.join(id);
}

void Simulation::start_emergency(std::uint32_t h, std::uint32_t id) {
  const double now = kernel_.now();
  const double d = episodes_[id].duration;
  ed_queues_[h].start(now, d);
  kernel_.schedule(now + d, kEdEnd, h);
  end_served(id, static_cast<long>(sc_.hospitals[h].commune), now);
}

void Simulation::cabin_arrive(std::uint32_t c, std::uint32_t id) {
  WalkInQueue& q = cabin_queues_[c];
  const double now = kernel_.now();
  const double mean = sc_.care_types[episodes_[id].care_type].duration.mean;
  if (!q.hours().is_open(now) || now + q.expected_wait(mean) >= q.hours().open_until(now))
    turn_away(q.hours(), kCabinArrive, c, id);
  else if (q.empty() && q.has_free_server())
    enter_cabin(c, id);
  else
    join_queue(q, id);
}

void Simulation::enter_cabin(std::uint32_t c, std::uint32_t id) {
  episodes_[id].queued = false;
  cabin_queues_[c].occupy();
  episodes_[id].since = kernel_.now();
  request_pool(static_cast<std::uint32_t>(sc_.cabins[c].pool), id);
}

void Simulation::leave_cabin(std::uint32_t c, double since) {
  WalkInQueue& q = cabin_queues_[c];
  q.release(since, kernel_.now());
  if (!q.empty() && q.hours().is_open(kernel_.now())) enter_cabin(c, q.next());
}

void Simulation::cabin_change(std::uint32_t c) {
  hours_change(cabin_queues_[c], kCabinChange, c, [&](std::uint32_t id) { enter_cabin(c, id); },
               [&](std::uint32_t id) { turn_away(cabin_queues_[c].hours(), kCabinArrive, c, id); });
}

void Simulation::request_pool(std::uint32_t pool, std::uint32_t id) {
  WalkInQueue& q = pool_queues_[pool];
  if (q.hours().is_open(kernel_.now()) && q.empty() && q.has_free_server())
    start_session(pool, id);
  else
    q.join(id);
}

void Simulation::pool_change(std::uint32_t pool) {
  // When the platform closes, whoever waits for a doctor gives up this option.
  hours_change(pool_queues_[pool], kPoolChange, pool, [&](std::uint32_t id) { start_session(pool, id); },
               [&](std::uint32_t id) {
                 Episode& ep = episodes_[id];
                 if (ep.mode == Mode::Cabin) leave_cabin(ep.site, ep.since);
                 note(ep, UnservedReason::Capacity);
                 advance(id);
               });
}

void Simulation::start_session(std::uint32_t pool, std::uint32_t id) {
  const Episode& ep = episodes_[id];
  pool_queues_[pool].occupy();
  std::uint32_t slot;
  if (!free_sessions_.empty()) {
    slot = free_sessions_.back();
    free_sessions_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(sessions_.size());
    sessions_.emplace_back();
  }
  Session& s = sessions_[slot];
  const bool at_cabin = ep.mode == Mode::Cabin;
  const std::size_t commune = at_cabin ? sc_.cabins[ep.site].commune : ep.commune;
  const StarPlatform::Site& site = at_cabin ? cabin_sites_[ep.site] : home_sites_[commune];
  const StarPlatform::Site& platform = pool_sites_[pool];
  kernel_.sync();  // the flows start now, in SimGrid's time too
  s.episode = id, s.pool = pool, s.serial = next_serial_++, s.alive = true;
  s.up = transfer(site.host, platform.host, kEndlessBytes);
  s.down = transfer(platform.host, site.host, kEndlessBytes);
  s.start = kernel_.now();
  s.latency = sc_.network.technologies[technology_[commune]].latency_s + sc_.network.platform.latency_s;
  kernel_.schedule(s.start + std::min(kProbeSeconds, ep.duration), kSessionProbe, slot, s.serial);
  kernel_.schedule(s.start + ep.duration, kSessionEnd, slot, s.serial);
}

double Simulation::session_rate(const Session& s) const {
  // Bits delivered over the time the flow could carry data (after the lines' latency).
  const double elapsed = kernel_.now() - s.start - s.latency;
  if (elapsed <= 0) return 0.0;
  const double up = (kEndlessBytes - s.up->get_remaining()) * 8 / elapsed;
  const double down = (kEndlessBytes - s.down->get_remaining()) * 8 / elapsed;
  return std::min(up, down);
}

void Simulation::probe_session(std::uint32_t slot, std::uint64_t serial) {
  Session& s = sessions_[slot];
  if (!s.alive || s.serial != serial) return;
  kernel_.sync();
  Episode& ep = episodes_[s.episode];
  const CareType& ct = sc_.care_types[ep.care_type];
  if (session_rate(s) >= ct.video_min_bps * (1 - kRateTolerance)) return;
  // Below the minimum: the consultation cannot go on; the patient tries the next option.
  if (ep.counted) measures_.cell(ep.commune, ep.care_type).sessions_failed++;
  const std::uint32_t id = s.episode;
  close_session(slot);
  note(episodes_[id], UnservedReason::Network);
  advance(id);
}

void Simulation::end_session(std::uint32_t slot, std::uint64_t serial) {
  Session& s = sessions_[slot];
  if (!s.alive || s.serial != serial) return;
  kernel_.sync();
  const Episode& ep = episodes_[s.episode];
  const CareType& ct = sc_.care_types[ep.care_type];
  if (ep.counted && session_rate(s) < ct.video_bps * (1 - kRateTolerance))
    measures_.cell(ep.commune, ep.care_type).sessions_degraded++;
  const std::uint32_t id = s.episode;
  const double start = s.start;
  close_session(slot);
  const Episode& done = episodes_[id];
  end_served(id, done.mode == Mode::Cabin ? static_cast<long>(sc_.cabins[done.site].commune) : -1, start);
}

void Simulation::close_session(std::uint32_t slot) {
  // Copy what is needed first: letting the next patients in may start sessions and grow
  // sessions_, which would leave a reference dangling.
  Session& s = sessions_[slot];
  {
    const double share = measured_share(s.start);
    const double up = (kEndlessBytes - s.up->get_remaining()) * 8 * share;
    const double down = (kEndlessBytes - s.down->get_remaining()) * 8 * share;
    pool_bits_[s.pool].down += up, pool_bits_[s.pool].up += down;
    const Episode& e = episodes_[s.episode];
    if (e.mode == Mode::Cabin) {
      const int host = sc_.cabins[e.site].host;  // a cabin in a practice loads the practice's line
      Carried& line = host >= 0 ? practice_bits_[static_cast<std::size_t>(host)] : cabin_bits_[e.site];
      line.up += up, line.down += down;
    }
  }
  s.up->cancel();
  s.down->cancel();
  s.up = nullptr, s.down = nullptr, s.alive = false;
  const std::uint32_t pool = s.pool, id = s.episode;
  const double start = s.start;
  free_sessions_.push_back(slot);
  const Episode& ep = episodes_[id];
  if (ep.mode == Mode::Cabin) leave_cabin(ep.site, ep.since);
  WalkInQueue& q = pool_queues_[pool];
  q.release(start, kernel_.now());
  if (!q.empty() && q.hours().is_open(kernel_.now())) start_session(pool, q.next());
}

void Simulation::rollout(std::uint32_t step) {
  const Rollout& r = sc_.network.rollout[step];
  const Technology& t = sc_.network.technologies[r.technology];
  kernel_.sync();
  for (std::size_t c : r.communes) {
    technology_[c] = r.technology;
    if (!home_sites_.empty()) StarPlatform::set_access(home_sites_[c], t.up_bps, t.down_bps, t.latency_s);
    for (std::size_t p = 0; p < sc_.practices.size(); ++p)
      if (sc_.practices[p].commune == c) StarPlatform::set_access(practice_sites_[p], t.up_bps, t.down_bps, t.latency_s);
    for (std::size_t k = 0; k < sc_.cabins.size(); ++k)
      if (sc_.cabins[k].commune == c && sc_.cabins[k].host < 0)
        StarPlatform::set_access(cabin_sites_[k], t.up_bps, t.down_bps, t.latency_s);
    for (std::size_t b = 0; b < bus_stop_sites_.size(); ++b)
      for (std::size_t k = 0; k < bus_stop_sites_[b].size(); ++k)
        if (bus_stops_[b][k].commune == c) StarPlatform::set_access(bus_stop_sites_[b][k], t.up_bps, t.down_bps, t.latency_s);
  }
}

void Simulation::join_queue(WalkInQueue& q, std::uint32_t id) {
  Episode& ep = episodes_[id];
  q.join(id);
  ep.queued = true;
  ep.ticket = next_ticket_++;
  if (sc_.care_types[ep.care_type].has_patience) kernel_.schedule(kernel_.now() + ep.patience, kRenege, ep.ticket, id);
}

void Simulation::renege(std::uint32_t ticket, std::uint32_t id) {
  if (!alive_[id]) return;
  Episode& ep = episodes_[id];
  if (ep.ticket != ticket || !ep.queued) return;  // seen, turned away, or another episode now
  WalkInQueue& q = ep.mode == Mode::Cabin ? cabin_queues_[ep.site] : queues_[ep.site];
  q.remove(id);
  ep.queued = false;
  if (ep.counted) measures_.cell(ep.commune, ep.care_type).abandoned++;
  note(ep, UnservedReason::TooLong);  // it would have been seen, later than the patient would wait
  advance(id);
}

double Simulation::measured_share(double t0) const {
  // A flow carried evenly enough over [t0, now] for this purpose.
  const double now = kernel_.now();
  if (now <= t0) return now >= sc_.warmup ? 1.0 : 0.0;
  return std::max(0.0, now - std::max(t0, sc_.warmup)) / (now - t0);
}

// ---- ends, and the run ----

void Simulation::end_served(std::uint32_t id, long commune, double start) {
  const Episode& ep = episodes_[id];
  if (start <= sc_.horizon) series_.served(ep.arose, start - ep.arose);
  if (ep.counted) {
    if (start > sc_.horizon) {
      measures_.in_progress(ep.commune, ep.care_type);  // booked after the horizon
    } else {
      Trip trip;
      if (commune >= 0) trip = sc_.roads->trip_within(static_cast<std::size_t>(commune), ep.commune, reach_limit_);
      // Travel avoided: against the round trip to the nearest in-person provider.
      const Reach& nearest = practice_reach_.nearest[ep.commune];
      const double avoided_m = nearest.provider == kNone ? 0.0 : 2 * (nearest.metres - trip.metres);
      const double avoided_s = nearest.provider == kNone ? 0.0 : 2 * (nearest.seconds - trip.seconds);
      measures_.served(ep.commune, ep.care_type, start - ep.arose, 2 * trip.metres, 2 * trip.seconds, avoided_m,
                       avoided_s);
      if (ep.mode == Mode::Emergency) measures_.cell(ep.commune, ep.care_type).ed_visits++;
    }
  }
  free_episode(id);
}

void Simulation::end_unserved(std::uint32_t id) {
  const Episode& ep = episodes_[id];
  series_.unserved(ep.arose);
  // No option even applied (e.g. a pathway of options this scenario has no provider for):
  // nothing was left to serve it.
  if (ep.counted)
    measures_.unserved(ep.commune, ep.care_type,
                       ep.closest == UnservedReason::None ? UnservedReason::Capacity : ep.closest);
  free_episode(id);
}

simgrid::s4u::Host* Simulation::build_platform() {
  if (!sc_.network.enabled()) return nullptr;
  use_exact_flow_model();
  StarPlatform p("territory");
  auto tech = [&](std::size_t commune) -> const Technology& { return sc_.network.technologies[sc_.network.coverage[commune]]; };
  for (const auto& pr : sc_.practices) {
    const Technology& t = tech(pr.commune);
    practice_sites_.push_back(p.add_site("practice/" + pr.id, t.up_bps, t.down_bps, t.latency_s));
  }
  for (const auto& c : sc_.cabins) {
    const Technology& t = tech(c.commune);
    // A cabin in a practice shares the practice's line.
    cabin_sites_.push_back(c.host >= 0 ? practice_sites_[static_cast<std::size_t>(c.host)]
                                       : p.add_site("cabin/" + c.id, t.up_bps, t.down_bps, t.latency_s));
  }
  bool homes = false;
  for (const auto& ct : sc_.care_types)
    homes |= std::find(ct.pathway.begin(), ct.pathway.end(), PathwayOption::HomeRemote) != ct.pathway.end();
  // The homes of a commune: one line each, so their flows do not share (FATPIPE).
  if (homes)
    for (std::size_t c = 0; c < sc_.communes.size(); ++c) {
      const Technology& t = tech(c);
      home_sites_.push_back(p.add_site("homes/" + sc_.communes[c].insee, t.up_bps, t.down_bps, t.latency_s, false));
    }
  for (std::size_t b = 0; b < sc_.buses.size(); ++b) {
    bus_stop_sites_.emplace_back();
    if (!sc_.buses[b].tele_expertise) continue;
    for (std::size_t s = 0; s < bus_stops_[b].size(); ++s) {
      const Technology& t = tech(bus_stops_[b][s].commune);
      bus_stop_sites_[b].push_back(
          p.add_site("bus/" + sc_.buses[b].id + "/" + std::to_string(s), t.up_bps, t.down_bps, t.latency_s));
    }
  }
  const Technology& plat = sc_.network.platform;
  for (const auto& pool : sc_.remote_pools)
    pool_sites_.push_back(p.add_site("pool/" + pool.id, plat.up_bps, plat.down_bps, plat.latency_s));
  const auto agenda = p.add_site("agenda", 1e9, 1e9, 0.0);
  p.seal();
  return agenda.host;
}

ResultSet Simulation::run(const std::string& plan, bool verbose) {
  for (std::uint32_t s = 0; s < demand_mean_gap_.size(); ++s)
    if (demand_mean_gap_[s] > 0) kernel_.schedule(demand_rng_[s].exponential(demand_mean_gap_[s]), kArrival, s);
  for (std::uint32_t p = 0; p < sc_.practices.size(); ++p)
    if (sc_.practices[p].access == Access::WalkIn && !sc_.practices[p].hours.is_always())
      schedule_change(sc_.practices[p].hours, kSiteChange, p);
  for (std::uint32_t c = 0; c < sc_.cabins.size(); ++c)
    if (!sc_.cabins[c].hours.is_always()) schedule_change(sc_.cabins[c].hours, kCabinChange, c);
  for (std::uint32_t p = 0; p < sc_.remote_pools.size(); ++p)
    if (!sc_.remote_pools[p].hours.is_always()) schedule_change(sc_.remote_pools[p].hours, kPoolChange, p);
  for (std::uint32_t r = 0; r < sc_.network.rollout.size(); ++r)
    if (sc_.network.rollout[r].at <= sc_.horizon) kernel_.schedule(sc_.network.rollout[r].at, kRollout, r);

  kernel_.run_simulation(sc_.horizon, [this] { return build_platform(); }, verbose);

  for (std::uint32_t id = 0; id < episodes_.size(); ++id)
    if (alive_[id] && episodes_[id].counted) measures_.in_progress(episodes_[id].commune, episodes_[id].care_type);
  std::vector<std::string> codes;
  for (const auto& c : sc_.communes) codes.push_back(c.insee);
  measures_.check_conservation(codes);
  return tables(plan);
}

ResultSet Simulation::tables(const std::string& plan) const {
  ResultSet out;
  const std::string rep = std::to_string(replication_);
  ResultTable& summary = out.table("summary");
  summary.key_columns = {"plan", "replication"};
  summary.value_columns = measures_.columns();
  summary.rows.push_back({{plan, rep}, measures_.territory_row()});

  ResultTable& by_commune = out.table("by_commune");
  by_commune.key_columns = {"plan", "replication", "insee", "name"};
  by_commune.value_columns = measures_.columns();
  by_commune.value_columns.push_back("apl");  // the static E2SFCA index, beside the simulated measures
  const std::vector<double> apl = accessibility_index(sc_);
  for (std::size_t c = 0; c < sc_.communes.size(); ++c) {
    std::vector<double> values = measures_.commune_row(c);
    values.push_back(apl[c]);
    by_commune.rows.push_back({{plan, rep, sc_.communes[c].insee, sc_.communes[c].name}, std::move(values)});
  }

  out.table("timeseries") = series_.table(plan, rep);

  ResultTable& util = out.table("utilisation");
  util.key_columns = {"plan", "replication", "resource", "kind", "insee"};
  util.value_columns = {"utilisation", "busy_hours", "open_hours", "queue_at_end"};
  auto row = [&](const std::string& id, const std::string& kind, const std::string& insee, double busy, double cap,
                 double queue) {
    util.rows.push_back({{plan, rep, id, kind, insee},
                         {cap > 0 ? busy / cap : std::numeric_limits<double>::quiet_NaN(), busy / 3600.0, cap / 3600.0,
                          queue}});
  };
  for (std::size_t p = 0; p < sc_.practices.size(); ++p) {
    const auto& pr = sc_.practices[p];
    const std::string& insee = sc_.communes[pr.commune].insee;
    if (pr.access == Access::WalkIn)
      row(pr.id, to_string(pr.kind), insee, queues_[p].busy_seconds(), queues_[p].capacity_seconds(),
          static_cast<double>(queues_[p].length()));
    else
      row(pr.id, to_string(pr.kind), insee, books_[p].busy_seconds(), books_[p].capacity_seconds(), 0.0);
  }
  for (std::size_t c = 0; c < sc_.cabins.size(); ++c)
    row(sc_.cabins[c].id, to_string(sc_.cabins[c].kind), sc_.communes[sc_.cabins[c].commune].insee,
        cabin_queues_[c].busy_seconds(), cabin_queues_[c].capacity_seconds(),
        static_cast<double>(cabin_queues_[c].length()));
  for (std::size_t p = 0; p < sc_.remote_pools.size(); ++p)
    row(sc_.remote_pools[p].id, "remote_pool", "", pool_queues_[p].busy_seconds(), pool_queues_[p].capacity_seconds(),
        static_cast<double>(pool_queues_[p].length()));
  for (std::size_t h = 0; h < sc_.hospitals.size(); ++h) {
    const Hospital& hos = sc_.hospitals[h];
    const std::string& insee = sc_.communes[hos.commune].insee;
    for (std::size_t s = 0; s < hos.specialties.size(); ++s)
      row(hos.id + "/" + hos.specialties[s].name, "specialty", insee, specialty_books_[h][s].busy_seconds(),
          specialty_books_[h][s].capacity_seconds(), 0.0);
    if (hos.ed_doctors > 0)
      row(hos.id + "/ed", "emergency", insee, ed_queues_[h].busy_seconds(), ed_queues_[h].capacity_seconds(),
          static_cast<double>(ed_queues_[h].length()));
  }
  for (std::size_t b = 0; b < sc_.buses.size(); ++b) {
    // Open time: every visit's hours within the measured period.
    double open = 0;
    for (const auto& st : bus_stops_[b])
      for (double w = 0; w * kWeek < sc_.horizon; ++w)
        open += std::max(0.0, std::min(w * kWeek + st.close, sc_.horizon) -
                                  std::max(w * kWeek + st.open, sc_.warmup));
    row(sc_.buses[b].id, "bus", "", bus_busy_[b], open, 0.0);
  }
  for (std::size_t k = 0; k < sc_.hotlines.size(); ++k)
    row(sc_.hotlines[k].id, "hotline", sc_.communes[sc_.hotlines[k].commune].insee, hotline_books_[k].busy_seconds(),
        hotline_books_[k].capacity_seconds(), 0.0);

  if (sc_.network.enabled()) {
    // Access links: bits carried against what the line could carry over the period.
    ResultTable& link_table = out.table("links");
    link_table.key_columns = {"plan", "replication", "link", "insee"};
    link_table.value_columns = {"utilisation", "carried_gb", "capacity_gb"};
    auto links = [&](const std::string& id, std::size_t commune, const Carried& bits, bool platform) {
      for (bool up : {true, false}) {
        const double cap = platform ? (up ? sc_.network.platform.up_bps : sc_.network.platform.down_bps) *
                                          (sc_.horizon - sc_.warmup)
                                    : sc_.network.capacity_bit_seconds(commune, up, sc_.warmup, sc_.horizon);
        const double carried = up ? bits.up : bits.down;
        link_table.rows.push_back({{plan, rep, id + (up ? "/up" : "/down"), platform ? "" : sc_.communes[commune].insee},
                                   {cap > 0 ? carried / cap : std::numeric_limits<double>::quiet_NaN(), carried / 8e9,
                                    cap / 8e9}});
      }
    };
    for (std::size_t p = 0; p < sc_.practices.size(); ++p)
      if (practice_bits_[p].up > 0 || practice_bits_[p].down > 0)
        links(sc_.practices[p].id, sc_.practices[p].commune, practice_bits_[p], false);
    for (std::size_t c = 0; c < sc_.cabins.size(); ++c)
      if (sc_.cabins[c].host < 0) links(sc_.cabins[c].id, sc_.cabins[c].commune, cabin_bits_[c], false);
    for (std::size_t p = 0; p < sc_.remote_pools.size(); ++p) links(sc_.remote_pools[p].id, 0, pool_bits_[p], true);

    // The THD coverage indicator: population share per technology, at each change.
    ResultTable& cov = out.table("coverage");
    cov.key_columns = {"plan", "replication", "technology"};
    cov.value_columns = {"day", "population", "share"};
    double total = 0;
    for (const auto& c : sc_.communes) total += c.population;
    for (double day : sc_.network.coverage_dates()) {
      const auto share = sc_.network.population_share(sc_.communes, day);
      for (std::size_t t = 0; t < share.size(); ++t)
        cov.rows.push_back({{plan, rep, sc_.network.technologies[t].name}, {day / 86400.0, share[t] * total, share[t]}});
    }
  }
  return out;
}

}  // namespace maillage
