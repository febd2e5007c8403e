#include "scenarios/csv_table.hpp"

#include <cctype>
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

namespace {

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || c == 0xC0 || c == 0xC1 || i + static_cast<std::size_t>(n) >= s.size()) return false;
    for (int k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) >> 6) != 2) return false;
    i += static_cast<std::size_t>(n) + 1;
  }
  return true;
}

// Spreadsheets saved "CSV (separator: semicolon)" by French Excel are Windows-1252/latin-1.
std::string latin1_to_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// The separator, from the header line (outside quotes): ';' when it has more ';' than ','.
char sniff_separator(const std::string& text, std::size_t from, const std::string& file) {
  int commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (std::size_t i = from; i < text.size() && (quoted || (text[i] != '\n' && text[i] != '\r')); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted) commas += c == ',', semicolons += c == ';', tabs += c == '\t';
  }
  if (tabs > 0 && commas == 0 && semicolons == 0)
    throw std::runtime_error(file + ":1: the header is separated by tabs; expected a CSV separated by ',' or ';' "
                                    "(save the sheet as CSV)");
  return semicolons > commas ? ';' : ',';
}

// "12,5" -> "12.5": a ';'-separated file writes decimals with a comma.
void decimal_point(std::string& v) {
  const std::size_t c = v.find(',');
  if (c == std::string::npos || c == 0 || c + 1 == v.size() || v.find(',', c + 1) != std::string::npos) return;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (i != c && !(std::isdigit(static_cast<unsigned char>(v[i])) || (i == 0 && v[i] == '-'))) return;
  v[c] = '.';
}

}  // namespace

std::string short_value(const std::string& v) {
  return v.size() <= 40 ? v : v.substr(0, 40) + "...";
}

CsvTable CsvTable::parse(const std::string& raw, const std::string& file) {
  CsvTable t;
  t.file = file;
  const std::string text = valid_utf8(raw) ? raw : latin1_to_utf8(raw);
  std::vector<std::string> record;
  std::string field;
  int line = 1, record_line = 1;
  bool quoted = false, field_started = false;
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // UTF-8 byte order mark
  const char sep = sniff_separator(text, i, file);
  const char other = sep == ';' ? ',' : ';';
  auto end_record = [&] {
    record.push_back(field);
    field.clear();
    field_started = false;
    const bool blank = record.size() == 1 && record[0].empty();
    if (!blank) {
      if (t.header.empty()) {
        t.header = record;
      } else {
        if (record.size() != t.header.size()) {
          std::string why = std::string(" (the header is separated by '") + sep + "'";
          bool other_seen = false, tab_seen = false;
          for (const auto& f : record)
            other_seen |= f.find(other) != std::string::npos, tab_seen |= f.find('\t') != std::string::npos;
          if (tab_seen) why += "; this line holds tabs: the file mixes separators";
          else if (other_seen) why += std::string("; this line holds '") + other + "': a wrong or mixed separator?";
          else why += "; a value holding the separator must be quoted";
          throw std::runtime_error(file + ":" + std::to_string(record_line) + ": expected " +
                                   std::to_string(t.header.size()) + " fields as in the header, got " +
                                   std::to_string(record.size()) + why + ")");
        }
        if (sep == ';')
          for (auto& f : record) decimal_point(f);
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
    } else if (ch == sep) {
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
