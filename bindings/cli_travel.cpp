#include "bindings/cli_travel.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "models/road_calibration.hpp"
#include "models/travel_table.hpp"
#include "scenarios/calibration_report.hpp"
#include "scenarios/roads_reader.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/scenario_loader.hpp"

namespace maillage::cli {

namespace {

bool parse_int(const std::string& s, long long lo, long long hi, long long& out) {
  char* end = nullptr;
  out = std::strtoll(s.c_str(), &end, 10);
  return !s.empty() && *end == '\0' && out >= lo && out <= hi;
}

int usage_error(const std::string& message) {
  std::cerr << "maillage: " << message << "\n(see maillage --help)\n";
  return 2;
}

/** The scenario path, options and their values: `--from A B --to C` gives from = {A, B}.
 *  Values may also be comma-separated. */
struct Arguments {
  std::string scenario;
  std::map<std::string, std::vector<std::string>> options;
  std::vector<Override> overrides;
  bool has(const std::string& o) const { return options.count(o) > 0; }
  std::string one(const std::string& o) const { return has(o) && !options.at(o).empty() ? options.at(o)[0] : ""; }
};

/** Parses args[1..]; flags take no value. Returns an error message, or "". */
std::string parse(const std::vector<std::string>& args, const std::vector<std::string>& known,
                  const std::vector<std::string>& flags, Arguments& out) {
  std::string current;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--set") {
      if (i + 1 >= args.size() || args[i + 1].find('=') == std::string::npos) return "--set takes KEY=VALUE";
      const std::string& kv = args[++i];
      out.overrides.emplace_back(kv.substr(0, kv.find('=')), kv.substr(kv.find('=') + 1));
      current.clear();
    } else if (a.rfind("--", 0) == 0) {
      if (std::find(known.begin(), known.end(), a) == known.end()) return "unknown option " + a + " for " + args[0];
      out.options[a];
      const bool flag = std::find(flags.begin(), flags.end(), a) != flags.end();
      current = flag ? "" : a;
    } else if (!current.empty()) {
      for (std::size_t s = 0, e; s <= a.size(); s = e + 1) {
        e = std::min(a.find(',', s), a.size());
        if (e > s) out.options[current].push_back(a.substr(s, e - s));
      }
    } else if (out.scenario.empty()) {
      out.scenario = a;
    } else {
      return "one scenario at a time (or give the values after an option: --from A B)";
    }
  }
  for (const auto& [o, values] : out.options)
    if (values.empty() && std::find(flags.begin(), flags.end(), o) == flags.end()) return o + " takes a value";
  if (out.scenario.empty()) return "missing the scenario file";
  return "";
}

/** Loads the scenario, or prints its errors (exit code 1). */
std::optional<Scenario> load(const Arguments& a) {
  try {
    return load_scenario(a.scenario, a.overrides);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n" << e.diagnostics().size() << " error" << (e.diagnostics().size() == 1 ? "" : "s") << "\n";
    return std::nullopt;
  }
}

}  // namespace

int travel_command(const std::vector<std::string>& args) {
  Arguments a;
  if (const auto err = parse(args, {"--from", "--to", "--sites", "--out"}, {"--sites"}, a); !err.empty()) return usage_error(err);
  const auto sc = load(a);
  if (!sc) return 1;
  std::cerr << sc->roads_note;
  try {
    const ResultTable t = travel_table(*sc, a.has("--from") ? a.options.at("--from") : std::vector<std::string>{},
                                       a.has("--to") ? a.options.at("--to") : std::vector<std::string>{}, a.has("--sites"));
    if (a.has("--out")) write_csv(t, a.one("--out"));
    else write_csv(t, std::cout);
  } catch (const std::invalid_argument& e) {
    std::cerr << a.scenario << ": " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "maillage: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int calibrate_command(const std::vector<std::string>& args) {
  Arguments a;
  if (const auto err = parse(args, {"--observed", "--out", "--folds"}, {}, a); !err.empty()) return usage_error(err);
  if (!a.has("--observed")) return usage_error("calibrate needs --observed times.csv (from,to,minutes[,km])");
  long long folds = 5;
  if (a.has("--folds") && !parse_int(a.one("--folds"), 2, 100, folds)) return usage_error("--folds takes a number from 2 to 100");
  const auto sc = load(a);
  if (!sc) return 1;
  std::vector<ObservedTrip> observed;
  try {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < sc->communes.size(); ++i) index.emplace(sc->communes[i].insee, i);
    std::vector<std::string> errors;
    for (const TravelRow& r : travel_rows(CsvTable::read(a.one("--observed")), index, false, errors))
      observed.push_back(ObservedTrip{r.from, r.to, r.seconds, r.metres});
    for (std::size_t i = 0; i < errors.size() && i < 20; ++i) std::cerr << errors[i] << "\n";
    if (!errors.empty()) {
      std::cerr << errors.size() << " error" << (errors.size() == 1 ? "" : "s") << " in the observed times\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  if (!sc->knn_roads)
    std::cout << "the scenario's roads are not a knn model: fitting one with k " << KnnRoads{}.k << "\n";
  try {
    const RoadCalibration cal = calibrate_roads(sc->communes, *sc->roads, sc->knn_roads.value_or(KnnRoads{}),
                                                observed, static_cast<int>(folds));
    print_calibration(cal, std::cout);
    if (a.has("--out")) {
      std::filesystem::create_directories(a.one("--out"));
      const std::string file = (std::filesystem::path(a.one("--out")) / "roads.yaml").string();
      std::ofstream out(file);
      out << roads_yaml(cal, std::filesystem::path(a.one("--observed")).filename().string());
      if (!out) throw std::runtime_error("cannot write " + file);
      std::cout << "the fitted roads: written to " << file << " (paste under territory:)\n";
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << a.one("--observed") << ": " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "maillage: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace maillage::cli
