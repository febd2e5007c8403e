#pragma once
// Fits the knn road model to observed travel times (OSRM, r5py, a survey...): the detour
// factor to observed km when there are some, then an access time and a speed for each band
// of trip distance (SpeedCurve), by least squares on the relative error. For a fixed
// detour the model's minutes are linear in the access time and the bands' minutes per km,
// so the fit is a weighted linear least squares, exact and deterministic; a band without
// data, a negative access or a speed that is not positive is folded into its neighbour.
// Errors are reported on the pairs fitted and, by k-fold cross-validation, on pairs held
// out of the fit.
#include <cstddef>
#include <limits>
#include <vector>

#include "models/commune.hpp"
#include "models/road_graph.hpp"

namespace maillage {

/** An observed one-way trip between two communes (indices); metres NaN when not known. */
struct ObservedTrip {
  std::size_t from = 0, to = 0;
  double seconds = 0;
  double metres = std::numeric_limits<double>::quiet_NaN();
};

/** Absolute relative errors |model - observed| / observed over some pairs. */
struct FitErrors {
  std::size_t pairs = 0;
  double median = std::numeric_limits<double>::quiet_NaN();
  double p90 = std::numeric_limits<double>::quiet_NaN();
};

struct RoadCalibration {
  KnnRoads fitted;       ///< the scenario's k with the fitted detour, access and speeds
  FitErrors before;      ///< the scenario's own roads, on every pair used
  FitErrors after;       ///< the fitted model on the pairs it was fitted to (all of them)
  FitErrors held_out;    ///< each fold predicted by the model fitted to the other folds
  FitErrors km_before, km_after;  ///< on the km, for the pairs that have them
  int folds = 0;
  std::size_t left_out = 0;  ///< pairs without a path in the knn graph, or of zero time
};

/** Where the speed bands start when the model has none yet: 0, 5, 15, 40, 100 km. */
std::vector<double> default_band_starts_m();

/** Fits `start`'s model (its k; its curve's band starts, else the default ones) to the
 *  observed trips, comparing with `current` (the scenario's road graph). Folds: the pairs
 *  sorted by (from, to), pair i in fold i mod `folds`. Throws std::invalid_argument when
 *  fewer than 2 * folds pairs are usable. */
RoadCalibration calibrate_roads(const std::vector<Commune>& communes, const RoadGraph& current, const KnnRoads& start,
                                std::vector<ObservedTrip> observed, int folds = 5);

}  // namespace maillage
