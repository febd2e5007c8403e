#pragma once
// A zone of residence: every patient lives in one.
#include <optional>
#include <string>

namespace maillage {

struct Commune {
  std::string insee;  ///< INSEE code, always a string ("2A004", "01001")
  std::string name;
  double population = 0.0;
  double lat = 0.0, lon = 0.0;  ///< centroid, WGS84 degrees
  /** The APL's demand: the population weighted by the GP consumption of its age bands
   *  (models/age_weights.hpp); empty without territory.ages, when the APL uses population. */
  std::optional<double> standardised_population = std::nullopt;  // so aggregate initialisers may omit it
};

/** Great-circle distance in metres between two WGS84 points (haversine,
 *  R = 6371.0088 km, the IUGG mean radius used by the shared data). */
double great_circle_m(double lat1, double lon1, double lat2, double lon2);

}  // namespace maillage
