#include "scenarios/results_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <vector>

namespace fs = std::filesystem;

namespace maillage {
namespace {

const std::string kStagingTag = ".maillage-tmp-";

[[noreturn]] void fail(const std::string& what, int error = errno) {
  throw std::runtime_error(what + ": " + std::strerror(error));
}

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

/** The files the folder's manifest lists; `has_manifest` says whether there is one. */
std::set<std::string> listed_files(const fs::path& dir, bool& has_manifest) {
  std::ifstream in(dir / ResultsFolder::kManifest);
  has_manifest = static_cast<bool>(in);
  std::set<std::string> files;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("file: ", 0) == 0) files.insert(line.substr(6));
  return files;
}

/** Staging folders of runs killed while writing, beside `dir`: their process is gone. */
void remove_stale_staging(const fs::path& dir) {
  const std::string prefix = "." + dir.filename().string() + kStagingTag;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir.parent_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
  }
}

}  // namespace

void write_file(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail("cannot write " + path);
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t w = ::write(fd, content.data() + done, content.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      const int error = errno;
      ::close(fd);
      fail("error while writing " + path, error);
    }
    done += static_cast<std::size_t>(w);
  }
  // A full disk may show only here, when the data reaches it.
  if (::fsync(fd) != 0 && errno != EINVAL) {
    const int error = errno;
    ::close(fd);
    fail("error while writing " + path, error);
  }
  if (::close(fd) != 0) fail("error while writing " + path);
}

ResultsFolder::ResultsFolder(const std::string& dir, std::string command, std::string scenario)
    : command_(std::move(command)), scenario_(std::move(scenario)) {
  fs::path d = fs::absolute(dir).lexically_normal();
  if (!d.has_filename()) d = d.parent_path();  // "out/x/" is "out/x"
  if (d == d.root_path()) throw std::runtime_error(dir + ": the root cannot be a results folder");
  dir_ = d.string();
  staging_ = (d.parent_path() / ("." + d.filename().string() + kStagingTag + std::to_string(::getpid()))).string();
  check_replaceable();
  std::error_code ec;
  fs::create_directories(d.parent_path(), ec);
  if (ec) throw std::runtime_error("cannot create the folder " + d.parent_path().string() + ": " + ec.message());
  remove_stale_staging(d);
  stage();  // a folder can be made beside it: the results can be written
  fs::remove(staging_, ec);
  staged_ = false;
}

ResultsFolder::~ResultsFolder() {
  std::error_code ec;
  if (staged_) fs::remove_all(staging_, ec);
}

void ResultsFolder::check_replaceable() const {
  std::error_code ec;
  const auto status = fs::status(dir_, ec);
  if (status.type() == fs::file_type::not_found) return;
  if (ec) throw std::runtime_error("cannot use " + dir_ + ": " + ec.message());
  if (!fs::is_directory(status)) throw std::runtime_error(dir_ + " is a file, not a folder");
  bool has_manifest = false;
  const std::set<std::string> listed = listed_files(dir_, has_manifest);
  std::vector<std::string> foreign;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name != kManifest && !listed.count(name)) foreign.push_back(name);
  }
  if (ec) throw std::runtime_error("cannot read the folder " + dir_ + ": " + ec.message());
  if (foreign.empty()) return;
  std::sort(foreign.begin(), foreign.end());
  std::string names;
  for (std::size_t i = 0; i < foreign.size() && i < 3; ++i) names += (i ? ", " : "") + foreign[i];
  if (foreign.size() > 3) names += " and " + std::to_string(foreign.size() - 3) + " more";
  throw std::runtime_error(dir_ + (has_manifest ? " holds files Maillage did not write (" : " is not empty and is not a Maillage results folder (") +
                           names + "): they would be lost; choose an empty or new folder, or move them away");
}

void ResultsFolder::stage() {
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    throw std::runtime_error("cannot create a folder beside " + dir_ + ": " + (ec ? ec.message() : "it exists"));
  staged_ = true;
}

void ResultsFolder::write(const std::function<void(const std::string&)>& write_files) {
  try {
    stage();
    write_files(staging_);
    commit();
  } catch (const std::exception& e) {
    std::string m = e.what();
    for (std::size_t at; (at = m.find(staging_)) != std::string::npos;) m.replace(at, staging_.size(), dir_);
    std::error_code ec;
    throw std::runtime_error(m + (fs::exists(dir_, ec) ? " (the previous results in " + dir_ + " are kept)" : " (no results written)"));
  }
}

void ResultsFolder::commit() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(staging_)) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  std::string manifest = "# Maillage results: a run with this folder as --out replaces it whole (the files below only).\n"
                         "command: " + one_line(command_) + "\nscenario: " + one_line(scenario_) + "\n";
  for (const auto& f : files) manifest += "file: " + f + "\n";
  write_file(staging_ + "/" + kManifest, manifest);

  check_replaceable();  // files may have come while the simulation ran
  std::error_code ec;
  if (!fs::exists(dir_, ec)) {
    if (::rename(staging_.c_str(), dir_.c_str()) != 0) fail("cannot move the results to " + dir_);
  } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(staging_, ec);  // the staging path now holds the old results
  } else {  // a filesystem without the atomic exchange: two renames, the old folder back on failure
    const std::string old = staging_ + "-old";
    if (::rename(dir_.c_str(), old.c_str()) != 0) fail("cannot replace " + dir_);
    if (::rename(staging_.c_str(), dir_.c_str()) != 0) {
      const int error = errno;
      ::rename(old.c_str(), dir_.c_str());
      fail("cannot replace " + dir_, error);
    }
    fs::remove_all(old, ec);
  }
  staged_ = false;
}

}  // namespace maillage
