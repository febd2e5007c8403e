#pragma once
// The rules of Maillage's CSV files, read one row at a time: RFC 4180 (quoted fields, doubled
// quotes, CRLF), the separator sniffed from the header line (',', ';' or '|', as spreadsheets
// and the public files write them; tabs are refused with a message), decimal comma in ';'
// files, UTF-8 with or without BOM or latin-1 (converted to UTF-8, record by record). The
// scenario loader's CsvTable and the Python importers both read through it, so a file reads
// the same everywhere; streaming lets the importers take national extracts of a few GB.
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace maillage {

class CsvReader {
 public:
  /** Reads `in`; `file` names it in messages. Reads the header at once; throws
   *  std::runtime_error("file:line: message") on a malformed or empty file. */
  CsvReader(std::unique_ptr<std::istream> in, std::string file);
  /** A regular file of any size; throws DataFileError when it is not one. */
  static std::unique_ptr<CsvReader> open(const std::string& path);

  const std::string& file() const { return file_; }
  const std::vector<std::string>& header() const { return header_; }
  char separator() const { return sep_; }

  /** The next data row and its 1-based line (blank lines skipped); false at the end. Throws
   *  std::runtime_error on a row with another number of fields than the header (naming a
   *  likely wrong separator) or an unterminated quote. */
  bool next(std::vector<std::string>& row, int& line);

 private:
  bool fill();
  bool at(std::size_t i);
  bool record(std::vector<std::string>& out, int& line);
  void sniff_separator();

  std::unique_ptr<std::istream> in_;
  std::string file_, buf_;
  std::size_t pos_ = 0;
  int line_ = 1;
  char sep_ = ',';
  std::vector<std::string> header_;
};

}  // namespace maillage
