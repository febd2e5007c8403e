#pragma once
// A file's whole content, bytes as they are: for tests that compare outputs.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace maillage::test {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace maillage::test
