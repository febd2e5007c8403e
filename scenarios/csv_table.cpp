#include "scenarios/csv_table.hpp"

#include <sstream>

#include "scenarios/csv_reader.hpp"
#include "scenarios/data_file.hpp"

namespace maillage {

int CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

CsvTable CsvTable::read(const std::string& path) {
  return parse(read_data_file(path), path);
}

std::string short_value(const std::string& v) {
  return v.size() <= 40 ? v : v.substr(0, 40) + "...";
}

CsvTable CsvTable::parse(const std::string& raw, const std::string& file) {
  CsvReader reader(std::make_unique<std::istringstream>(raw), file);
  CsvTable t;
  t.file = file;
  t.header = reader.header();
  std::vector<std::string> row;
  int line = 0;
  while (reader.next(row, line)) {
    t.rows.push_back(row);
    t.lines.push_back(line);
  }
  return t;
}

}  // namespace maillage
