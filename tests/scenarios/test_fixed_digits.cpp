// fixed_digits prints what a stream with std::fixed and setprecision prints: the report and
// the printed tables went from one to the other and must not change by a character.
#include <catch2/catch.hpp>

#include <cmath>
#include <iomanip>
#include <limits>
#include <random>
#include <sstream>
#include <string>

#include "scenarios/output_writer.hpp"
#include "scenarios/report_words.hpp"

using namespace maillage;

namespace {

std::string streamed(double v, int decimals) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(decimals) << v;
  return s.str();
}

}  // namespace

TEST_CASE("fixed_digits prints as a fixed stream does on ties and edges") {
  const double edges[] = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.005, 2.675, 0.045, 1e-7, -1e-7, 0.05, 0.15,
                          0.25, 0.35, 9.995, 99.95, 999999.5, 1e15 + 0.5, 4503599627370497.0, 1e21, -1e22, 123456789.987654321,
                          std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
                          std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                          std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (double v : edges)
    for (int d = 0; d <= 6; ++d) {
      INFO(v << " to " << d << " decimals");
      CHECK(fixed_digits(v, d) == streamed(v, d));
    }
  // Larger than its buffer: the stream's own text.
  CHECK(fixed_digits(1e200, 2) == streamed(1e200, 2));
}

TEST_CASE("fixed_digits prints as a fixed stream does on many numbers of the report's ranges") {
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-6, 9), decimals(0, 4);
  for (int i = 0; i < 200000; ++i) {
    const double v = unit(gen) * std::pow(10.0, exponent(gen));
    const int d = decimals(gen);
    // Numbers at a tie of the last decimal shown, as a map's pixel coordinates often are.
    const double tie = std::round(v * std::pow(10.0, d + 1)) / std::pow(10.0, d + 1);
    if (fixed_digits(v, d) != streamed(v, d) || fixed_digits(tie, d) != streamed(tie, d)) {
      INFO(v << " or " << tie << " to " << d << " decimals");
      FAIL("differs from the stream");
    }
  }
}

TEST_CASE("fixed and number keep their missing value and sign rules") {
  CHECK(fixed(std::nan(""), 2) == "-");
  CHECK(fixed(-0.001, 2) == "0.00");
  CHECK(fixed(-0.006, 2) == "-0.01");
  CHECK(fixed(2.5, 0) == "2");
  CHECK(number(-1234567.25, 1, Lang::en) == "-1,234,567.2");
  CHECK(number(-0.004, 2, Lang::en) == "0.00");
  CHECK(number(std::nan(""), 1, Lang::fr) == "-");
}
