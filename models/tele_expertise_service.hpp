#pragma once
// Tele-expertise (télé-expertise) as a service: a case handed on by the professional who
// saw the patient (a practice, a bus stop) is uploaded over that site's line to the care
// type's specialist pool; the answer comes after the specialist's delay, and the episode
// is served then. The patient never travels to the specialist.
#include <cstdint>

#include "models/service.hpp"

namespace maillage {

class TeleExpertiseService : public Service {
public:
  explicit TeleExpertiseService(Simulation& sim) : Service(sim, "tele_expertise") {}

  /** The case of an episode whose `site` is the network site it leaves from and
   *  `seen_in` the commune the patient was seen in. */
  void receive(std::uint32_t id) override;
  void handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) override;

private:
  enum Kind : std::uint32_t { kUploaded, kAnswer };
};

}  // namespace maillage
