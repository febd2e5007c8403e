#include "scenarios/calibration_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace maillage {
namespace {

std::string format(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string percent(double v) { return std::isnan(v) ? "-" : format("%.1f%%", 100 * v); }

std::string errors_line(const char* label, const FitErrors& e) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-34s %7zu %8s %8s\n", label, e.pairs, percent(e.median).c_str(), percent(e.p90).c_str());
  return buf;
}

/** "access 3.25 min, speeds from 0 km 38.20 km/h, ..." */
std::string model_text(const KnnRoads& m) {
  std::string s = "k " + std::to_string(m.k) + ", detour " + format("%.4f", m.detour);
  if (m.curve) {
    s += ", access " + format("%.2f", m.curve->access_s / 60) + " min, speeds";
    for (const auto& [from, v] : m.curve->bands) s += " from " + format("%g", from / 1000) + " km " + format("%.2f", v * 3.6) + " km/h,";
    s.pop_back();
  }
  return s;
}

}  // namespace

void print_calibration(const RoadCalibration& cal, std::ostream& out) {
  out << "absolute relative error of the minutes      pairs   median      p90\n"
      << errors_line("before: the scenario's roads", cal.before) << errors_line("after: on the pairs fitted", cal.after)
      << errors_line(("after: held out (" + std::to_string(cal.folds) + "-fold)").c_str(), cal.held_out);
  if (cal.km_after.pairs > 0)
    out << "and of the km\n" << errors_line("before", cal.km_before) << errors_line("after", cal.km_after);
  if (cal.left_out > 0) out << cal.left_out << " pair(s) left out: no path in the knn graph, or a zero time\n";
  out << "fitted: " << model_text(cal.fitted) << "\n";
}

std::string roads_yaml(const RoadCalibration& cal, const std::string& source) {
  const KnnRoads& m = cal.fitted;
  std::ostringstream y;
  y << "# Fitted by maillage calibrate to " << source << " (" << cal.after.pairs << " pairs): minutes within "
    << percent(cal.held_out.median) << " (median), " << percent(cal.held_out.p90) << " (p90) on pairs held out ("
    << cal.folds << "-fold).\n"
    << "# Paste under territory: in the scenario.\n"
    << "roads:\n  model: knn\n  k: " << m.k << "\n  detour: " << format("%.4f", m.detour) << "\n";
  if (m.curve) {
    y << "  access: " << format("%.3f", m.curve->access_s / 60) << " min\n  speeds:\n";
    for (const auto& [from, v] : m.curve->bands)
      y << "    - {from: " << format("%g", from / 1000) << " km, speed: " << format("%.3f", v * 3.6) << " km/h}\n";
  }
  return y.str();
}

}  // namespace maillage
