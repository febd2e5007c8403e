#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <stdexcept>

#include "models/sequential_selection.hpp"

using namespace maillage;

namespace {

/** A standard normal draw from (seed), portable (mt19937 is specified; Box-Muller by hand). */
double normal(std::uint32_t seed) {
  std::mt19937 g(seed);
  const double u1 = (g() + 0.5) / 4294967296.0, u2 = (g() + 0.5) / 4294967296.0;
  return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

/** Option o in replication r: its true mean, a noise shared by every option in that
 *  replication (common random numbers: sd 5), and its own noise (sd `own`). */
std::function<double(std::size_t, int)> options(std::vector<double> means, double own) {
  return [means, own](std::size_t o, int r) {
    return means.at(o) + 5 * normal(1000u + std::uint32_t(r)) + own * normal(7919u * std::uint32_t(o + 1) + std::uint32_t(r));
  };
}

}  // namespace

TEST_CASE("KN++ separates two options that differ by 2 percent", "[sequential]") {
  SequentialOptions opt;
  opt.delta = 1.0;  // equivalent_within 1% of 100
  const auto r = select_sequentially(2, options({102.0, 100.0}, 2.0), opt);
  CHECK(r.outcome == SequentialResult::Outcome::Separated);
  CHECK(r.winner == 1);
  CHECK(r.eliminated[0]);
  CHECK_FALSE(r.eliminated[1]);
  CHECK(r.replications[0] >= opt.first_stage);
  CHECK(r.replications[1] == r.replications[0]);
  CHECK(r.replications[0] < opt.max_replications);
}

TEST_CASE("KN++ declares equivalent two options that differ by 0 point 1 percent within 1 percent", "[sequential]") {
  SequentialOptions opt;
  opt.delta = 1.0;
  const auto r = select_sequentially(2, options({100.0, 100.1}, 0.5), opt);
  CHECK(r.outcome == SequentialResult::Outcome::Equivalent);
  CHECK(r.survivors.size() == 2);
  CHECK(r.winner == 0);
}

TEST_CASE("KN++ adds replications only to the options in contention", "[sequential]") {
  SequentialOptions opt;
  opt.delta = 0.5;
  opt.max_replications = 400;
  // Option 2 is far worse and leaves at once; 0 and 1 differ by 1.5 with noisy pairs.
  const auto r = select_sequentially(3, options({100.0, 101.5, 130.0}, 3.0), opt);
  CHECK(r.eliminated[2]);
  CHECK(r.replications[2] == opt.first_stage);
  CHECK(r.replications[0] > opt.first_stage);
  CHECK(r.winner == 0);
  CHECK(r.values[0].size() == std::size_t(r.replications[0]));
}

TEST_CASE("KN++ stops at the replication cap and says so", "[sequential]") {
  SequentialOptions opt;
  opt.delta = 0.01;
  opt.max_replications = 15;
  const auto r = select_sequentially(2, options({100.0, 100.3}, 4.0), opt);
  CHECK(r.outcome == SequentialResult::Outcome::Cap);
  CHECK(r.replications[0] == 15);
  CHECK(r.replications[1] == 15);
  CHECK(std::string(to_string(r.outcome)) == "cap");
}

TEST_CASE("KN++ is reproducible and declares identical options equivalent", "[sequential]") {
  SequentialOptions opt;
  opt.delta = 1.0;
  const auto a = select_sequentially(3, options({100.0, 101.0, 103.0}, 2.0), opt);
  const auto b = select_sequentially(3, options({100.0, 101.0, 103.0}, 2.0), opt);
  CHECK(a.values == b.values);
  CHECK(a.winner == b.winner);
  const auto tie = select_sequentially(2, [](std::size_t, int r) { return double(r); }, opt);
  CHECK(tie.outcome == SequentialResult::Outcome::Equivalent);
  CHECK(tie.winner == 0);
}

TEST_CASE("KN++ refuses a bad indifference zone or first stage", "[sequential]") {
  SequentialOptions opt;
  CHECK_THROWS_AS(select_sequentially(2, options({1, 2}, 1), opt), std::invalid_argument);
  opt.delta = 1;
  opt.first_stage = 1;
  CHECK_THROWS_AS(select_sequentially(2, options({1, 2}, 1), opt), std::invalid_argument);
}
