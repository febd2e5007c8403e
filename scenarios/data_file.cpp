#include "scenarios/data_file.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace maillage {

std::string read_data_file(const std::string& path) {
  // stat before opening: opening a FIFO blocks until a writer comes.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw DataFileError(path, DataFileError::kCannotRead);
  if (!S_ISREG(st.st_mode))
    throw DataFileError(path, std::string("not a regular file (") +
                        (S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a pipe" : "a device or socket") +
                        ")");
  if (static_cast<unsigned long long>(st.st_size) > kMaxDataFileBytes)
    throw DataFileError(path, std::to_string(st.st_size >> 20) + " MB, more than the limit of " +
                        std::to_string(kMaxDataFileBytes >> 20) + " MB for a data file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataFileError(path, DataFileError::kCannotRead);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw DataFileError(path, DataFileError::kCannotRead);
  return ss.str();
}

std::pair<int, int> nul_byte_position(const std::string& text) {
  const auto nul = text.find('\0');
  if (nul == std::string::npos) return {0, 0};
  const auto line_start = text.rfind('\n', nul);  // npos + 1 == 0: the first line
  return {1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n')),
          static_cast<int>(nul - (line_start + 1)) + 1};
}

}  // namespace maillage
