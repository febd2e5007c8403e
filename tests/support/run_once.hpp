#pragma once
// Helpers for tests that run a simulation: one replication in a child process (SimGrid
// allows one engine per process), and reading values out of its tables.
#include <catch2/catch.hpp>

#include <string>

#include "engine/process_pool.hpp"
#include "models/simulation.hpp"

namespace maillage::test {

inline ResultSet run_once(const Scenario& sc) {
  const auto out = run_in_processes(1, 1, [&](std::size_t) { return Simulation(sc, sc.seed, 1).run("baseline").serialise(); });
  REQUIRE(out[0].ok);
  return ResultSet::deserialise(out[0].bytes);
}

/** The value of a column in the first row of one of the tables. */
inline double first(const ResultSet& set, const char* table, const char* column) {
  const ResultTable& t = *set.find(table);
  return t.rows[0].values[static_cast<std::size_t>(t.value_index(column))];
}

/** A column of the utilisation table for one resource; -1 when absent. */
inline double utilisation_value(const ResultSet& set, const std::string& resource, std::size_t column) {
  for (const auto& r : set.find("utilisation")->rows)
    if (r.keys[2] == resource) return r.values[column];
  return -1;
}

}  // namespace maillage::test
