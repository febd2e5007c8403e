#include <catch2/catch.hpp>

#include <csignal>
#include <stdexcept>

#include "engine/process_pool.hpp"

using namespace maillage;

TEST_CASE("process pool returns each task's bytes in task order", "[engine]") {
  const auto out = run_in_processes(7, 3, [](std::size_t i) { return std::string(100000 * (i % 3) + 1, char('a' + i)); });
  REQUIRE(out.size() == 7);
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK(out[i].ok);
    CHECK(out[i].bytes == std::string(100000 * (i % 3) + 1, char('a' + i)));
  }
}

TEST_CASE("process pool reports a task that throws or dies and the others complete", "[engine]") {
  std::size_t calls = 0;
  const auto out = run_in_processes(
      4, 2,
      [](std::size_t i) -> std::string {
        if (i == 1) throw std::runtime_error("conservation broken");
        if (i == 2) std::raise(SIGKILL);
        return "fine";
      },
      [&](std::size_t done, std::size_t total) {
        calls++;
        CHECK(done <= total);
      });
  CHECK(calls == 4);
  CHECK(out[0].ok);
  CHECK_FALSE(out[1].ok);
  CHECK(out[1].bytes == "conservation broken");
  CHECK_FALSE(out[2].ok);
  CHECK_THAT(out[2].bytes, Catch::Contains("signal 9"));
  CHECK(out[3].ok);
}
