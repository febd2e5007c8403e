#include <catch2/catch.hpp>

#include <cmath>

// Outputs are compared byte for byte across builds (benchmarks/same_outputs.sh), so the release
// flags (CMakeLists.txt) must keep IEEE double rounding as written: no fused multiply-add
// (-march=native or -mfma with GCC's default -ffp-contract=fast) and no reassociation
// (-ffast-math). These functions are compiled with the same flags as the engine.

namespace {
[[gnu::noinline]] double multiply_add(double a, double b, double c) { return a * b + c; }
[[gnu::noinline]] double add_then_remove(double a, double b) { return (a + b) - a; }
}  // namespace

// Operands read from volatiles, so that the compiler cannot fold the arithmetic away.
TEST_CASE("a product is rounded before it is added - no fused multiply-add", "[engine]") {
  volatile double one = 1.0, e = std::ldexp(1.0, -30);
  // (1 + e)(1 - e) = 1 - e^2 rounds to 1, so the sum is 0; fused, it would be -e^2.
  CHECK(multiply_add(one + e, one - e, -one) == 0.0);
}

TEST_CASE("a sum is rounded in the order written - no reassociation", "[engine]") {
  volatile double big = 1e16, one = 1.0;
  CHECK(add_then_remove(big, one) == 0.0);  // 1e16 + 1 rounds to 1e16
}
