#include "scenarios/csv_table.hpp"

#include <stdexcept>

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

CsvTable CsvTable::parse(const std::string& text, const std::string& file) {
  CsvTable t;
  t.file = file;
  std::vector<std::string> record;
  std::string field;
  int line = 1, record_line = 1;
  bool quoted = false, field_started = false;
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // UTF-8 byte order mark
  auto end_record = [&] {
    record.push_back(field);
    field.clear();
    field_started = false;
    const bool blank = record.size() == 1 && record[0].empty();
    if (!blank) {
      if (t.header.empty()) {
        t.header = record;
      } else {
        if (record.size() != t.header.size())
          throw std::runtime_error(file + ":" + std::to_string(record_line) + ": expected " +
                                   std::to_string(t.header.size()) + " fields as in the header, got " +
                                   std::to_string(record.size()));
        t.rows.push_back(record);
        t.lines.push_back(record_line);
      }
    }
    record.clear();
  };
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
    } else if (ch == '"' && !field_started) {
      quoted = field_started = true;
    } else if (ch == ',') {
      record.push_back(field);
      field.clear();
      field_started = false;
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      record_line = ++line;
    } else {
      field += ch;
      field_started = true;
    }
  }
  if (quoted) throw std::runtime_error(file + ":" + std::to_string(record_line) + ": unterminated quoted field");
  if (field_started || !record.empty()) end_record();
  if (t.header.empty()) throw std::runtime_error(file + ":1: empty file, expected a header line");
  return t;
}

}  // namespace maillage
