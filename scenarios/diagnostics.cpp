#include "scenarios/diagnostics.hpp"

#include <algorithm>

namespace maillage {

std::string Diagnostic::str() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": ";
  if (!path.empty()) s += path + ": ";
  // One diagnostic, one line: a file name or value holding line breaks must not split it.
  std::string m = message;
  std::replace(m.begin(), m.end(), '\n', ' ');
  std::replace(m.begin(), m.end(), '\r', ' ');
  return s + m;
}

std::string short_text(const std::string& s) {
  constexpr std::size_t kMax = 40;
  std::size_t end = std::min(s.find_first_of("\r\n"), s.size()), chars = 0, i = 0;
  for (; i < end && chars < kMax; ++chars)  // count characters, not bytes: never cut inside one
    do ++i;
    while (i < end && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  return i < s.size() ? s.substr(0, i) + "…" : s;
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
