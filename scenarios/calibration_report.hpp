#pragma once
// What `maillage calibrate` prints and writes: the errors before and after the fit, and the
// fitted `roads:` mapping to paste into a scenario.
#include <ostream>
#include <string>

#include "models/road_calibration.hpp"

namespace maillage {

/** The errors table and the fitted parameters, for a person. */
void print_calibration(const RoadCalibration& cal, std::ostream& out);

/** The fitted model as a scenario's `roads:` mapping (YAML), under a comment saying where
 *  it comes from and how well it fits. */
std::string roads_yaml(const RoadCalibration& cal, const std::string& source);

}  // namespace maillage
