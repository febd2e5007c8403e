#pragma once
// Reading the files a scenario names (the scenario itself, CSV tables, supply lists kept in
// files of their own) safely: only regular files, at most kMaxDataFileBytes, so a device
// (/dev/zero), a FIFO (which would block forever) or a directory is a clear error instead
// of a hang, an exhausted memory or an exception from deep inside a parser.
#include <cstddef>
#include <stdexcept>
#include <optional>
#include <string>

namespace maillage {

/** The largest data file read: 512 MB (France's communes and roads are a few tens of MB). */
constexpr std::size_t kMaxDataFileBytes = 512u << 20;

/** Thrown with "path: reason", e.g. "data/x.csv: not a regular file (a directory)". */
struct DataFileError : std::runtime_error {
  DataFileError(const std::string& path, std::string why) : std::runtime_error(path + ": " + why), reason(std::move(why)) {}
  std::string reason;
  bool missing() const { return reason == kCannotRead; }
  static constexpr const char* kCannotRead = "cannot read the file";
};

/** Throws DataFileError unless `path` is a regular file of at most `max_bytes`: for files
 *  that a library reads itself (OpenStreetMap extracts). */
void check_data_file(const std::string& path, unsigned long long max_bytes = kMaxDataFileBytes);

/** The bytes of a regular file of at most kMaxDataFileBytes; throws DataFileError. */
std::string read_data_file(const std::string& path);

/** Where a file stops being text: a NUL byte, a control character or bytes that are not
 *  UTF-8 (a binary file). YAML parsers would report it as an escape, a truncated scalar, or
 *  take the bytes as a value and echo them back. */
struct NonText {
  int line = 0, column = 0;  ///< 1-based, column in bytes
  std::string what;          ///< "a NUL byte", "a control character", "a byte that is not UTF-8"
};
std::optional<NonText> find_non_text(const std::string& text);

}  // namespace maillage
