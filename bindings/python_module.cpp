// The pybind11 module behind the `maillage` Python package: conversion only. Scenarios are
// loaded and run by the same C++ calls as the command line, and every table comes back as
// the exact CSV text the command line writes, so Python and CLI results are the same bytes.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>

#include "models/experiment.hpp"
#include "models/travel_table.hpp"
#include "scenarios/csv_reader.hpp"
#include "scenarios/data_file.hpp"
#include "scenarios/gis_layers.hpp"
#include "scenarios/outline_extract.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report.hpp"
#include "scenarios/results_folder.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/site_ranking.hpp"

namespace py = pybind11;
using namespace maillage;

namespace {

std::string csv_text(const ResultTable& t) {
  std::ostringstream out;
  write_csv(t, out);
  return out.str();
}

/** Validates a scenario with overrides; raises ScenarioError with every message. */
py::dict check(const std::string& path, const std::vector<Override>& overrides, bool force) {
  const Scenario sc = load_scenario(path, overrides, force);
  py::dict info;
  py::list plans;
  plans.append("baseline");
  for (const auto& p : sc.plans) plans.append(p.first);
  info["name"] = sc.name;
  info["communes"] = sc.communes.size();
  info["practices"] = sc.practices.size();
  py::dict doctors;  // id -> doctors: what an override of supply.practices changed
  for (const auto& p : sc.practices) doctors[py::str(p.id)] = p.doctors;
  info["doctors"] = doctors;
  info["replications"] = sc.replications;
  info["seed"] = sc.seed;
  info["plans"] = plans;
  return info;
}

/** The progress callback takes the GIL: it is called from the C++ run loop. */
RunOptions options(std::optional<int> replications, std::optional<std::uint64_t> seed, const std::vector<std::string>& plans,
                   int jobs, const std::function<void(std::size_t, std::size_t)>& progress) {
  RunOptions opt;
  opt.replications = replications;
  opt.seed = seed;
  opt.plans = plans;
  opt.jobs = jobs;
  if (progress)
    opt.progress = [progress](std::size_t done, std::size_t total) {
      py::gil_scoped_acquire gil;
      progress(done, total);
    };
  return opt;
}

py::dict tables_of(const RunResult& r) {
  py::dict tables;
  tables["summary"] = csv_text(r.summary);
  tables["kpis"] = csv_text(r.kpis);
  tables["by_commune"] = csv_text(r.by_commune);
  tables["utilisation"] = csv_text(r.utilisation);
  tables["timeseries"] = csv_text(r.timeseries);
  if (!r.links.rows.empty()) tables["links"] = csv_text(r.links);
  if (!r.coverage.rows.empty()) tables["coverage"] = csv_text(r.coverage);
  if (!r.costs.rows.empty()) tables["costs"] = csv_text(r.costs);
  if (!r.cost_effectiveness.rows.empty()) tables["cost_effectiveness"] = csv_text(r.cost_effectiveness);
  return tables;
}

/** A run kept whole for Result.write: the files `maillage run` writes need the scenario
 *  (maps, layers) and the run itself, not only its tables. */
struct HeldRun {
  std::string path;
  Scenario scenario;
  RunResult result;
  std::optional<std::uint64_t> seed;
  std::optional<SiteRanking> ranking;  ///< select(): its files are `maillage select`'s
};

/** Writes what `maillage run` (or `select`) writes into `dir`, by the same calls and the
 *  same whole-or-nothing folder; `command` goes into the folder's manifest. */
void write_held(const HeldRun& held, const std::string& dir, const std::string& lang, const std::string& command) {
  const auto l = parse_lang(lang);
  if (!l) throw std::invalid_argument("lang takes \"en\" or \"fr\", got \"" + lang + "\"");
  ResultsFolder folder(dir, command, held.path);
  folder.write([&](const std::string& staging) {
    if (held.ranking) return write_ranking(*held.ranking, staging, *l);
    write_outputs(held.result, staging);
    const CommuneAggregate communes = aggregate_communes(held.result, held.scenario);
    write_gis_layers(held.result, held.scenario, communes, staging, *l);
    write_report(held.result, {held.scenario.name, held.result.warmup, nullptr, &held.scenario, *l, held.seed, &communes},
                 staging + "/report.html");
  });
}

py::tuple run(const std::string& path, const std::vector<Override>& overrides, std::optional<int> replications,
             std::optional<std::uint64_t> seed, const std::vector<std::string>& plans, int jobs,
             const std::function<void(std::size_t, std::size_t)>& progress, bool force) {
  auto held = std::make_shared<HeldRun>();
  held->path = path, held->seed = seed;
  held->scenario = load_scenario(path, overrides, force);
  const RunOptions opt = options(replications, seed, plans, jobs, progress);
  {
    py::gil_scoped_release release;  // simulations run in child processes meanwhile
    held->result = run_experiment(held->scenario, opt);
  }
  return py::make_tuple(tables_of(held->result), held);
}

/** `maillage select`: the run's tables plus selection and selection_sites, and the verdict. */
py::tuple select_sites(const std::string& path, const std::vector<Override>& overrides, std::optional<int> replications,
                 std::optional<std::uint64_t> seed, int jobs, const std::function<void(std::size_t, std::size_t)>& progress,
                 const std::string& lang) {
  const auto l = parse_lang(lang);
  if (!l) throw py::value_error("lang takes 'en' or 'fr', got '" + lang + "'");
  RunOptions opt = options(replications, seed, {}, jobs, progress);
  auto held = std::make_shared<HeldRun>();
  held->path = path, held->seed = seed;
  {
    py::gil_scoped_release release;
    held->ranking = rank_sites(path, opt, overrides);
  }
  const SiteRanking& r = *held->ranking;
  py::dict tables = tables_of(r.run);
  tables["selection"] = csv_text(r.ranking);
  tables["selection_sites"] = csv_text(r.sites);
  std::ostringstream printed;
  print_ranking(r, printed, *l);
  return py::make_tuple(tables, printed.str(), held);
}

/** `maillage travel`: the travel table as the CSV text the command line writes. */
std::string travel(const std::string& path, const std::vector<Override>& overrides, const std::vector<std::string>& from,
                   const std::vector<std::string>& to, bool sites) {
  return csv_text(travel_table(load_scenario(path, overrides), from, to, sites));
}

}  // namespace

PYBIND11_MODULE(_maillage, m) {
  m.doc() = "Maillage's C++ core: load and run scenarios (use the maillage package).";
  static py::exception<ScenarioError> scenario_error(m, "ScenarioError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ScenarioError& e) {
      PyErr_SetString(scenario_error.ptr(), e.what());
    } catch (const std::invalid_argument& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const DataFileError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    }
  });
  py::class_<HeldRun, std::shared_ptr<HeldRun>>(m, "HeldRun", "A run kept for Result.write (not picklable).");
  // The CSV rules of the scenario loader, for the importers: one reader for both.
  py::class_<CsvReader>(m, "CsvReader", "Rows of a CSV file read by the loader's rules (separator, encodings).")
      .def(py::init([](const std::string& path) { return CsvReader::open(path); }), py::arg("path"))
      .def_property_readonly("header", &CsvReader::header)
      .def_property_readonly("separator", [](const CsvReader& r) { return std::string(1, r.separator()); })
      .def("__iter__", [](CsvReader& r) -> CsvReader& { return r; })
      .def("__next__", [](CsvReader& r) {
        std::vector<std::string> row;
        int line = 0;
        if (!r.next(row, line)) throw py::stop_iteration();
        return py::make_tuple(line, row);
      }, "(line, fields) of the next data row");
  py::class_<OutlineExtract>(m, "OutlineExtract", "What extract_outlines read and wrote.")
      .def_readonly("layer", &OutlineExtract::layer)
      .def_readonly("key", &OutlineExtract::key)
      .def_readonly("reprojected", &OutlineExtract::reprojected)
      .def_readonly("features", &OutlineExtract::features)
      .def_readonly("kept", &OutlineExtract::kept)
      .def_readonly("missing", &OutlineExtract::missing);
  m.def("extract_outlines", [](const std::string& in, const std::vector<std::string>& codes, const std::string& out,
                               const std::string& key, double simplify_m) {
          return extract_outlines(in, codes, out, {key, simplify_m});
        }, py::arg("source"), py::arg("codes"), py::arg("out"), py::arg("key") = "", py::arg("simplify_m") = 25.0,
        "Writes the outlines of the communes `codes` from any vector file GDAL reads to a WGS84 GeoJSON.");
  m.def("write", &write_held, py::arg("run"), py::arg("dir"), py::arg("lang"), py::arg("command"),
        "Writes every file `maillage run` (or `select`) writes for this run into dir.");
  m.def("check", &check, py::arg("path"), py::arg("overrides"), py::arg("force") = false,
        "Validates a scenario file with overrides; returns its name, sizes and plans.");
  m.def("run", &run, py::arg("path"), py::arg("overrides"), py::arg("replications"), py::arg("seed"),
        py::arg("plans"), py::arg("jobs"), py::arg("progress"), py::arg("force") = false,
        "Runs a scenario; returns (each table as the CSV text the command line writes, the run for write()).");
  m.def("select", &select_sites, py::arg("path"), py::arg("overrides"), py::arg("replications"), py::arg("seed"),
        py::arg("jobs"), py::arg("progress"), py::arg("lang") = "en",
        "Ranks the options of a scenario's site_selection; returns (tables as CSV text, the printed ranking, the run).");
  m.def("travel", &travel, py::arg("path"), py::arg("overrides"), py::arg("from"), py::arg("to"), py::arg("sites"),
        "The road model's one-way travel (from,to,minutes,km) as the CSV text `maillage travel` writes.");
}
