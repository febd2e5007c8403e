// The `maillage` command: a thin shell over the library (load, run, write).
// Exit codes: 0 success, 1 bad input (the scenario) or results not written, 2 usage
// (--out included), 3 a simulation failed.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "bindings/cli_travel.hpp"
#include "models/experiment.hpp"
#include "scenarios/gis_layers.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report.hpp"
#include "scenarios/report_first_screen.hpp"
#include "scenarios/results_folder.hpp"
#include "scenarios/scenario_loader.hpp"

namespace {

constexpr const char* kUsage = R"(maillage: simulate care access on a territory (wait, unserved need, travel).

Usage:
  maillage run SCENARIO.yaml [options]   run the replications, print the summary, write results
  maillage select SCENARIO.yaml [options]
                                         rank the options of its site_selection: an analytic
                                         screen (p-median or maximal covering), then each
                                         option simulated on common random numbers
  maillage check SCENARIO.yaml [--set KEY=VALUE]... [--force]
                                         validate only: exit 0, or 1 with every error found
  maillage travel SCENARIO.yaml [--from INSEE...] [--to INSEE...] [--sites] [--out travel.csv]
                                         the model's one-way travel (from,to,minutes,km) between
                                         communes (default: all), with --sites also to every
                                         practice, cabin, EHPAD and hospital by id (stdout
                                         without --out)
  maillage calibrate SCENARIO.yaml --observed times.csv [--folds K] [--out DIR]
                                         fit the road model (access time, speeds by trip
                                         distance, detour when km are given) to observed times
                                         (from,to,minutes[,km]); print the errors before and
                                         after, cross-validated; write DIR/roads.yaml
  maillage new DEPT... [--epci SIREN...] --out DIR [--practices F] [--hospitals F] [--ages F] [--outlines F] [--synthetic-supply] [--communes F]
                                         write a runnable starter scenario for those départements
  maillage import rpps|bpe|finess|ages FILE... --departements D... --out FILE
                                         turn a public file (Annuaire Santé, INSEE BPE, FINESS,
                                         census age bands) into a file scenarios read
  maillage import epci Epcicom.csv --out TABLE [--communes F] [--departements D...]
                                         set the communes' EPCI from the DGCL list of members
  maillage --help | --version

Options of run and select:
  --replications N   replications (default: the scenario's)
  --seed S           base seed (default: the scenario's)
  --out DIR          where to write report.html, summary.csv, kpis.csv, by_commune.csv, utilisation.csv, the GIS layers
                     (default: out/<scenario name>). The folder is replaced whole once every
                     file is written, and only if it is new, empty or a Maillage results folder
                     (its .maillage-manifest lists the files): a folder holding other files is
                     refused, before simulating (exit 2)
  --plan NAME        a plan to run (repeat for several; default: every plan of the scenario;
                     "baseline" is the scenario itself); not for select
  --jobs N           simulations run at once, one process each (default: one per core)
  --set KEY=VALUE    override a scenario value, e.g. --set demand.care_types.gp_acute.rate="1.4 per year";
                     a list item by index, by id or all: supply.practices[0|msp-mer|*].doctors=6;
                     a bare number keeps the scenario's unit (rate=1.4: 1.4 per year); "*0.9" scales
  --force            accept a scenario beyond the work limits (about 2e9 episodes a replication,
                     1e6 supply items, 1e4 plans): they catch typos in rates and horizons
  --series           also print the main measures week by week, to check the warm-up
  --lang en|fr       the language of report.html and the printed summary (default: en)
  --quiet            no summary table, no progress
  --verbose          SimGrid's own log on stderr

Exit codes: 0 success, 1 bad input or results not written (the previous ones are kept),
2 usage (an --out that cannot take the results included), 3 a simulation failed.
)";

int usage_error(const std::string& message) {
  std::cerr << "maillage: " << message << "\n(see maillage --help)\n";
  return 2;
}

bool parse_int(const std::string& s, long long lo, long long hi, long long& out) {
  char* end = nullptr;
  errno = 0;
  out = std::strtoll(s.c_str(), &end, 10);
  return !s.empty() && *end == '\0' && errno == 0 && out >= lo && out <= hi;
}


/** Each caveat on its own line ("caveat: ..."), before any figure. */
void print_caveats(const std::vector<std::string>& caveats, maillage::Lang lang) {
  for (const std::string& caveat : caveats) std::cout << maillage::word("caveat.line", lang) << maillage::colon(lang) << caveat << "\n";
}
}  // namespace

namespace maillage::cli {
// `new` and `import` live in the Python package (build/python next to this binary): run
// Debian's interpreter on it, in place of this process, so exit codes and errors pass through.
int python_command(const std::vector<std::string>& args) {
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return usage_error("cannot locate the maillage binary (/proc/self/exe)");
  std::string dir(exe, static_cast<std::size_t>(n));
  dir = dir.substr(0, dir.rfind('/'));
  const std::string package = dir + "/python";
  const char* old = std::getenv("PYTHONPATH");
  const std::string path = package + (old && *old ? ":" + std::string(old) : "");
  setenv("PYTHONPATH", path.c_str(), 1);
  std::vector<std::string> words = {"python3", "-m", "maillage.command"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> cargs;
  for (auto& w : words) cargs.push_back(w.data());
  cargs.push_back(nullptr);
  execv("/usr/bin/python3", cargs.data());
  std::cerr << "maillage: cannot run /usr/bin/python3 for \"" << args[0] << "\"\n";
  return 1;
}
}  // namespace maillage::cli

namespace {
int run_command(int argc, char** argv) {
  using namespace maillage;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "maillage 0.1.0\n";
    return 0;
  }
  const std::string command = args[0];
  if (command == "travel") return cli::travel_command(args);
  if (command == "calibrate") return cli::calibrate_command(args);
  if (command == "new" || command == "import") return cli::python_command(args);
  if (command != "run" && command != "check" && command != "select") return usage_error("unknown command \"" + command + "\"");

  std::string scenario_path, out_dir;
  RunOptions options;
  std::vector<Override> overrides;
  bool quiet = false, series = false, force = false;
  Lang lang = Lang::en;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& v) {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string v;
    long long n = 0;
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--set") {
      if (!value(v) || v.find('=') == std::string::npos) return usage_error("--set takes KEY=VALUE");
      overrides.emplace_back(v.substr(0, v.find('=')), v.substr(v.find('=') + 1));
    } else if (a == "--force") {
      force = true;
    } else if (command == "check") {
      if (a.rfind("--", 0) == 0) return usage_error("unknown option " + a + " for check");
      if (!scenario_path.empty()) return usage_error("one scenario at a time");
      scenario_path = a;
    } else if (a == "--replications") {
      if (!value(v) || !parse_int(v, 1, 100000, n)) return usage_error("--replications takes a number from 1 to 100000");
      options.replications = static_cast<int>(n);
    } else if (a == "--seed") {
      if (!value(v) || !parse_int(v, 0, (1LL << 62), n)) return usage_error("--seed takes a non-negative whole number");
      options.seed = static_cast<std::uint64_t>(n);
    } else if (a == "--jobs") {
      if (!value(v) || !parse_int(v, 1, 1024, n)) return usage_error("--jobs takes a number from 1 to 1024");
      options.jobs = static_cast<int>(n);
    } else if (a == "--out") {
      if (!value(out_dir)) return usage_error("--out takes a folder");
    } else if (a == "--plan") {
      if (command == "select") return usage_error("select runs the baseline and every option: --plan is for run");
      if (!value(v)) return usage_error("--plan takes a plan name");
      options.plans.push_back(v);
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--series") {
      series = true;
    } else if (a == "--lang") {
      const auto l = value(v) ? parse_lang(v) : std::nullopt;
      if (!l) return usage_error("--lang takes en or fr");
      lang = *l;
    } else if (a == "--verbose") {
      options.verbose = true;
    } else if (a.rfind("--", 0) == 0) {
      return usage_error("unknown option " + a);
    } else {
      if (!scenario_path.empty()) return usage_error("one scenario at a time");
      scenario_path = a;
    }
  }
  if (scenario_path.empty()) return usage_error("missing the scenario file");

  auto report = [&](const ScenarioError& e) {
    std::cerr << e.what() << "\n"
              << e.diagnostics().size() << " error" << (e.diagnostics().size() == 1 ? "" : "s")
              << ": the scenario was not run\n";
    return 1;
  };
  Scenario scenario;
  try {
    scenario = load_scenario(scenario_path, overrides, force);
  } catch (const ScenarioError& e) {
    return report(e);
  }
  if (command == "check") {
    std::cout << scenario_path << ": OK (" << scenario.communes.size() << " communes, "
              << scenario.practices.size() << " practices, " << scenario.care_types.size() << " care types)\n";
    print_caveats(scenario.caveats, lang);
    return 0;
  }
  if (out_dir.empty()) out_dir = "out/" + scenario.name;
  // The folder is checked now: a wrong --out should not cost a whole simulation.
  std::optional<ResultsFolder> folder;
  try {
    std::string command_line = "maillage";
    for (const auto& a : args) command_line += " " + a;
    folder.emplace(out_dir, command_line, scenario_path);
  } catch (const std::exception& e) {
    return usage_error("--out " + out_dir + ": " + e.what());
  }

  // Progress only for a person watching a terminal, and only once a run takes a while.
  const auto started = std::chrono::steady_clock::now();
  const bool show_progress = !quiet && ::isatty(STDERR_FILENO);
  bool progress_shown = false;
  options.progress = [&](std::size_t done, std::size_t total) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!show_progress || (elapsed < 3.0 && done < total)) return;
    std::fprintf(stderr, "\r  simulations %zu/%zu  (%.0f s)%s", done, total, elapsed, done == total ? "\n" : "");
    progress_shown = true;
  };

  // Simulates then writes, turning failures into the exit codes: a bad input (1), a
  // simulation that failed (3), results that could not be written (1).
  auto attempt = [&](const std::function<void()>& simulate, const std::function<void(const std::string&)>& write,
                     const std::string& invalid_prefix) {
    try {
      simulate();
    } catch (const ScenarioError& e) {
      return report(e);
    } catch (const std::invalid_argument& e) {
      std::cerr << scenario_path << ": " << invalid_prefix << e.what() << "\n";
      return 1;
    } catch (const std::exception& e) {
      if (progress_shown) std::fprintf(stderr, "\n");
      std::cerr << "maillage: simulation failed: " << e.what() << "\n";
      return 3;
    }
    try {
      folder->write(write);
    } catch (const std::exception& e) {
      std::cerr << "maillage: " << e.what() << "\n";
      return 1;
    }
    return 0;
  };

  if (command == "select") {
    if (!scenario.site_selection) {
      std::cerr << scenario_path << ": no site_selection section: nothing to select (see SPEC.md, site_selection)\n";
      return 1;
    }
    SiteRanking ranking;
    const int code = attempt([&] { ranking = rank_sites(scenario_path, options, overrides); },
                             [&](const std::string& dir) { write_ranking(ranking, dir, lang); }, "site_selection: ");  // invalid: no feasible option
    if (code != 0) return code;
    if (!quiet) {
      print_ranking(ranking, std::cout, lang);
      std::cout << note(ranking.run.replications_note, lang) << "\n"
                << "results written to " << out_dir << "/ (report.html, selection.csv, selection_sites.csv, and each option's summary.csv, kpis.csv...)\n";
    }
    return 0;
  }

  RunResult result;
  const int code = attempt([&] { result = run_experiment(scenario, options); },  // invalid: e.g. an unknown plan
                           [&](const std::string& dir) {
                             write_outputs(result, dir);
                             const CommuneAggregate communes = aggregate_communes(result, scenario);
                             write_gis_layers(result, scenario, communes, dir, lang);
                             write_report(result, {scenario.name, result.warmup, nullptr, &scenario, lang, options.seed, &communes},
                                          dir + "/report.html");
                           },
                           "");
  if (code != 0) return code;
  if (!quiet) {
    std::cout << "scenario " << scenario.name << " (" << scenario.communes.size() << " communes, "
              << scenario.practices.size() << " practices, " << 1 + scenario.plans.size() << " plan"
              << (scenario.plans.empty() ? "" : "s") << ")\n";
    print_caveats(scenario.caveats, lang);
    print_caveats(censored_waits(result, lang), lang);
    if (series) print_series(result, result.warmup, std::cout);
    print_summary(result, std::cout, lang);
    std::cout << note(result.replications_note, lang) << "\n";
    if (!result.warmup_note.empty()) std::cout << note(result.warmup_note, lang) << "\n";
    std::cout << "results written to " << out_dir << "/ (report.html, summary.csv, kpis.csv, by_commune.csv, utilisation.csv, timeseries.csv, communes.geojson, sites.geojson, layers.gpkg"
              << (result.links.rows.empty() ? "" : ", links.csv") << (result.coverage.rows.empty() ? "" : ", coverage.csv")
              << (result.costs.rows.empty() ? "" : ", costs.csv")
              << (result.cost_effectiveness.rows.empty() ? "" : ", cost_effectiveness.csv")
              << ")\n";
  }
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const int code = run_command(argc, argv);
  // Every output is written and closed by now. Leave without the libraries' static
  // destructors (GDAL, PROJ, SimGrid, ns-3): about 30 ms of a run for memory the system takes
  // back anyway (benchmarks/README.md, session 14). Sanitizer builds exit normally, so that
  // LeakSanitizer still checks the command.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
#if defined(__SANITIZE_ADDRESS__)
  return code;
#else
  std::_Exit(code);
#endif
}
