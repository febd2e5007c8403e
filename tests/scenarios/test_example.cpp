#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// The example scenarios are documentation: they must load and run, and their results must
// keep the shape the README shows.
namespace fs = std::filesystem;

namespace {
/** Runs an example shortened (to four months by default) with two replications; returns its folder. */
fs::path run_example(const std::string& name, const std::string& horizon = "120 d") {
  const std::string root = MAILLAGE_SOURCE_DIR, cli = MAILLAGE_CLI;
  const fs::path out = fs::temp_directory_path() / ("maillage-example-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(out);
  REQUIRE(std::system((cli + " check " + root + "/scenarios/" + name + ".yaml >/dev/null").c_str()) == 0);
  const int status = std::system((cli + " run " + root + "/scenarios/" + name + ".yaml --replications 2" +
                                  " --set scenario.horizon=\"" + horizon + "\" --set scenario.warmup=\"14 d\" --quiet --out " +
                                  out.string())
                                     .c_str());
  REQUIRE(WEXITSTATUS(status) == 0);
  return out;
}

int lines_of(const fs::path& file) {
  std::ifstream in(file);
  int rows = 0;
  for (std::string line; std::getline(in, line);) ++rows;
  return rows;
}

/** A column of kpis.csv (0: mean, 5: difference to the baseline) for a plan's measure. */
double kpi(const fs::path& out, const std::string& measure, const std::string& plan = "baseline", int column = 0) {
  std::ifstream in(out / "kpis.csv");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(plan + "," + measure + ",", 0) != 0) continue;
    std::stringstream fields(line.substr(plan.size() + measure.size() + 2));
    std::string field;
    for (int i = 0; i <= column; ++i) std::getline(fields, field, ',');
    return std::stod(field);
  }
  FAIL("no measure " << measure << " for plan " << plan);
  return 0;
}
}  // namespace

TEST_CASE("the Loir-et-Cher example validates and runs", "[example]") {
  const fs::path out = run_example("loir-et-cher");
  // Header, then each commune in each replication of each of the three plans.
  CHECK(lines_of(out / "by_commune.csv") == 1 + 3 * 2 * 267);
  // Two technologies at day 0, 90, 180 and 270 in two plans; at day 0 only without rollout.
  CHECK(lines_of(out / "coverage.csv") == 1 + 2 * 2 * 4 + 2);
  CHECK(kpi(out, "served") > 0);
  CHECK(kpi(out, "sessions_degraded") > 0);  // video from homes on ADSL
  CHECK(kpi(out, "served.cardiology") > 0);  // tele-expertise answered
  CHECK(kpi(out, "served.ehpad_review") > 0);  // residents, at their carts or their GP
  CHECK(kpi(out, "unserved", "new-msps", 5) < 0);            // the plan's paired difference
  CHECK(kpi(out, "sessions_degraded", "no-rollout", 5) > 0);
  // The accessibility index (last column of by_commune.csv) rises in Droué with its new MSP.
  std::ifstream bc(out / "by_commune.csv");
  double apl_base = -1, apl_plan = -1;
  for (std::string line; std::getline(bc, line);) {
    const bool base = line.rfind("baseline,1,41075,", 0) == 0, plan = line.rfind("new-msps,1,41075,", 0) == 0;
    if (!base && !plan) continue;
    (base ? apl_base : apl_plan) = std::stod(line.substr(line.find_last_of(',') + 1));
  }
  CHECK(apl_base >= 0);
  CHECK(apl_plan > apl_base);
  fs::remove_all(out);
}

TEST_CASE("the Sarthe example validates and runs", "[example]") {
  const fs::path out = run_example("sarthe");
  CHECK(lines_of(out / "by_commune.csv") == 1 + 2 * 352);
  CHECK(kpi(out, "served.dermatology") > 0);
  CHECK(kpi(out, "served.geriatrics") > 0);
  std::ifstream util(out / "utilisation.csv");
  int sites = 0;
  for (std::string line; std::getline(util, line);) sites += line.rfind("baseline,1,site-", 0) == 0;
  CHECK(sites == 27);
  fs::remove_all(out);
}

TEST_CASE("the Loiret example validates and runs", "[example]") {
  const fs::path out = run_example("loiret", "60 d");
  CHECK(lines_of(out / "by_commune.csv") == 1 + 3 * 2 * 325);
  CHECK(kpi(out, "ed_visits") > 0);
  CHECK(kpi(out, "served.eye_screening") > 0);
  CHECK(kpi(out, "ed_visits", "no-hotlines", 5) > 0);  // without the CPTS lines, more emergencies
  // Panels: about a third without a médecin traitant; Lorris' 3 GPs retiring leave their
  // 3 x 1,400 patients without one (every panel within reach is full).
  CHECK(kpi(out, "without_gp_share") == Approx(0.33).margin(0.02));
  CHECK(kpi(out, "without_gp_residents", "lorris-gps-retire", 5) == Approx(4200));
  CHECK(lines_of(out / "costs.csv") == 1 + 3);          // the bus's cost, in the three plans
  fs::remove_all(out);
}

TEST_CASE("the Yvelines example validates and runs", "[example]") {
  const fs::path out = run_example("yvelines", "35 d");
  CHECK(lines_of(out / "by_commune.csv") == 1 + 2 * 2 * 259);
  std::ifstream util(out / "utilisation.csv");
  int devices = 0;
  bool bus_used = false, bus_in_plan = false;
  for (std::string line; std::getline(util, line);) {
    devices += line.rfind("baseline,1,cabin-", 0) == 0 || line.rfind("baseline,1,kiosk-", 0) == 0 ||
               line.rfind("baseline,1,suitcase-", 0) == 0;
    const std::string bus_row = "baseline,1,bus-sante-78,bus,";  // then insee, limited_by, technology: empty
    if (line.rfind(bus_row, 0) == 0) bus_used = std::stod(line.substr(bus_row.size() + 3)) > 0;  // its utilisation
    bus_in_plan |= line.rfind("no-bus,1,bus-sante-78", 0) == 0;
  }
  CHECK(devices == 51);
  CHECK(bus_used);
  CHECK_FALSE(bus_in_plan);  // the plan removes it
  fs::remove_all(out);
}
