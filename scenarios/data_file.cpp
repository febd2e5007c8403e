#include "scenarios/data_file.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace maillage {

void check_data_file(const std::string& path, unsigned long long max_bytes) {
  // stat before opening: opening a FIFO blocks until a writer comes.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw DataFileError(path, DataFileError::kCannotRead);
  if (!S_ISREG(st.st_mode))
    throw DataFileError(path, std::string("not a regular file (") +
                        (S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a pipe" : "a device or socket") +
                        ")");
  if (static_cast<unsigned long long>(st.st_size) > max_bytes)
    throw DataFileError(path, std::to_string(st.st_size >> 20) + " MB, more than the limit of " +
                        std::to_string(max_bytes >> 20) + " MB for a data file");
}

std::string read_data_file(const std::string& path) {
  check_data_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataFileError(path, DataFileError::kCannotRead);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw DataFileError(path, DataFileError::kCannotRead);
  return ss.str();
}

std::optional<NonText> find_non_text(const std::string& text) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char* what = nullptr;
    std::size_t follow = 0;  // continuation bytes of a UTF-8 sequence
    if (c == 0) what = "a NUL byte";
    else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) what = "a control character";
    else if (c >= 0xC2 && c <= 0xDF) follow = 1;
    else if (c >= 0xE0 && c <= 0xEF) follow = 2;
    else if (c >= 0xF0 && c <= 0xF4) follow = 3;
    else if (c >= 0x80) what = "a byte that is not UTF-8";
    for (std::size_t k = 1; !what && k <= follow; ++k)
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) what = "a byte that is not UTF-8";
    if (what) return NonText{line, static_cast<int>(i - line_start) + 1, what};
    if (c == '\n') ++line, line_start = i + 1;
    i += 1 + follow;
  }
  return std::nullopt;
}

}  // namespace maillage
