#pragma once
// CPTS hotlines as a service of the pathway (hotline): for unscheduled needs only, a
// same-day or next-day slot with the on-call doctors of the line covering the patient's
// commune, while the day's slots last.
#include <cstdint>
#include <vector>

#include "models/appointment_book.hpp"
#include "models/service.hpp"

namespace maillage {

class Hotlines : public Service {
public:
  explicit Hotlines(Simulation& sim);

  std::vector<PathwayOption> options() const override { return {PathwayOption::Hotline}; }
  bool offer(PathwayOption option, std::uint32_t id) override;
  void utilisation(UtilisationRows& rows) const override;

private:
  std::vector<AppointmentBook> books_;
  std::vector<std::vector<int>> slots_used_;  // per hotline, per day
  std::vector<int> commune_hotline_;          // the hotline covering each commune; -1: none
};

}  // namespace maillage
