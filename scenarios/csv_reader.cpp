#include "scenarios/csv_reader.hpp"

#include <cctype>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "scenarios/data_file.hpp"

namespace maillage {

namespace {

constexpr std::size_t kChunk = 1 << 16;

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

// "12,5" -> "12.5": a ';'-separated file writes decimals with a comma.
void decimal_point(std::string& v) {
  const std::size_t c = v.find(',');
  if (c == std::string::npos || c == 0 || c + 1 == v.size() || v.find(',', c + 1) != std::string::npos) return;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (i != c && !(std::isdigit(static_cast<unsigned char>(v[i])) || (i == 0 && v[i] == '-'))) return;
  v[c] = '.';
}

}  // namespace

std::unique_ptr<CsvReader> CsvReader::open(const std::string& path) {
  // No size limit: the reader holds one row at a time (the national RPPS extract is ~1 GB).
  check_data_file(path, std::numeric_limits<unsigned long long>::max());
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) throw DataFileError(path, DataFileError::kCannotRead);
  return std::make_unique<CsvReader>(std::move(in), path);
}

CsvReader::CsvReader(std::unique_ptr<std::istream> in, std::string file) : in_(std::move(in)), file_(std::move(file)) {
  at(2);
  if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // UTF-8 byte order mark
  sniff_separator();
  int line = 0;
  if (!record(header_, line)) throw std::runtime_error(file_ + ":1: empty file, expected a header line");
}

bool CsvReader::fill() {
  if (!*in_) return false;
  if (pos_ > kChunk) buf_.erase(0, pos_), pos_ = 0;
  const std::size_t old = buf_.size();
  buf_.resize(old + kChunk);
  in_->read(&buf_[old], static_cast<std::streamsize>(kChunk));
  buf_.resize(old + static_cast<std::size_t>(in_->gcount()));
  return buf_.size() > old;
}

// Whether byte i (from pos_) is there, reading more when needed.
bool CsvReader::at(std::size_t i) {
  while (pos_ + i >= buf_.size())
    if (!fill()) return false;
  return true;
}

// The separator, from the header line (outside quotes): the most frequent of ',' ';' '|'.
void CsvReader::sniff_separator() {
  int commas = 0, semicolons = 0, pipes = 0, tabs = 0;
  bool quoted = false;
  for (std::size_t i = 0; at(i); ++i) {
    const char c = buf_[pos_ + i];
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (c == '"') quoted = !quoted;
    else if (!quoted) commas += c == ',', semicolons += c == ';', pipes += c == '|', tabs += c == '\t';
  }
  if (tabs > 0 && commas == 0 && semicolons == 0 && pipes == 0)
    throw std::runtime_error(file_ + ":1: the header is separated by tabs; expected a CSV separated by ',' or ';' "
                                     "(save the sheet as CSV)");
  sep_ = pipes > commas && pipes > semicolons ? '|' : semicolons > commas ? ';' : ',';
}

// The next non-blank record, decoded to UTF-8; its first line in `line`.
bool CsvReader::record(std::vector<std::string>& out, int& line) {
  for (;;) {
    out.clear();
    std::string field;
    bool quoted = false, started = false, ended = false;
    line = line_;
    while (!ended) {
      if (!at(0)) {
        if (quoted) throw std::runtime_error(file_ + ":" + std::to_string(line) + ": unterminated quoted field");
        if (!started && out.empty()) return false;
        break;
      }
      const char ch = buf_[pos_++];
      if (quoted) {
        if (ch == '"') {
          if (at(0) && buf_[pos_] == '"') field += '"', ++pos_;
          else quoted = false;
        } else {
          if (ch == '\n') ++line_;
          field += ch;
        }
      } else if (ch == '"' && !started) {
        quoted = started = true;
      } else if (ch == sep_) {
        out.push_back(std::move(field));
        field.clear();
        started = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && at(0) && buf_[pos_] == '\n') ++pos_;
        ++line_;
        ended = true;
      } else {
        field += ch;
        started = true;
      }
    }
    out.push_back(std::move(field));
    if (out.size() == 1 && out[0].empty()) continue;  // a blank line
    bool utf8 = true;
    for (const auto& f : out) utf8 = utf8 && valid_utf8(f);
    if (!utf8)
      for (auto& f : out) f = latin1_to_utf8(f);
    return true;
  }
}

bool CsvReader::next(std::vector<std::string>& row, int& line) {
  if (!record(row, line)) return false;
  if (row.size() != header_.size()) {
    const char other = sep_ == ';' ? ',' : ';';
    std::string why = std::string(" (the header is separated by '") + sep_ + "'";
    bool other_seen = false, tab_seen = false;
    for (const auto& f : row)
      other_seen |= f.find(other) != std::string::npos, tab_seen |= f.find('\t') != std::string::npos;
    if (tab_seen) why += "; this line holds tabs: the file mixes separators";
    else if (other_seen) why += std::string("; this line holds '") + other + "': a wrong or mixed separator?";
    else why += "; a value holding the separator must be quoted";
    throw std::runtime_error(file_ + ":" + std::to_string(line) + ": expected " + std::to_string(header_.size()) +
                             " fields as in the header, got " + std::to_string(row.size()) + why + ")");
  }
  if (sep_ == ';')
    for (auto& f : row) decimal_point(f);
  return true;
}

}  // namespace maillage
