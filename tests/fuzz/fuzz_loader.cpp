// libFuzzer target: the scenario loader must turn any text into a Scenario or a
// ScenarioError, never a crash, a hang, a leak or another exception (see README.md here).
//   FUZZ_YAML: the input is a scenario file (YAML).
//   FUZZ_CSV:  the input is a data file of a fixed small scenario; its first byte picks which
//              one (communes, road edges, network coverage, ages, a filtered
//              national table), the rest is the CSV text.
// MAILLAGE_FUZZ_SKIP_KNOWN=1 in the environment: the exceptions of the known crashes
// (tests/fixtures/crashes: yaml-cpp's, or a stream's, escaping the loader) end an input
// quietly, so that a run without -fork looks for what lies behind them (memory errors, UB).
#include <unistd.h>
#include <yaml-cpp/exceptions.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <ios>
#include <string>

#include "scenarios/scenario_loader.hpp"

namespace {

#ifdef FUZZ_CSV
// The CSV goes through the loader's own file reading, so it is written to a file first:
// one per fuzzing process (libFuzzer's -jobs/-workers run several).
const std::string kDir = "/tmp";
const std::string kFile = "maillage-fuzz-" + std::to_string(::getpid()) + ".csv";

const char* const kScenarios[] = {
    // communes: the CSV is the commune list
    "scenario: {horizon: 30 d}\n"
    "territory: {communes: @, roads: {model: knn, k: 2, detour: 1.3, speed: 70 km/h}}\n"
    "demand: {care_types: {gp: {rate: 1 per year, max_wait: 2 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp]}}}\n"
    "supply: {practices: [{id: a, commune: \"41018\", doctors: 1, hours: always}]}\n",
    // roads: the CSV is the edge list between fixed communes
    "scenario: {horizon: 30 d}\n"
    "territory: {communes: [{insee: \"41018\", name: A, population: 100, lat: 47.5, lon: 1.3},"
    " {insee: \"41269\", name: B, population: 50, lat: 47.8, lon: 1.0}], roads: {edges: @}}\n"
    "demand: {care_types: {gp: {rate: 1 per year, max_wait: 2 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp]}}}\n"
    "supply: {practices: [{id: a, commune: \"41018\", doctors: 1, hours: always}]}\n",
    // coverage: the CSV is the network coverage per commune
    "scenario: {horizon: 30 d}\n"
    "territory: {communes: [{insee: \"41018\", name: A, population: 100, lat: 47.5, lon: 1.3}],"
    " roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h},\n"
    " network: {technologies: {ftth: {down: 1 Gbps, up: 500 Mbps, latency: 5 ms}}, coverage: @}}\n"
    "demand: {care_types: {gp: {rate: 1 per year, max_wait: 2 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp]}}}\n"
    "supply: {practices: [{id: a, commune: \"41018\", doctors: 1, hours: always}]}\n",
    // ages: the CSV is the population by age band per commune
    "scenario: {horizon: 30 d}\n"
    "territory: {communes: [{insee: \"41018\", name: A, population: 100, lat: 47.5, lon: 1.3}],"
    " roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h}, ages: @}\n"
    "demand: {care_types: {gp: {rate: 1 per year, max_wait: 2 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp]}}}\n"
    "supply: {practices: [{id: a, commune: \"41018\", doctors: 1, hours: always}]}\n",
    // a national commune table narrowed to a département (the spreadsheet rules: ; , BOM latin-1)
    "scenario: {horizon: 30 d}\n"
    "territory: {communes: {file: @, departements: [\"41\"]}, roads: {model: knn, k: 2, detour: 1.3, speed: 70 km/h}}\n"
    "demand: {care_types: {gp: {rate: 1 per year, max_wait: 2 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp]}}}\n"
    "supply: {practices: [{id: a, commune: \"41018\", doctors: 1, hours: always}]}\n",
};
#endif

const bool skip_known = std::getenv("MAILLAGE_FUZZ_SKIP_KNOWN") != nullptr;

void load(const std::uint8_t* data, std::size_t size) {
#ifdef FUZZ_CSV
  if (size == 0) return;
  std::string yaml = kScenarios[data[0] % (sizeof kScenarios / sizeof *kScenarios)];
  yaml.replace(yaml.find('@'), 1, kFile);
  std::ofstream(kDir + "/" + kFile, std::ios::binary).write(reinterpret_cast<const char*>(data + 1), size - 1);
  maillage::load_scenario_text(yaml, "fuzz.yaml", kDir);
#else
  maillage::load_scenario_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", "/nonexistent");
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!skip_known) {  // no other handler: a crash keeps the stack where it was thrown
    try {
      load(data, size);
    } catch (const maillage::ScenarioError&) {
      // the expected answer to a bad input
    }
    return 0;
  }
  try {
    load(data, size);
  } catch (const maillage::ScenarioError&) {
  } catch (const YAML::Exception&) {
  } catch (const std::ios_base::failure&) {
  }
  return 0;
}
