#include "models/service.hpp"

#include <limits>

#include "models/simulation.hpp"

namespace maillage {

void Service::schedule(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data) {
  sim_.schedule(*this, time, kind, target, data);
}

void UtilisationRows::add(const std::string& id, const std::string& kind, const std::string& insee, double busy,
                          double cap, double queue) {
  table.rows.push_back({{plan, replication, id, kind, insee},
                        {cap > 0 ? busy / cap : std::numeric_limits<double>::quiet_NaN(), busy / 3600.0, cap / 3600.0,
                         queue}});
}

}  // namespace maillage
