#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/random_stream.hpp"

using namespace maillage;

namespace {
constexpr double H = 3600, M = 60, D = kDay;
WeeklyCalendar practice_hours() {  // mon-fri 08:30-12:30, 14:00-19:00; sat 09:00-12:00
  WeeklyCalendar c;
  for (const auto& [a, b] : WeeklyCalendar::parse_ranges("08:30-12:30, 14:00-19:00"))
    c.add(WeeklyCalendar::parse_days("mon-fri"), a, b);
  for (const auto& [a, b] : WeeklyCalendar::parse_ranges("09:00-12:00")) c.add(WeeklyCalendar::parse_days("sat"), a, b);
  return c;
}
}  // namespace

TEST_CASE("day and range parsing", "[engine]") {
  CHECK(WeeklyCalendar::parse_days("mon-fri") == 0x1F);
  CHECK(WeeklyCalendar::parse_days("Sat,sun") == 0x60);
  CHECK(WeeklyCalendar::parse_days("mon-wed, fri") == 0x17);
  CHECK(WeeklyCalendar::parse_days("sat-mon") == 0x61);
  CHECK(WeeklyCalendar::parse_days("daily") == 0x7F);
  CHECK_THROWS_WITH(WeeklyCalendar::parse_days("lundi"), Catch::Contains("unknown day \"lundi\""));
  const auto r = WeeklyCalendar::parse_ranges("8:30-12:30, 14:00-24:00");
  REQUIRE(r.size() == 2);
  CHECK(r[0] == std::pair<double, double>{8 * H + 30 * M, 12 * H + 30 * M});
  CHECK(r[1].second == 24 * H);
  CHECK_THROWS_WITH(WeeklyCalendar::parse_ranges("8h-12h"), Catch::Contains("got \"8h-12h\""));
  CHECK_THROWS_WITH(WeeklyCalendar::parse_ranges("20:00-08:00"), Catch::Contains("two ranges on two days"));
  CHECK_THROWS_WITH(WeeklyCalendar::parse_ranges("08:00-12:00, 11:00-13:00"), Catch::Contains("overlap"));
  CHECK_THROWS(WeeklyCalendar::parse_ranges("08:00-12:61"));
  CHECK_THROWS(WeeklyCalendar::parse_ranges(""));
}

TEST_CASE("opening hours tell when open and when next open and for how long", "[engine]") {
  const WeeklyCalendar c = practice_hours();
  CHECK(c.weekly_open_seconds() == 5 * 9 * H + 3 * H);
  CHECK_FALSE(c.is_open(8 * H));                 // Monday 08:00
  CHECK(c.is_open(8 * H + 30 * M));              // opening instant
  CHECK_FALSE(c.is_open(12 * H + 30 * M));       // closing instant is closed
  CHECK(c.next_open(8 * H) == 8 * H + 30 * M);
  CHECK(c.next_open(10 * H) == 10 * H);
  CHECK(c.next_open(13 * H) == 14 * H);
  CHECK(c.open_until(10 * H) == 12 * H + 30 * M);
  CHECK(c.open_until(13 * H) == 13 * H);
  CHECK(c.next_open(5 * D + 12 * H) == 7 * D + 8 * H + 30 * M);  // Saturday noon -> Monday
  // Week 52: the same answers shifted by 51 weeks, exactly.
  const double w51 = 51 * kWeek;
  CHECK(c.next_open(w51 + 2 * D + 19 * H) == w51 + 3 * D + 8 * H + 30 * M);
  CHECK(c.is_open(w51 + 5 * D + 11 * H));
  // Open seconds over a week and over part of a day.
  CHECK(c.open_seconds(0, kWeek) == c.weekly_open_seconds());
  CHECK(c.open_seconds(10 * H, 15 * H) == 2.5 * H + 1 * H);
  CHECK(c.open_seconds(w51, w51 + kWeek) == c.weekly_open_seconds());
  // A 20-minute consultation asked for at 12:15 goes to 14:00; at 12:00 it fits.
  CHECK(c.earliest_fit(12 * H + 15 * M, 20 * M) == 14 * H);
  CHECK(c.earliest_fit(12 * H, 20 * M) == 12 * H);
  CHECK(c.earliest_fit(0, 6 * H) == kNever);  // no stretch is six hours long
}

TEST_CASE("a night opening across the week's end is one stretch", "[engine]") {
  WeeklyCalendar c;
  c.add(WeeklyCalendar::parse_days("sun"), 20 * H, 24 * H);
  c.add(WeeklyCalendar::parse_days("mon"), 0, 8 * H);
  CHECK(c.is_open(6 * D + 23 * H));
  CHECK(c.open_until(6 * D + 23 * H) == kWeek + 8 * H);
  CHECK(c.earliest_fit(6 * D + 21 * H, 5 * H) == 6 * D + 21 * H);
  CHECK(c.next_open(kWeek + 9 * H) == 2 * kWeek - 4 * H);
}

TEST_CASE("always and never", "[engine]") {
  const WeeklyCalendar always = WeeklyCalendar::always(), never;
  CHECK(always.is_always());
  CHECK(always.is_open(123456.7));
  CHECK(always.open_until(5) == kNever);
  CHECK(always.earliest_fit(42, 1e6) == 42);
  CHECK(always.open_seconds(10, 100) == 90);
  CHECK(never.is_never());
  CHECK_FALSE(never.is_open(0));
  CHECK(never.next_open(0) == kNever);
  CHECK(never.earliest_fit(0, 1) == kNever);
  CHECK(never.open_seconds(0, kWeek) == 0);
}

TEST_CASE("earliest_fit equals the walk of next_open and open_until on random calendars", "[engine]") {
  // The reference: the definition, one stretch at a time.
  auto reference = [](const WeeklyCalendar& c, double t, double length) {
    if (c.is_never()) return kNever;
    if (c.is_always()) return t;
    double s = c.next_open(t);
    for (std::size_t tries = 0; tries <= c.intervals().size() + 1 && s < kNever; ++tries) {
      const double end = c.open_until(s);
      if (end - s >= length) return s;
      s = c.next_open(end);
    }
    return kNever;
  };
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> minute(0, 24 * 60), days(1, 127);
  std::uniform_real_distribution<double> when(0, 60 * kWeek), len(0, 10 * 3600.0);
  for (int k = 0; k < 300; ++k) {
    WeeklyCalendar c;
    for (int j = 0; j < 1 + k % 4; ++j) {
      int a = minute(rng), b = minute(rng);
      if (a > b) std::swap(a, b);
      if (a == b) continue;
      c.add(static_cast<std::uint8_t>(days(rng)), a * 60.0, b * 60.0);
    }
    if (k % 7 == 0) c.add(0x40, 20 * 3600.0, 24 * 3600.0), c.add(0x01, 0, 8 * 3600.0);  // Sunday night into Monday
    for (int q = 0; q < 50; ++q) {
      const double t = q % 5 == 0 ? std::floor(when(rng) / 3600) * 3600 : when(rng);  // on the hour too
      const double l = q % 3 == 0 ? 0.0 : len(rng);
      CHECK(c.earliest_fit(t, l) == reference(c, t, l));
    }
  }
}

TEST_CASE("is_open and next_open equal a scan of the intervals at and around every midnight", "[engine]") {
  // first_ending_after starts from the day's first interval (by_day_) instead of a binary
  // search: the day of a time just before midnight must not be taken for the next day.
  auto open_ref = [](const WeeklyCalendar& c, double r) {
    for (const auto& [a, b] : c.intervals())
      if (a <= r && r < b) return true;
    return false;
  };
  auto next_ref = [](const WeeklyCalendar& c, double t) {  // t within the first week
    for (const auto& [a, b] : c.intervals())
      if (t < b) return a <= t ? t : a;
    return kWeek + c.intervals().front().first;
  };
  std::mt19937 rng(9);
  std::uniform_int_distribution<int> minute(0, 24 * 60), days(1, 127);
  std::uniform_real_distribution<double> when(0, kWeek);
  for (int k = 0; k < 200; ++k) {
    WeeklyCalendar c;
    for (int j = 0; j < 1 + k % 5; ++j) {
      int a = minute(rng), b = minute(rng);
      if (a > b) std::swap(a, b);
      if (a == b) continue;
      c.add(static_cast<std::uint8_t>(days(rng)), a * 60.0, b * 60.0);
    }
    if (k % 3 == 0) c.add(static_cast<std::uint8_t>(days(rng)), 22 * 3600.0, 24 * 3600.0);  // ends at midnight
    if (c.is_never()) continue;
    std::vector<double> times;
    for (int d = 0; d <= 7; ++d) {
      const double m = d * kDay;
      for (double t : {m, std::nextafter(m, 0.0), std::nextafter(m, kNever), m - 1e-7, m + 1e-7, m - 60, m + 60})
        if (t >= 0 && t < kWeek) times.push_back(t);
    }
    for (int q = 0; q < 40; ++q) times.push_back(when(rng));
    for (double t : times) {
      INFO("calendar " << k << ", t = " << t);
      CHECK(c.is_open(t) == open_ref(c, t));
      CHECK(c.next_open(t) == next_ref(c, t));
    }
  }
}

TEST_CASE("floor_exact is std::floor bit for bit", "[engine]") {
  // The calendar's weeks (split) use it for std::floor: every bit must match, sign of zero
  // included, for the times a run sees (weeks, fractions, whole values) and the edges.
  auto same = [](double q) {
    const double a = floor_exact(q), b = std::floor(q);
    return std::memcmp(&a, &b, sizeof a) == 0;
  };
  const double edges[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1 - 1e-16, 4503599627370495.5, 4503599627370496.0,
                          9007199254740991.0, 9007199254740992.0, 1e300, -1e300, 5e-324, -5e-324,
                          std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                          std::numeric_limits<double>::quiet_NaN()};
  for (double q : edges) CHECK(same(q));
  RandomStream rng(37, 1, "floor-exact");
  for (int i = 0; i < 200000; ++i) {
    const double t = (rng.uniform() - 0.1) * std::pow(10.0, static_cast<double>(rng.below(20)));
    REQUIRE(same(t / kWeek));
    REQUIRE(same(std::floor(t)));
    REQUIRE(same(t));
  }
}
