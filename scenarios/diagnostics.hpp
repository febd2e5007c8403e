#pragma once
// Errors in a scenario, each with where it is and what was expected:
//   scenarios/x.yaml:12:9: supply.practices[3].commune: unknown commune "41999"
// Collected, not thrown one by one, so a user fixes them all in one pass.
#include <stdexcept>
#include <string>
#include <vector>

namespace maillage {

struct Diagnostic {
  std::string file;
  int line = 0, column = 0;  ///< 1-based; 0 = unknown
  std::string path;          ///< key path, e.g. supply.practices[3].commune
  std::string message;
  std::string str() const;
};

/** A value as messages quote it: its first line, at most 40 characters, then "…" when
 *  cut; a file read by mistake (a list that is /etc/passwd) is never echoed whole. */
std::string short_text(const std::string& s);

/** A scenario that cannot be simulated; what() lists every diagnostic, one per line. */
class ScenarioError : public std::runtime_error {
public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace maillage
