#include "models/tele_expertise_service.hpp"

#include "models/simulation.hpp"

namespace maillage {

void TeleExpertiseService::receive(std::uint32_t id) {
  Episode& ep = sim_.episode(id);
  ep.since = sim_.now();  // the upload starts
  const auto& te = sim_.scenario().care_types[ep.care_type].tele_expertise;
  AccessLinks& links = sim_.links();
  const auto from = links.site(ep.site).host, to = links.site(links.pool(static_cast<std::size_t>(te.pool))).host;
  sim_.kernel().start([&] { return transfer(from, to, te.upload_bytes); }, Simulation::event_kind(*this, kUploaded), 0,
                      id);
}

void TeleExpertiseService::handle(std::uint32_t kind, std::uint32_t, std::uint64_t data) {
  const auto id = static_cast<std::uint32_t>(data);
  const Episode& ep = sim_.episode(id);
  switch (kind) {
    case kUploaded: {
      const auto& te = sim_.scenario().care_types[ep.care_type].tele_expertise;
      AccessLinks& links = sim_.links();
      const double bits = te.upload_bytes * 8 * links.measured_share(ep.since, sim_.now());
      links.carried(ep.site).up += bits;
      links.carried(links.pool(static_cast<std::size_t>(te.pool))).down += bits;
      schedule(sim_.now() + ep.delay, kAnswer, 0, id);
      break;
    }
    case kAnswer:  // the patient saw a local professional or a bus, never the specialist
      sim_.end_served(id, static_cast<long>(ep.seen_in), sim_.now(),
                      ep.mobile ? Simulation::Visit::MobileUnit : Simulation::Visit::Remote);
      break;
    default: break;
  }
}

}  // namespace maillage
