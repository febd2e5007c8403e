#pragma once
// A table of results: key columns (text, e.g. plan, insee) and value columns (numbers,
// NaN = missing). What one simulation sends back to the parent process, and what the
// writers turn into CSV. Serialises to bytes so it can cross a pipe.
#include <string>
#include <vector>

namespace maillage {

struct ResultTable {
  std::vector<std::string> key_columns;
  std::vector<std::string> value_columns;
  struct Row {
    std::vector<std::string> keys;
    std::vector<double> values;
  };
  std::vector<Row> rows;

  /** Index of a value column, or -1. */
  int value_index(const std::string& name) const;
  /** A row's value in the named column; NaN when there is no such column. */
  double value(const Row& row, const std::string& column) const;
  /** Appends the rows of another table with the same columns. */
  void append(const ResultTable& other);
  /** The distinct values of the first key column, in the order rows give them. */
  std::vector<std::string> first_keys() const;

  std::string serialise() const;
  /** Throws std::runtime_error on malformed input. */
  static ResultTable deserialise(const std::string& bytes);
};

/** Several named tables, e.g. {"summary", "by_commune", "utilisation"}. */
struct ResultSet {
  std::vector<std::string> names;
  std::vector<ResultTable> tables;

  ResultTable& table(const std::string& name);  ///< creates it when absent
  const ResultTable* find(const std::string& name) const;
  std::string serialise() const;
  static ResultSet deserialise(const std::string& bytes);
};

}  // namespace maillage
