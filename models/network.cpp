#include "models/network.hpp"

#include <algorithm>

namespace maillage {

std::size_t Network::technology_at(std::size_t commune, double t) const {
  std::size_t tech = coverage.at(commune);
  for (const auto& r : rollout) {
    if (r.at > t) break;
    if (std::find(r.communes.begin(), r.communes.end(), commune) != r.communes.end()) tech = r.technology;
  }
  return tech;
}

std::vector<double> Network::population_share(const std::vector<Commune>& communes, double t) const {
  std::vector<double> pop(technologies.size(), 0.0);
  double total = 0.0;
  for (std::size_t c = 0; c < communes.size(); ++c) {
    pop[technology_at(c, t)] += communes[c].population;
    total += communes[c].population;
  }
  for (auto& p : pop) p = total > 0 ? p / total : 0.0;
  return pop;
}

double Network::capacity_bit_seconds(std::size_t commune, bool up, double from, double to) const {
  // Piecewise constant between rollout dates.
  double total = 0.0, t = from;
  std::vector<double> cuts;
  for (const auto& r : rollout)
    if (r.at > from && r.at < to) cuts.push_back(r.at);
  cuts.push_back(to);
  for (double cut : cuts) {
    const Technology& tech = technologies[technology_at(commune, t)];
    total += (up ? tech.up_bps : tech.down_bps) * (cut - t);
    t = cut;
  }
  return total;
}

std::vector<double> Network::coverage_dates() const {
  std::vector<double> dates{0.0};
  for (const auto& r : rollout)
    if (r.at != dates.back()) dates.push_back(r.at);
  return dates;
}

}  // namespace maillage
