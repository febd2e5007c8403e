#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

// The example scenarios are documentation: they must load and run, and their results must
// keep the shape the README shows.
namespace fs = std::filesystem;

TEST_CASE("the Loir-et-Cher example validates and runs", "[example]") {
  const std::string root = MAILLAGE_SOURCE_DIR;
  const std::string cli = MAILLAGE_CLI;
  const fs::path out = fs::temp_directory_path() / ("maillage-example-" + std::to_string(::getpid()));
  fs::remove_all(out);
  CHECK(std::system((cli + " check " + root + "/scenarios/loir-et-cher.yaml >/dev/null").c_str()) == 0);
  // A shortened run: the same territory and supply, two months, two replications.
  const int status = std::system((cli + " run " + root + "/scenarios/loir-et-cher.yaml --replications 2" +
                                  " --set scenario.horizon=\"60 d\" --set scenario.warmup=\"14 d\" --quiet --out " +
                                  out.string())
                                     .c_str());
  REQUIRE(WEXITSTATUS(status) == 0);
  std::ifstream in(out / "by_commune.csv");
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) ++rows;
  CHECK(rows == 1 + 2 * 267);  // header, then each commune in each replication
  std::ifstream summary(out / "summary.csv");
  std::getline(summary, line);
  std::getline(summary, line);
  CHECK_THAT(line, Catch::StartsWith("baseline,1,"));
  fs::remove_all(out);
}
