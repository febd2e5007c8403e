#pragma once
// Travel time as a function of the road distance of a whole trip: a fixed access time
// (leaving the village, parking), then each stretch of road at the speed of its distance
// band: "the first 5 km at 35 km/h, the next 10 at 55 km/h, ...". Short trips are slow
// (towns, junctions), long ones reach the trunk roads. Increasing in the distance, so the
// shortest road is also the fastest.
#include <utility>
#include <vector>

namespace maillage {

struct SpeedCurve {
  double access_s = 0.0;  ///< added once to every trip between two different places
  /** (metres from which the band applies, speed in m/s); the first band from 0, starts
   *  increasing. */
  std::vector<std::pair<double, double>> bands;

  /** Seconds for a trip of `metres` of road: access plus each band's stretch at its speed. */
  double seconds(double metres) const;
  /** The fastest band's speed (m/s): metres / top_speed() never exceeds a trip's time. */
  double top_speed() const;
  /** The metres of a `metres`-long trip driven in each band. */
  std::vector<double> stretches(double metres) const;
  /** Throws std::invalid_argument saying what is wrong (no band, first band not at 0,
   *  starts not increasing, a speed or access that is not positive and finite). */
  void check() const;
};

}  // namespace maillage
