#include "models/remote_care.hpp"

#include <algorithm>
#include <tuple>

#include "models/simulation.hpp"

namespace maillage {
namespace {
constexpr double kProbeSeconds = 60.0;   // a session below the minimum rate fails after this
constexpr double kRateTolerance = 1e-6;  // relative: "at the target" despite rounding
}  // namespace

RemoteCare::RemoteCare(Simulation& sim) : Service(sim, "remote_care") {
  const Scenario& sc = sim.scenario();
  std::vector<std::size_t> at;
  for (const auto& c : sc.cabins) {
    cabin_queues_.emplace_back(1, c.hours);
    cabin_queues_.back().measure_between(sc.warmup, sc.horizon);
    at.push_back(c.commune);
  }
  for (const auto& p : sc.remote_pools) {
    pool_queues_.emplace_back(p.doctors, p.hours);
    pool_queues_.back().measure_between(sc.warmup, sc.horizon);
  }
  reach_ = ReachTable::build(sc, at, sim.reach_limit());
  const SessionCount none{0, 0, 0, 0.0, std::vector<std::uint64_t>(2 * sc.network.technologies.size(), 0)};
  cabin_sessions_.assign(sc.cabins.size(), none);
  pool_sessions_.assign(sc.remote_pools.size(), none);
  pool_reads_.assign(sc.remote_pools.size(), false);
  for (const auto& ct : sc.care_types)
    if (ct.tele_expertise.pool >= 0 && ct.tele_expertise.has_reading) pool_reads_[static_cast<std::size_t>(ct.tele_expertise.pool)] = true;
}

bool RemoteCare::offer(PathwayOption option, std::uint32_t id) {
  const Episode& ep = sim_.episode(id);
  if (!ep.remote_ok) return false;
  if (option == PathwayOption::HomeRemote) return try_home(id);
  if (ep.ehpad >= 0)  // a resident: the EHPAD's own cart, at the bedside
    return try_cabin(id, static_cast<std::uint32_t>(sim_.scenario().ehpads[static_cast<std::size_t>(ep.ehpad)].cart), 0.0);
  return try_cabins(id);
}

bool RemoteCare::try_cabins(std::uint32_t id) {
  const Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const double max_travel = sc.care_types[ep.care_type].max_travel;
  bool any = false;
  for (const Reach* r = reach_.row_begin(ep.commune); r != reach_.row_end(ep.commune); ++r) {
    if (r->seconds > max_travel) break;
    if (sc.cabins[r->provider].ehpad >= 0) continue;  // an EHPAD's cart: not for the public
    any = true;
    if (try_cabin(id, r->provider, r->seconds)) return true;
  }
  if (!any) Simulation::note(sim_.episode(id), UnservedReason::TooFar);
  return false;
}

bool RemoteCare::try_cabin(std::uint32_t id, std::uint32_t c, double seconds) {
  Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  if (ep.turned_away) return false;
  if (!sim_.links().carries(sc.cabins[c].commune, ct.video_min_bps)) {  // the site's line cannot carry the video
    Simulation::note(ep, UnservedReason::Network);
    return false;
  }
  const double opens = sim_.walk_in_time(id, cabin_queues_[c], seconds);
  if (opens == kNever) return false;
  ep.site = c;
  ep.mode = Mode::Cabin;
  if (opens == sim_.now())
    cabin_arrive(c, id);
  else
    schedule(opens, kCabinArrive, c, id);
  return true;
}

bool RemoteCare::try_home(std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  const CareType& ct = sim_.scenario().care_types[ep.care_type];
  if (!sim_.links().carries(ep.commune, ct.video_min_bps)) {  // the patients' own lines are too slow
    Simulation::note(ep, UnservedReason::Network);
    return false;
  }
  const auto pool = static_cast<std::uint32_t>(ct.home_pool);
  if (pool_queues_[pool].hours().next_open(sim_.now()) > ep.arose + ct.max_wait) {
    Simulation::note(ep, UnservedReason::TooLong);
    return false;
  }
  ep.mode = Mode::Home;
  ep.since = sim_.now();
  request_pool(pool, id);
  return true;
}

void RemoteCare::quote(PathwayOption option, std::uint8_t index, std::uint32_t id, std::vector<Quote>& out) {
  const Episode& ep = sim_.episode(id);
  if (option != PathwayOption::Cabin || !ep.remote_ok || ep.ehpad >= 0 || ep.turned_away) return;
  const Scenario& sc = sim_.scenario();
  const CareType& ct = sc.care_types[ep.care_type];
  for (const Reach* r = reach_.row_begin(ep.commune); r != reach_.row_end(ep.commune); ++r) {
    const Cabin& c = sc.cabins[r->provider];
    if (c.ehpad >= 0 || !sim_.links().carries(c.commune, ct.video_min_bps)) continue;
    out.push_back(Quote{index, r->provider, 0, r->seconds,
                        sim_.walk_in_plan(ep, cabin_queues_[r->provider], r->seconds).start, nullptr});
  }
}

void RemoteCare::cabin_arrive(std::uint32_t c, std::uint32_t id) {
  WalkInQueue& q = cabin_queues_[c];
  if (sim_.full_or_closed(q, sim_.episode(id)))
    sim_.turn_away(*this, q, kCabinArrive, c, id);
  else if (q.empty() && q.has_free_server())
    enter_cabin(c, id);
  else
    sim_.join_queue(*this, q, id, kRenege);
}

void RemoteCare::enter_cabin(std::uint32_t c, std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  ep.queued = false;
  cabin_queues_[c].occupy();
  ep.since = sim_.now();
  request_pool(static_cast<std::uint32_t>(sim_.scenario().cabins[c].pool), id);
}

void RemoteCare::leave_cabin(std::uint32_t c, double since) {
  WalkInQueue& q = cabin_queues_[c];
  q.release(since, sim_.now());
  if (!q.empty() && q.hours().is_open(sim_.now())) enter_cabin(c, q.next());
}

void RemoteCare::request_pool(std::uint32_t pool, std::uint32_t id) {
  WalkInQueue& q = pool_queues_[pool];
  if (q.hours().is_open(sim_.now()) && q.empty() && q.has_free_server())
    start_session(pool, id);
  else
    q.join(id);
}

void RemoteCare::start_session(std::uint32_t pool, std::uint32_t id) {
  const Episode& ep = sim_.episode(id);
  const Scenario& sc = sim_.scenario();
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
  const std::size_t commune = at_cabin ? sc.cabins[ep.site].commune : ep.commune;
  AccessLinks& links = sim_.links();
  FlowModel& flows = links.flows();
  flows.sync();  // the flows start now, in SimGrid's time too
  s.episode = id, s.pool = pool, s.serial = next_serial_++, s.alive = true;
  // Endless video flows, up first; cancelled when the consultation ends.
  std::tie(s.up, s.down) = flows.start_both_ways(at_cabin ? links.cabin(ep.site) : links.home(commune), links.pool(pool));
  s.start = sim_.now();
  s.latency = links.technology(commune).latency_s + sc.network.platform.latency_s;
  s.technology = static_cast<std::uint16_t>(&links.technology(commune) - sc.network.technologies.data());
  schedule(s.start + std::min(kProbeSeconds, ep.duration), kSessionProbe, slot, s.serial);
  schedule(s.start + ep.duration, kSessionEnd, slot, s.serial);
}

RemoteCare::Rates RemoteCare::session_rates(const Session& s) {
  // Bits delivered over the time the flow could carry data (after the lines' latency).
  const double elapsed = sim_.now() - s.start - s.latency;
  if (elapsed <= 0) return {0.0, 0.0};
  FlowModel& flows = sim_.links().flows();
  return {flows.carried(s.up) * 8 / elapsed, flows.carried(s.down) * 8 / elapsed};
}

void RemoteCare::count_session(const Session& s, const Rates& r, bool degraded, bool failed) {
  const Episode& ep = sim_.episode(s.episode);
  auto count = [&](SessionCount& c) {
    ++c.sessions;
    c.video_bps = std::max(c.video_bps, sim_.scenario().care_types[ep.care_type].video_bps);
    c.degraded += degraded, c.failed += failed;
    if (degraded || failed) ++c.limited[(r.up <= r.down ? 0 : 1) * sim_.scenario().network.technologies.size() + s.technology];
  };
  count(pool_sessions_[s.pool]);
  if (ep.mode == Mode::Cabin) count(cabin_sessions_[ep.site]);
}

UtilisationDetail RemoteCare::detail(const SessionCount& c) const {
  UtilisationDetail d;
  d.sessions = static_cast<double>(c.sessions);
  if (c.sessions == 0) return d;
  d.sessions_degraded_share = static_cast<double>(c.degraded) / static_cast<double>(c.sessions);
  d.sessions_failed_share = static_cast<double>(c.failed) / static_cast<double>(c.sessions);
  d.video_mbps = c.video_bps / 1e6;
  // The cause most often behind them (the first in order on a tie).
  std::size_t most = 0;
  for (std::size_t i = 1; i < c.limited.size(); ++i)
    if (c.limited[i] > c.limited[most]) most = i;
  if (c.limited.empty() || c.limited[most] == 0) return d;
  const auto& techs = sim_.scenario().network.technologies;
  const Technology& t = techs[most % techs.size()];
  const bool up = most < techs.size();
  d.limited_by = up ? "upload" : "download";
  d.technology = t.name;
  d.limiting_line_mbps = (up ? t.up_bps : t.down_bps) / 1e6;
  return d;
}

void RemoteCare::probe_session(std::uint32_t slot, std::uint64_t serial) {
  Session& s = sessions_[slot];
  if (!s.alive || s.serial != serial) return;
  sim_.links().flows().sync();
  Episode& ep = sim_.episode(s.episode);
  const CareType& ct = sim_.scenario().care_types[ep.care_type];
  const Rates rates = session_rates(s);
  if (rates.worse() >= ct.video_min_bps * (1 - kRateTolerance)) return;
  // Below the minimum: the consultation cannot go on; the patient tries the next option.
  if (ep.counted) {
    sim_.measures().cell(ep.commune, ep.care_type).sessions_failed++;
    count_session(s, rates, false, true);
  }
  const std::uint32_t id = s.episode;
  close_session(slot);
  Simulation::note(sim_.episode(id), UnservedReason::Network);
  sim_.advance(id);
}

void RemoteCare::end_session(std::uint32_t slot, std::uint64_t serial) {
  Session& s = sessions_[slot];
  if (!s.alive || s.serial != serial) return;
  sim_.links().flows().sync();
  const Episode& ep = sim_.episode(s.episode);
  const CareType& ct = sim_.scenario().care_types[ep.care_type];
  if (ep.counted) {
    const Rates rates = session_rates(s);
    const bool degraded = rates.worse() < ct.video_bps * (1 - kRateTolerance);
    if (degraded) sim_.measures().cell(ep.commune, ep.care_type).sessions_degraded++;
    count_session(s, rates, degraded, false);
  }
  const std::uint32_t id = s.episode;
  const double start = s.start;
  close_session(slot);
  const Episode& done = sim_.episode(id);
  sim_.end_served(id, done.mode == Mode::Cabin ? static_cast<long>(sim_.scenario().cabins[done.site].commune) : -1,
                  start, Simulation::Visit::Remote);
}

void RemoteCare::close_session(std::uint32_t slot) {
  // Copy what is needed first: letting the next patients in may start sessions and grow
  // sessions_, which would leave a reference dangling.
  Session& s = sessions_[slot];
  AccessLinks& links = sim_.links();
  {
    const double share = links.measured_share(s.start, sim_.now());
    const double up = links.flows().carried(s.up) * 8 * share;
    const double down = links.flows().carried(s.down) * 8 * share;
    AccessLinks::Carried& pool = links.carried(links.pool(s.pool));
    pool.down += up, pool.up += down;
    const Episode& e = sim_.episode(s.episode);
    if (e.mode == Mode::Cabin) {  // a cabin in a practice loads the practice's line
      AccessLinks::Carried& line = links.carried(links.cabin(e.site));
      line.up += up, line.down += down;
    }
  }
  links.flows().cancel_both(s.up, s.down);
  s.alive = false;
  const std::uint32_t pool = s.pool, id = s.episode;
  const double start = s.start;
  free_sessions_.push_back(slot);
  const Episode& ep = sim_.episode(id);
  if (ep.mode == Mode::Cabin) leave_cabin(ep.site, ep.since);
  WalkInQueue& q = pool_queues_[pool];
  q.release(start, sim_.now());
  if (!q.empty() && q.hours().is_open(sim_.now())) start_session(pool, q.next());
}

void RemoteCare::handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  const auto id = static_cast<std::uint32_t>(data);
  switch (kind) {
    case kCabinArrive: cabin_arrive(target, id); break;
    case kCabinChange:
      sim_.hours_change(*this, cabin_queues_[target], kCabinChange, target,
                        [&](std::uint32_t e) { enter_cabin(target, e); },
                        [&](std::uint32_t e) { sim_.turn_away(*this, cabin_queues_[target], kCabinArrive, target, e); });
      break;
    case kPoolChange:
      // When the platform closes, whoever waits for a doctor gives up this option.
      sim_.hours_change(*this, pool_queues_[target], kPoolChange, target,
                        [&](std::uint32_t e) { start_session(target, e); },
                        [&](std::uint32_t e) {
                          Episode& ep = sim_.episode(e);
                          if (ep.mode == Mode::Cabin) leave_cabin(ep.site, ep.since);
                          Simulation::note(ep, UnservedReason::Capacity);
                          sim_.advance(e);
                        });
      break;
    case kSessionProbe: probe_session(target, data); break;
    case kSessionEnd: end_session(target, data); break;
    case kRenege:
      if (!sim_.still_queued(target, id)) break;
      cabin_queues_[sim_.episode(id).site].remove(id);
      sim_.abandon(id);
      break;
    default: break;
  }
}

void RemoteCare::start() {
  const Scenario& sc = sim_.scenario();
  for (std::uint32_t c = 0; c < sc.cabins.size(); ++c)
    if (!sc.cabins[c].hours.is_always()) sim_.schedule_change(*this, sc.cabins[c].hours, kCabinChange, c);
  for (std::uint32_t p = 0; p < sc.remote_pools.size(); ++p)
    if (!sc.remote_pools[p].hours.is_always()) sim_.schedule_change(*this, sc.remote_pools[p].hours, kPoolChange, p);
}

void RemoteCare::utilisation(UtilisationRows& rows) const {
  const Scenario& sc = sim_.scenario();
  for (std::size_t c = 0; c < sc.cabins.size(); ++c)
    rows.add(sc.cabins[c].id, to_string(sc.cabins[c].kind), sc.communes[sc.cabins[c].commune].insee,
             cabin_queues_[c].busy_seconds(), cabin_queues_[c].capacity_seconds(),
             static_cast<double>(cabin_queues_[c].length()), detail(cabin_sessions_[c]));
  for (std::size_t p = 0; p < sc.remote_pools.size(); ++p)
    if (!pool_reads_[p])  // a pool whose specialists read: tele-expertise's row
      rows.add(sc.remote_pools[p].id, "remote_pool", "", pool_queues_[p].busy_seconds(),
               pool_queues_[p].capacity_seconds(), static_cast<double>(pool_queues_[p].length()),
               detail(pool_sessions_[p]));
}

}  // namespace maillage
