#pragma once
// `maillage travel` and `maillage calibrate`: the road model's times out, real times in.
#include <string>
#include <vector>

namespace maillage::cli {

/** Runs `maillage travel ARGS...` (args[0] is "travel"); returns the exit code. */
int travel_command(const std::vector<std::string>& args);
/** Runs `maillage calibrate ARGS...` (args[0] is "calibrate"); returns the exit code. */
int calibrate_command(const std::vector<std::string>& args);

}  // namespace maillage::cli
