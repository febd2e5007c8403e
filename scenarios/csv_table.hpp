#pragma once
// A CSV file held whole, for the data files a scenario points at: read by CsvReader (its
// rules: separator, decimal comma, encodings), at most kMaxDataFileBytes. Every value stays
// text; the loader converts and reports errors with the file and line.
#include <string>
#include <vector>

namespace maillage {

/** At most the first 40 characters of a value, for error messages. */
std::string short_value(const std::string& v);

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  ///< 1-based line of each row in the file

  /** Column index by name, or -1. */
  int column(const std::string& name) const;
  /** Reads a file; throws std::runtime_error("file:line: message") on unreadable or
   *  malformed input (unterminated quote, a row with the wrong number of fields). */
  static CsvTable read(const std::string& path);
  static CsvTable parse(const std::string& text, const std::string& file_for_messages);
};

}  // namespace maillage
