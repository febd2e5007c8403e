#include "scenarios/diagnostics.hpp"

namespace maillage {

std::string Diagnostic::str() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": ";
  if (!path.empty()) s += path + ": ";
  return s + message;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += (s.empty() ? "" : "\n") + d.str();
  return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> ds) : std::runtime_error(join(ds)), diagnostics_(std::move(ds)) {}

}  // namespace maillage
