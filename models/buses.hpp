#pragma once
// Itinerant health units (bus santé) as a service of the pathway (bus): each bus's week of
// stops, a slot per patient within a visit's hours. Booked: the visit with a free slot
// that sees the patient soonest; walk-in: the next visit still open, seen while its slots
// last. A bus doing tele-expertise hands the case to the "tele_expertise" service.
#include <cstdint>
#include <vector>

#include "models/bus.hpp"
#include "models/service.hpp"

namespace maillage {

class Buses : public Service {
public:
  explicit Buses(Simulation& sim);

  std::vector<PathwayOption> options() const override { return {PathwayOption::Bus}; }
  bool offer(PathwayOption option, std::uint32_t id) override;
  void handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) override;
  void utilisation(UtilisationRows& rows) const override;

private:
  enum Kind : std::uint32_t { kArrive };
  /** A patient reaches a walk-in visit (target: bus << 16 | stop): seen in the next slot
   *  if any is left, else the pathway goes on. */
  void arrive(std::uint32_t bus_stop, std::uint32_t id);
  /** Seen at a visit at `at`: served then, or after the tele-expertise answer. */
  void seen(std::size_t bus, std::size_t stop, std::uint32_t id, double at);

  std::vector<std::vector<ScheduledStop>> stops_;        // [bus][stop]
  std::vector<std::vector<std::vector<int>>> next_slot_;  // [bus][stop][week]
  std::vector<double> busy_;                              // seconds seen within the measured period
};

}  // namespace maillage
