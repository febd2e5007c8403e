#include "models/tele_expertise_service.hpp"

#include <limits>

#include "models/simulation.hpp"

namespace maillage {

TeleExpertiseService::TeleExpertiseService(Simulation& sim) : Service(sim, "tele_expertise") {
  const Scenario& sc = sim.scenario();
  reader_of_.assign(sc.remote_pools.size(), -1);
  for (const auto& ct : sc.care_types) {
    const auto p = static_cast<std::size_t>(ct.tele_expertise.pool);
    if (ct.tele_expertise.pool < 0 || !ct.tele_expertise.has_reading || reader_of_[p] >= 0) continue;
    reader_of_[p] = static_cast<int>(readers_.size());
    const RemotePool& pool = sc.remote_pools[p];
    // A stream per pool, named: plans that keep the pool draw the same reading times.
    readers_.push_back(Readers{static_cast<std::uint32_t>(p), WalkInQueue(pool.doctors, pool.hours),
                               RandomStream(sim.seed(), static_cast<std::uint64_t>(sim.replication()), "reading/" + pool.id)});
    readers_.back().queue.measure_between(sc.warmup, sc.horizon);
  }
}

void TeleExpertiseService::receive(std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  ep.since = sim_.now();  // the upload starts
  const auto& te = sim_.scenario().care_types[ep.care_type].tele_expertise;
  AccessLinks& links = sim_.links();
  links.flows().transfer(ep.site, links.pool(static_cast<std::size_t>(te.pool)), te.upload_bytes,
                         Simulation::event_kind(*this, kUploaded), 0, id);
}

void TeleExpertiseService::handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  const auto id = static_cast<std::uint32_t>(data);
  switch (kind) {
    case kUploaded: {
      const Episode& ep = sim_.episode(id);
      const auto& te = sim_.scenario().care_types[ep.care_type].tele_expertise;
      AccessLinks& links = sim_.links();
      const double bits = te.upload_bytes * 8 * links.measured_share(ep.since, sim_.now());
      links.carried(ep.site).up += bits;
      links.carried(links.pool(static_cast<std::size_t>(te.pool))).down += bits;
      // Without a reading time the answer comes as the case is opened (one event, as ever).
      schedule(sim_.now() + ep.delay, te.has_reading ? kOpened : kAnswer, 0, id);
      break;
    }
    case kAnswer: answer(id); break;
    case kOpened: open_case(id); break;
    case kRead: {
      Readers& r = readers_[target];
      r.queue.finish();
      answer(id);
      if (!r.queue.empty() && r.queue.has_free_server() && r.queue.hours().is_open(sim_.now()))
        start_reading(r, r.queue.next());
      break;
    }
    case kPoolChange: {
      // Opening: the cases waiting are read; closing: they wait for the next opening
      // (a case is not abandoned), readings under way run to their end.
      Readers& r = readers_[target];
      if (r.queue.hours().is_open(sim_.now()))
        while (!r.queue.empty() && r.queue.has_free_server()) start_reading(r, r.queue.next());
      sim_.schedule_change(*this, r.queue.hours(), kPoolChange, target);
      break;
    }
    default: break;
  }
}

void TeleExpertiseService::open_case(std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  Readers& r = readers_[static_cast<std::size_t>(
      reader_of_[static_cast<std::size_t>(sim_.scenario().care_types[ep.care_type].tele_expertise.pool)])];
  ep.since = sim_.now();  // the case joins the specialists' queue
  if (r.queue.empty() && r.queue.has_free_server() && r.queue.hours().is_open(sim_.now()))
    start_reading(r, id);
  else
    r.queue.join(id);
}

void TeleExpertiseService::start_reading(Readers& r, std::uint32_t id) {
  const Scenario& sc = sim_.scenario();
  const Episode& ep = sim_.episode(id);
  const double now = sim_.now(), d = sc.care_types[ep.care_type].tele_expertise.reading.draw(r.rng);
  r.queue.start(now, d);
  if (now >= sc.warmup && now <= sc.horizon) ++r.readings, r.wait_seconds += now - ep.since;
  schedule(now + d, kRead, static_cast<std::uint32_t>(&r - readers_.data()), id);
}

void TeleExpertiseService::answer(std::uint32_t id) {
  // The patient saw a local professional or a bus, never the specialist.
  const Episode& ep = sim_.episode(id);
  sim_.end_served(id, static_cast<long>(ep.seen_in), sim_.now(),
                  ep.mobile ? Simulation::Visit::MobileUnit : Simulation::Visit::Remote);
}

void TeleExpertiseService::start() {
  for (std::uint32_t i = 0; i < readers_.size(); ++i)
    if (!readers_[i].queue.hours().is_always()) sim_.schedule_change(*this, readers_[i].queue.hours(), kPoolChange, i);
}

void TeleExpertiseService::utilisation(UtilisationRows& rows) const {
  const Scenario& sc = sim_.scenario();
  for (const Readers& r : readers_) {
    UtilisationDetail d;
    d.readings = static_cast<double>(r.readings);
    d.reading_wait_hours_mean =
        r.readings > 0 ? r.wait_seconds / static_cast<double>(r.readings) / 3600.0 : std::numeric_limits<double>::quiet_NaN();
    rows.add(sc.remote_pools[r.pool].id, "remote_pool", "", r.queue.busy_seconds(), r.queue.capacity_seconds(),
             static_cast<double>(r.queue.length()), d);
  }
}

}  // namespace maillage
