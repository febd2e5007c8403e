#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/file_text.hpp"

namespace fs = std::filesystem;

namespace {
const std::string kCli = MAILLAGE_CLI;
const std::string kFixtures = std::string(MAILLAGE_SOURCE_DIR) + "/tests/fixtures";

struct Outcome {
  int code;
  std::string out, err;
};

using maillage::test::slurp;

/** Runs the command; `shell_prefix` (sh commands) sets up its process first. */
Outcome cli(const std::string& args, const std::string& shell_prefix = "") {
  const fs::path dir = fs::temp_directory_path() / ("maillage-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const int status = std::system(
      (shell_prefix + kCli + " " + args + " >" + (dir / "out").string() + " 2>" + (dir / "err").string()).c_str());
  Outcome o{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "out"), slurp(dir / "err")};
  fs::remove_all(dir);
  return o;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("maillage-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}
}  // namespace

TEST_CASE("cli: two runs with the same seed write byte-identical files", "[cli]") {
  const fs::path a = fresh_dir("a"), b = fresh_dir("b");
  REQUIRE(cli("run " + kFixtures + "/valid.yaml --seed 9 --quiet --out " + a.string()).code == 0);
  REQUIRE(cli("run " + kFixtures + "/valid.yaml --seed 9 --quiet --jobs 1 --out " + b.string()).code == 0);
  for (const char* f : {"summary.csv", "kpis.csv", "by_commune.csv", "utilisation.csv", "report.html"}) {
    INFO(f);
    const std::string x = slurp(a / f);
    CHECK(x.size() > 100);
    CHECK(x == slurp(b / f));
  }
  // The report: a page of its own with the measures and the weekly charts.
  const std::string report = slurp(a / "report.html");
  CHECK(report.rfind("<!doctype html>", 0) == 0);
  CHECK_THAT(report, Catch::Contains("<h2>Main measures</h2>"));
  CHECK_THAT(report, Catch::Contains("<td>needs unserved</td>"));
  CHECK_THAT(report, Catch::Contains("<h2>At a glance</h2>"));
  CHECK_THAT(report, Catch::Contains("<h3>wait (days), mean, per care type (each on its own scale)</h3>"));
  CHECK_THAT(report, Catch::Contains("<figcaption>gp_routine"));
  CHECK_THAT(report, Catch::Contains("<polyline"));
  CHECK_THAT(report, Catch::EndsWith("</html>\n"));
  // Another seed gives other numbers.
  const fs::path c = fresh_dir("c");
  REQUIRE(cli("run " + kFixtures + "/valid.yaml --seed 10 --quiet --out " + c.string()).code == 0);
  CHECK(slurp(a / "summary.csv") != slurp(c / "summary.csv"));
  fs::remove_all(a), fs::remove_all(b), fs::remove_all(c);
}

TEST_CASE("cli: summary.csv has the SPEC columns and one row per replication", "[cli]") {
  const fs::path a = fresh_dir("cols");
  const Outcome o = cli("run " + kFixtures + "/valid.yaml --replications 2 --out " + a.string());
  REQUIRE(o.code == 0);
  CHECK_THAT(o.out, Catch::Contains("plan baseline") && Catch::Contains("wait (d), mean, all care types") &&
                        Catch::Contains("95% interval"));
  std::istringstream summary(slurp(a / "summary.csv"));
  std::string header, line;
  std::getline(summary, header);
  for (const char* col :
       {"plan", "replication", "episodes", "served", "unserved", "unserved_too_far", "unserved_too_long",
        "unserved_network", "unserved_capacity", "in_progress", "wait_days_mean", "wait_days_median", "wait_days_p90",
        "ed_visits", "travel_km", "travel_min", "travel_avoided_km", "travel_avoided_min", "sessions_degraded",
        "sessions_failed", "wait_days_mean.gp_acute", "wait_days_p90.gp_routine"})
    CHECK_THAT("," + header + ",", Catch::Contains(std::string(",") + col + ","));
  int rows = 0;
  while (std::getline(summary, line)) ++rows;
  CHECK(rows == 2);
  CHECK_THAT(slurp(a / "by_commune.csv"), Catch::StartsWith("plan,replication,insee,name,episodes"));
  CHECK_THAT(slurp(a / "kpis.csv"), Catch::StartsWith("plan,measure,mean,ci_low,ci_high,half_width,replications"));
  fs::remove_all(a);
}

TEST_CASE("cli: a refused scenario exits 1 and lists its errors and writes no results", "[cli]") {
  const fs::path a = fresh_dir("refused");
  const Outcome o = cli("run " + kFixtures + "/broken/wrong_types.yaml --out " + a.string());
  CHECK(o.code == 1);
  CHECK_THAT(o.err, Catch::Contains("wrong_types.yaml:9:55: scenario.replications") &&
                        Catch::Contains("errors: the scenario was not run"));
  CHECK_FALSE(fs::exists(a));
  CHECK(cli("check " + kFixtures + "/broken/unknown_commune.yaml").code == 1);
}

TEST_CASE("cli: check and help and usage errors", "[cli]") {
  const Outcome ok = cli("check " + kFixtures + "/valid.yaml");
  CHECK(ok.code == 0);
  CHECK_THAT(ok.out, Catch::Contains("OK (4 communes, 3 practices, 2 care types)"));
  CHECK(cli("--help").code == 0);
  CHECK(cli("").code == 2);
  CHECK(cli("frobnicate x.yaml").code == 2);
  CHECK(cli("run " + kFixtures + "/valid.yaml --replications zero").code == 2);
  CHECK(cli("run " + kFixtures + "/valid.yaml --bogus").code == 2);
  CHECK(cli("run").code == 2);
  const Outcome bad_set = cli("check " + kFixtures + "/valid.yaml --set scenario.seed=-3");
  CHECK(bad_set.code == 1);
  CHECK_THAT(bad_set.err, Catch::Contains("override scenario.seed"));
}

TEST_CASE("cli: select ranks the options and writes the same bytes twice", "[cli]") {
  const fs::path a = fresh_dir("select-a"), b = fresh_dir("select-b");
  const std::string scenario = kFixtures + "/site-selection.yaml";
  const Outcome first = cli("select " + scenario + " --replications 2 --out " + a.string());
  REQUIRE(first.code == 0);
  CHECK_THAT(first.out, Catch::Contains("analytic screen (maximal covering)"));
  CHECK_THAT(first.out, Catch::Contains("option-2 wins on unserved"));
  CHECK_THAT(first.out, Catch::Contains("overturns the analytic order"));
  REQUIRE(cli("select " + scenario + " --replications 2 --quiet --out " + b.string()).code == 0);
  CHECK_THAT(slurp(a / "report.html"), Catch::Contains("<h2>Site selection</h2>"));
  CHECK_THAT(slurp(a / "report.html"), Catch::Contains("overturns the analytic order"));
  for (const char* f : {"selection.csv", "selection_sites.csv", "summary.csv", "kpis.csv", "report.html"}) {
    CHECK(fs::exists(a / f));
    CHECK(slurp(a / f) == slurp(b / f));
  }
  CHECK(slurp(a / "selection.csv").rfind("option,found_by,differs_from_winner,rank,analytic_rank", 0) == 0);
  // The chosen sites open on a map: WGS84 coordinates (Hameau's point here).
  const std::string sites = slurp(a / "selection_sites.csv");
  CHECK(sites.rfind("option,id,insee,commune,host,name,alternates,lat,lon,annual_cost\n", 0) == 0);
  CHECK_THAT(sites, Catch::Contains(",00002,Hameau,france_services,Maison France Services de Hameau,,47.9,1,50000\n"));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST_CASE("cli: select without a site_selection or with --plan is refused", "[cli]") {
  const Outcome none = cli("select " + kFixtures + "/valid.yaml");
  CHECK(none.code == 1);
  CHECK_THAT(none.err, Catch::Contains("no site_selection section"));
  const Outcome plan = cli("select " + kFixtures + "/site-selection.yaml --plan baseline");
  CHECK(plan.code == 2);
  CHECK_THAT(plan.err, Catch::Contains("--plan is for run"));
}

TEST_CASE("cli: hostile inputs are clear errors (exit 1) - and --force lifts the work limits", "[cli]") {
  const Outcome scalar = cli("check " + kFixtures + "/broken/scalar_file.yaml");
  CHECK(scalar.code == 1);
  CHECK_THAT(scalar.err, Catch::Contains("scalar_file.yaml:3:1: expected a mapping of keys (scenario, territory"));
  const Outcome empty_key = cli("check " + kFixtures + "/valid.yaml --set =5");
  CHECK(empty_key.code == 1);
  CHECK_THAT(empty_key.err, Catch::Contains("expected a key path like"));
  const std::string typo = " --set 'demand.care_types.gp_acute.rate=1e9 per year'";
  CHECK(cli("check " + kFixtures + "/valid.yaml" + typo).code == 1);
  CHECK(cli("check " + kFixtures + "/valid.yaml" + typo + " --force").code == 0);
}

namespace {
/** The folder's entries, sorted: to see that nothing was added or left beside it. */
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}
const std::string kValid = "run " + kFixtures + "/valid.yaml --quiet --replications 1 --out ";
}  // namespace

TEST_CASE("cli: a failing write keeps the previous results and names the reason", "[cli][outputs]") {
  const fs::path parent = fresh_dir("failing-write"), a = parent / "results";
  REQUIRE(cli(kValid + a.string() + " --seed 1").code == 0);
  const std::string before = slurp(a / "summary.csv");
  const auto files = entries(a);
  CHECK(std::find(files.begin(), files.end(), ".maillage-manifest") != files.end());
  // Files over 1 KB cannot be written (EFBIG, the signal ignored): as a full disk would.
  const Outcome o = cli(kValid + a.string() + " --seed 2", "trap '' XFSZ; ulimit -f 1; ");
  CHECK(o.code == 1);
  CHECK_THAT(o.err, Catch::Contains("error while writing " + a.string() + "/") && Catch::Contains("File too large") &&
                        Catch::Contains("the previous results in " + a.string() + " are kept"));
  CHECK(slurp(a / "summary.csv") == before);
  CHECK(entries(a) == files);
  CHECK(entries(parent) == std::vector<std::string>{"results"});  // no staging folder left
  fs::remove_all(parent);
}

TEST_CASE("cli: a folder holding other files is refused before simulating", "[cli][outputs]") {
  const fs::path a = fresh_dir("foreign");
  fs::create_directories(a);
  std::ofstream(a / "summary.csv") << "mine\n";
  const std::string long_run = " --set scenario.horizon=\"36500 d\" --replications 50";
  // Refused before simulating: the 100-year, 50-replication run would hit ctest's timeout.
  const Outcome foreign = cli(kValid + a.string() + long_run);
  CHECK(foreign.code == 2);
  CHECK_THAT(foreign.err, Catch::Contains("is not empty and is not a Maillage results folder (summary.csv)"));
  CHECK(slurp(a / "summary.csv") == "mine\n");
  // A Maillage folder with a file of the user's in it is not Maillage's alone any more.
  fs::remove(a / "summary.csv");
  REQUIRE(cli(kValid + a.string()).code == 0);
  std::ofstream(a / "notes.txt") << "mine\n";
  const Outcome added = cli(kValid + a.string() + long_run);
  CHECK(added.code == 2);
  CHECK_THAT(added.err, Catch::Contains("holds files Maillage did not write (notes.txt)"));
  CHECK(fs::exists(a / "summary.csv"));
  // --out a file, or in a file.
  const Outcome file = cli(kValid + (a / "notes.txt").string() + long_run);
  CHECK(file.code == 2);
  CHECK_THAT(file.err, Catch::Contains("notes.txt is a file, not a folder"));
  const Outcome inside = cli(kValid + (a / "notes.txt" / "x").string() + long_run);
  CHECK(inside.code == 2);
  CHECK_THAT(inside.err, Catch::Contains("Not a directory"));
  CHECK(slurp(a / "notes.txt") == "mine\n");
  fs::remove_all(a);
}

TEST_CASE("cli: a file of an earlier run does not survive the next run", "[cli][outputs]") {
  const fs::path a = fresh_dir("stale");
  REQUIRE(cli(kValid + a.string()).code == 0);
  // As if an earlier scenario (with a network) had written links.csv there.
  std::ofstream(a / "links.csv") << "plan,link\n";
  std::ofstream(a / ".maillage-manifest", std::ios::app) << "file: links.csv\n";
  REQUIRE(cli(kValid + a.string()).code == 0);
  CHECK_FALSE(fs::exists(a / "links.csv"));
  const std::string manifest = slurp(a / ".maillage-manifest");
  CHECK_THAT(manifest, Catch::Contains("file: summary.csv\n") && Catch::Contains("command: maillage run ") &&
                           !Catch::Contains("links.csv"));
  fs::remove_all(a);
}

namespace {
/** The processes whose parent is `parent` (from /proc). */
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> kids;
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::ifstream stat(e.path() / "stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) continue;
    std::istringstream rest(line.substr(line.rfind(')') + 2));
    char state = 0;
    pid_t ppid = 0;
    if (rest >> state >> ppid && ppid == parent) kids.push_back(std::stoi(e.path().filename().string()));
  }
  return kids;
}

/** Running, not a zombie waiting for a (container's) init that does not reap. */
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) return false;
  const char state = line[line.rfind(')') + 2];
  return state != 'Z' && state != 'X';
}
}  // namespace

TEST_CASE("cli: its simulation processes die with it", "[cli][outputs]") {
  for (int sig : {SIGKILL, SIGINT}) {
    INFO("signal " << sig);
    const fs::path a = fresh_dir("killed");
    const pid_t cli_pid = ::fork();
    REQUIRE(cli_pid >= 0);
    if (cli_pid == 0) {
      ::execl(kCli.c_str(), kCli.c_str(), "run", (kFixtures + "/valid.yaml").c_str(), "--quiet", "--jobs", "2",
              "--replications", "4", "--set", "scenario.horizon=36500 d", "--out", a.c_str(), (char*)nullptr);
      ::_exit(127);
    }
    std::vector<pid_t> kids;
    for (int i = 0; i < 100 && kids.size() < 2; ++i) {
      ::usleep(100000);
      kids = children_of(cli_pid);
    }
    REQUIRE(kids.size() == 2);
    ::kill(cli_pid, sig);
    int status = 0;
    ::waitpid(cli_pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    bool gone = false;
    for (int i = 0; i < 50 && !gone; ++i) {
      ::usleep(100000);
      gone = std::none_of(kids.begin(), kids.end(), alive);
    }
    CHECK(gone);
    for (pid_t k : kids) ::kill(k, SIGKILL);  // whatever happened, nothing is left running
    CHECK_FALSE(fs::exists(a));
    fs::remove_all(a);
  }
}
