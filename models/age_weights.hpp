#pragma once
// The age standardisation of the APL's demand side. DREES weights each commune's residents
// by the GP consumption of their age band (Barlet, Coldefy, Collin, Lucas-Gabrielli,
// "L'accessibilité potentielle localisée (APL) : une nouvelle mesure de l'accessibilité aux
// soins appliquée aux médecins généralistes libéraux en France", DREES Document de travail
// n° 124 / IRDES DT n° 51, 2012), then scales the weighted populations so the territory's
// total is its population: a commune of older residents counts for more demand.
#include <optional>
#include <vector>

#include "models/commune.hpp"

namespace maillage {

/** A band of ages, inclusive; max empty for the open top band. */
struct AgeWeight {
  int min = 0;
  std::optional<int> max;
  double weight = 1.0;
};

/** One commune's residents of one age band (as the ages file gives them). */
struct AgeCount {
  int min = 0;
  double population = 0.0;
};

/** The default weights: GP consultations and visits a year per person by 5-year band. DREES's
 *  own table was not reachable when this was written: these are an approximation of the
 *  age profile of GP consumption it describes (high under 5, lowest at 10-14, rising from 50,
 *  about three times the 20-44 level after 80); docs/scenario.md says so. Only the ratios
 *  matter: the scaling removes the level. */
std::vector<AgeWeight> default_age_weights();

/** The weight of the band holding `age`, or nullopt when no band holds it. */
std::optional<double> age_weight(const std::vector<AgeWeight>& weights, int age);

/** Sets every commune's `standardised_population`: its population times its residents' mean
 *  weight, scaled so the communes' total equals their total population. `ages[i]` holds
 *  commune i's bands (non-empty, ages all covered by `weights`). */
void standardise_populations(std::vector<Commune>& communes, const std::vector<std::vector<AgeCount>>& ages,
                             const std::vector<AgeWeight>& weights);

}  // namespace maillage
