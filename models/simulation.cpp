#include "models/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace maillage {
namespace {
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

std::vector<std::string> care_type_names(const Scenario& sc) {
  std::vector<std::string> names;
  for (const auto& ct : sc.care_types) names.push_back(ct.name);
  return names;
}
}  // namespace

Simulation::Simulation(const Scenario& sc, std::uint64_t seed, int replication)
    : sc_(sc), seed_(seed), replication_(replication), kernel_(*this),
      measures_(sc.communes.size(), care_type_names(sc)) {
  const std::size_t n_c = sc.communes.size(), n_ct = sc.care_types.size();
  for (std::size_t c = 0; c < n_c; ++c)
    for (std::size_t k = 0; k < n_ct; ++k) {
      // Streams are named, not numbered: adding a commune or a care type leaves the others'
      // draws unchanged, which keeps plans on common random numbers.
      demand_rng_.emplace_back(seed, static_cast<std::uint64_t>(replication),
                               "demand/" + sc.communes[c].insee + "/" + sc.care_types[k].name);
      const double rate = sc.communes[c].population * sc.care_types[k].rate;
      demand_mean_gap_.push_back(rate > 0 ? 1.0 / rate : 0.0);
    }

  books_.reserve(sc.practices.size());
  queues_.reserve(sc.practices.size());
  for (const auto& p : sc.practices) {
    books_.emplace_back(p.access == Access::Appointment ? p.doctors : 0, p.hours);
    queues_.emplace_back(p.doctors, p.hours);
    books_.back().measure_between(sc.warmup, sc.horizon);
    queues_.back().measure_between(sc.warmup, sc.horizon);
  }

  // Which practices each commune reaches within the longest max_travel of any care type,
  // fastest first; one Dijkstra per practice commune (the road graph caches them).
  double reach_limit = 0;
  for (const auto& ct : sc.care_types) reach_limit = std::max(reach_limit, ct.max_travel);
  std::vector<std::vector<Reach>> lists(n_c);
  nearest_.assign(n_c, Reach{kNone, std::numeric_limits<float>::infinity(), 0.f});
  for (std::uint32_t p = 0; p < sc.practices.size(); ++p) {
    const auto& trips = sc.roads->trips_from(sc.practices[p].commune);
    for (std::size_t c = 0; c < n_c; ++c) {
      const Reach r{p, static_cast<float>(trips[c].seconds), static_cast<float>(trips[c].metres)};
      if (trips[c].seconds <= reach_limit) lists[c].push_back(r);
      if (r.seconds < nearest_[c].seconds) nearest_[c] = r;
    }
  }
  reach_begin_.push_back(0);
  for (auto& l : lists) {
    std::stable_sort(l.begin(), l.end(), [](const Reach& a, const Reach& b) { return a.seconds < b.seconds; });
    reach_.insert(reach_.end(), l.begin(), l.end());
    reach_begin_.push_back(static_cast<std::uint32_t>(reach_.size()));
  }
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
  switch (e.kind) {
    case kArrival: arrival(e.target); break;
    case kWalkInArrive: walk_in_arrive(e.target, static_cast<std::uint32_t>(e.data)); break;
    case kWalkInEnd: {
      WalkInQueue& q = queues_[e.target];
      q.finish();
      if (!q.empty() && q.hours().is_open(kernel_.now())) start_consultation(e.target, q.next());
      break;
    }
    case kSiteChange: site_change(e.target); break;
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
  ep.commune = static_cast<std::uint32_t>(source / n_ct);
  ep.care_type = static_cast<std::uint16_t>(source % n_ct);
  // Everything about the patient is drawn here, from the commune's own stream, so that
  // every plan sees the same patients with the same needs.
  ep.duration = sc_.care_types[ep.care_type].duration.draw(rng);
  ep.has_own_gp = rng.uniform() >= sc_.without_gp_share;
  ep.counted = now >= sc_.warmup;
  if (ep.counted) measures_.arisen(ep.commune, ep.care_type);
  kernel_.schedule(now + rng.exponential(demand_mean_gap_[source]), kArrival, source);
  advance(id);
}

void Simulation::advance(std::uint32_t id) {
  if (!try_options(id)) end_unserved(id);
}

bool Simulation::try_options(std::uint32_t id) {
  const CareType& ct = sc_.care_types[episodes_[id].care_type];
  while (episodes_[id].next_option < ct.pathway.size()) {
    Episode& ep = episodes_[id];
    const PathwayOption option = ct.pathway[ep.next_option++];
    switch (option) {
      case PathwayOption::OwnGp: {
        if (!ep.has_own_gp) break;
        const Reach& r = nearest_[ep.commune];
        if (r.practice != kNone && try_practice(id, r.practice, r.seconds)) return true;
        break;
      }
      case PathwayOption::AnyGp: {
        bool any = false;
        for (auto k = reach_begin_[ep.commune]; k < reach_begin_[ep.commune + 1]; ++k) {
          const Reach& r = reach_[k];
          if (r.seconds > ct.max_travel) break;
          any = true;
          if (try_practice(id, r.practice, r.seconds)) return true;
        }
        if (!any) note(episodes_[id], UnservedReason::TooFar);
        break;
      }
      default:
        break;  // options of later issues (remote care, buses, hotlines, hospitals): none here
    }
  }
  return false;
}

bool Simulation::try_practice(std::uint32_t id, std::uint32_t p, double seconds) {
  Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  if (seconds > ct.max_travel) {
    note(ep, UnservedReason::TooFar);
    return false;
  }
  const double now = kernel_.now();
  const double deadline = ep.arose + ct.max_wait;
  if (sc_.practices[p].access == Access::Appointment) {
    AppointmentBook& book = books_[p];
    const auto slot = book.earliest(now + seconds, ep.duration);
    if (slot.start > deadline) {
      note(ep, slot.start == kNever ? UnservedReason::Capacity : UnservedReason::TooLong);
      return false;
    }
    book.book(slot, ep.duration);
    end_served(id, p, slot.start);
    return true;
  }
  // A patient looks at the queue before going: if it means being seen after closing, they
  // come at the next opening instead; if that is beyond max_wait, the site is too slow.
  const WalkInQueue& q = queues_[p];
  if (ep.turned_away) return false;
  double opens = q.hours().next_open(now + seconds);
  if (opens == kNever) {
    note(ep, UnservedReason::Capacity);
    return false;
  }
  if (opens == now + seconds && opens + q.expected_wait(ct.duration.mean) >= q.hours().open_until(opens))
    opens = q.hours().next_open(q.hours().open_until(opens));
  if (opens > deadline) {
    note(ep, UnservedReason::TooLong);
    return false;
  }
  ep.site = p;
  ep.taken_option = static_cast<std::uint8_t>(ep.next_option - 1);
  if (opens == now)
    walk_in_arrive(p, id);  // no travel and open: spare the agenda an event
  else
    kernel_.schedule(opens, kWalkInArrive, p, id);
  return true;
}

void Simulation::turn_away(std::uint32_t p, std::uint32_t id) {
  Episode& ep = episodes_[id];
  // First the same option again without walk-in sites (book elsewhere), then the options
  // after it; with nothing there, back to this site at its next opening within max_wait.
  ep.turned_away = true;
  ep.next_option = ep.taken_option;
  if (try_options(id)) return;
  const WeeklyCalendar& h = queues_[p].hours();
  const double now = kernel_.now();
  const double back = h.is_open(now) ? h.next_open(h.open_until(now)) : h.next_open(now);
  if (back <= ep.arose + sc_.care_types[ep.care_type].max_wait) {
    ep.site = p;
    kernel_.schedule(back, kWalkInArrive, p, id);
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
    turn_away(p, id);
  } else if (q.empty() && q.has_free_server()) {
    start_consultation(p, id);
  } else {
    q.join(id);
  }
}

void Simulation::start_consultation(std::uint32_t p, std::uint32_t id) {
  const double now = kernel_.now();
  const double d = episodes_[id].duration;
  queues_[p].start(now, d);
  kernel_.schedule(now + d, kWalkInEnd, p);
  end_served(id, p, now);
}

void Simulation::schedule_site_change(std::uint32_t p) {
  const WeeklyCalendar& h = sc_.practices[p].hours;
  const double now = kernel_.now();
  const double next = h.is_open(now) ? h.open_until(now) : h.next_open(now);
  if (next < kNever && next <= sc_.horizon) kernel_.schedule(next, kSiteChange, p);
}

void Simulation::site_change(std::uint32_t p) {
  WalkInQueue& q = queues_[p];
  if (q.hours().is_open(kernel_.now())) {
    while (!q.empty() && q.has_free_server()) start_consultation(p, q.next());
  } else {
    // Closing: who is still waiting is turned away and tries the next option.
    const std::deque<std::uint32_t> turned_away = q.waiting();
    q.clear();
    for (auto id : turned_away) turn_away(p, id);
  }
  schedule_site_change(p);
}

void Simulation::end_served(std::uint32_t id, std::uint32_t p, double start) {
  const Episode& ep = episodes_[id];
  if (ep.counted) {
    if (start > sc_.horizon) {
      measures_.in_progress(ep.commune, ep.care_type);  // booked after the horizon
    } else {
      const auto& trip = sc_.roads->trips_from(sc_.practices[p].commune)[ep.commune];
      const Reach& nearest = nearest_[ep.commune];
      measures_.served(ep.commune, ep.care_type, start - ep.arose, 2 * trip.metres, 2 * trip.seconds,
                       2 * (nearest.metres - trip.metres), 2 * (nearest.seconds - trip.seconds));
    }
  }
  free_episode(id);
}

void Simulation::end_unserved(std::uint32_t id) {
  const Episode& ep = episodes_[id];
  // No option even applied (e.g. a pathway of options this scenario has no provider for):
  // nothing was left to serve it.
  if (ep.counted)
    measures_.unserved(ep.commune, ep.care_type,
                       ep.closest == UnservedReason::None ? UnservedReason::Capacity : ep.closest);
  free_episode(id);
}

ResultSet Simulation::run(const std::string& plan, bool verbose) {
  for (std::uint32_t s = 0; s < demand_mean_gap_.size(); ++s)
    if (demand_mean_gap_[s] > 0) kernel_.schedule(demand_rng_[s].exponential(demand_mean_gap_[s]), kArrival, s);
  for (std::uint32_t p = 0; p < sc_.practices.size(); ++p)
    if (sc_.practices[p].access == Access::WalkIn && !sc_.practices[p].hours.is_always())
      schedule_site_change(p);

  kernel_.run_simulation(sc_.horizon, {}, verbose);

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
  for (std::size_t c = 0; c < sc_.communes.size(); ++c)
    by_commune.rows.push_back({{plan, rep, sc_.communes[c].insee, sc_.communes[c].name}, measures_.commune_row(c)});

  ResultTable& util = out.table("utilisation");
  util.key_columns = {"plan", "replication", "resource", "kind", "insee"};
  util.value_columns = {"utilisation", "busy_hours", "open_hours", "queue_at_end"};
  for (std::size_t p = 0; p < sc_.practices.size(); ++p) {
    const auto& pr = sc_.practices[p];
    const bool walk_in = pr.access == Access::WalkIn;
    const double busy = walk_in ? queues_[p].busy_seconds() : books_[p].busy_seconds();
    const double cap = walk_in ? queues_[p].capacity_seconds() : books_[p].capacity_seconds();
    util.rows.push_back({{plan, rep, pr.id, to_string(pr.kind), sc_.communes[pr.commune].insee},
                         {cap > 0 ? busy / cap : std::numeric_limits<double>::quiet_NaN(), busy / 3600.0,
                          cap / 3600.0, walk_in ? static_cast<double>(queues_[p].length()) : 0.0}});
  }
  return out;
}

}  // namespace maillage
