#pragma once
// The static accessibility index planners already know: E2SFCA (enhanced two-step floating
// catchment area) with the conventions of the DREES APL (accessibilité potentielle
// localisée) to general practitioners:
// - distance decay by one-way travel time: weight 1 under 10 minutes, 2/3 from 10 to 15,
//   1/3 from 15 to 20, nothing from 20 minutes;
// - supply in consultations a year: a practice's doctors x weekly open hours x 52 x
//   `consultations_per_hour` (the model knows capacity, not observed activity);
// - demand: the communes' populations, standardised by the GP consumption of their age
//   bands as DREES does when territory.ages gives them (models/age_weights.hpp).
// Step 1: each practice's ratio R_j = S_j / sum_k W(d_kj) P_k. Step 2: each commune's
// A_i = sum_j W(d_ij) R_j, in consultations per inhabitant and year.
#include <vector>

#include "models/scenario.hpp"

namespace maillage {

/** The distance-decay weight of a one-way travel time in seconds. */
double apl_weight(double seconds);

/** The index of every commune (index of the scenario's communes), its GP practices as supply. */
std::vector<double> accessibility_index(const Scenario& scenario, double consultations_per_hour = 4.0);

}  // namespace maillage
