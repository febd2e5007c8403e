#include "models/age_weights.hpp"

namespace maillage {

std::vector<AgeWeight> default_age_weights() {
  // Consultations and visits a year per person, from 0-4 to 95-99, then 100+.
  static const double per_band[] = {4.5, 2.6, 2.2, 2.6, 2.8, 3.0, 3.2, 3.3, 3.5, 3.8, 4.1,
                                    4.5, 4.9, 5.5, 6.3, 7.3, 8.2, 8.9, 9.2, 9.2};
  std::vector<AgeWeight> w;
  for (int i = 0; i < 20; ++i) w.push_back({5 * i, 5 * i + 4, per_band[i]});
  w.push_back({100, std::nullopt, 9.2});
  return w;
}

std::optional<double> age_weight(const std::vector<AgeWeight>& weights, int age) {
  for (const auto& w : weights)
    if (age >= w.min && (!w.max || age <= *w.max)) return w.weight;
  return std::nullopt;
}

void standardise_populations(std::vector<Commune>& communes, const std::vector<std::vector<AgeCount>>& ages,
                             const std::vector<AgeWeight>& weights) {
  // Mean weight of each commune's residents, applied to its own population (the census by
  // age and the legal population may differ by a few residents).
  std::vector<double> weighted(communes.size(), 0.0);
  double total = 0.0, total_weighted = 0.0;
  for (std::size_t i = 0; i < communes.size(); ++i) {
    double people = 0.0, sum = 0.0;
    for (const auto& a : ages[i]) {
      people += a.population;
      sum += a.population * age_weight(weights, a.min).value_or(0.0);
    }
    weighted[i] = people > 0 ? communes[i].population * sum / people : 0.0;
    total += communes[i].population;
    total_weighted += weighted[i];
  }
  const double scale = total_weighted > 0 ? total / total_weighted : 0.0;
  for (std::size_t i = 0; i < communes.size(); ++i) communes[i].standardised_population = weighted[i] * scale;
}

}  // namespace maillage
