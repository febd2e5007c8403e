#pragma once
// A results folder is written whole or not at all. Files go into a staging folder beside it
// (same filesystem) which takes the results folder's place only once every file is
// complete: a run that fails while writing (disk full, killed) leaves the previous results
// as they were. A manifest (.maillage-manifest) lists the files Maillage wrote, and a folder
// is replaced only when it is empty or holds nothing but those: a user's own files are never
// overwritten nor deleted, and no file of an earlier run survives beside the new ones.
#include <functional>
#include <string>

namespace maillage {

/** Writes `content` to `path` and flushes it to disk; throws std::runtime_error naming the
 *  file and the operating system's reason ("...by_commune.csv: No space left on device"). */
void write_file(const std::string& path, const std::string& content);

class ResultsFolder {
public:
  static constexpr const char* kManifest = ".maillage-manifest";

  /** Checks, before any simulation, that `dir` can take results: it is absent, empty, or
   *  holds only the files its manifest lists, and a folder can be made beside it. Throws
   *  std::runtime_error saying why not. `command` and `scenario` go into the manifest. */
  ResultsFolder(const std::string& dir, std::string command, std::string scenario);
  ~ResultsFolder();  ///< removes a staging folder never committed
  ResultsFolder(const ResultsFolder&) = delete;
  ResultsFolder& operator=(const ResultsFolder&) = delete;

  /** Calls `write_files` with an empty staging folder, then puts it in place of the results
   *  folder with its manifest. On failure throws, naming files by their final place; the
   *  previous results stay. */
  void write(const std::function<void(const std::string& staging_dir)>& write_files);

private:
  void check_replaceable() const;
  void stage();
  void commit();
  std::string dir_, staging_, command_, scenario_;
  bool staged_ = false;
};

}  // namespace maillage
