#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/random_stream.hpp"
#include "models/appointment_book.hpp"

using namespace maillage;

TEST_CASE("appointment book gives the earliest slot that fits within opening hours", "[models]") {
  WeeklyCalendar hours;
  hours.add(WeeklyCalendar::parse_days("mon-fri"), 8 * 3600.0, 12 * 3600.0);
  AppointmentBook book(2, hours);
  const double min = 60;
  // Monday 07:00: both doctors free, the practice opens at 08:00.
  auto s = book.earliest(7 * 3600.0, 20 * min);
  CHECK(s.start == 8 * 3600.0);
  book.book(s, 20 * min);
  s = book.earliest(7 * 3600.0, 20 * min);
  CHECK(s.start == 8 * 3600.0);  // the second doctor
  CHECK(s.doctor != 0);
  book.book(s, 20 * min);
  s = book.earliest(7 * 3600.0, 20 * min);
  CHECK(s.start == 8 * 3600.0 + 20 * min);
  // A consultation that would overrun noon goes to the next morning.
  AppointmentBook late(1, hours);
  s = late.earliest(11 * 3600.0 + 50 * min, 20 * min);
  CHECK(s.start == 86400.0 + 8 * 3600.0);
  // Friday afternoon goes to Monday.
  s = late.earliest(4 * 86400.0 + 13 * 3600.0, 15 * min);
  CHECK(s.start == 7 * 86400.0 + 8 * 3600.0);
}

TEST_CASE("appointment book counts busy time only within the measured period", "[models]") {
  const WeeklyCalendar always = WeeklyCalendar::always();
  AppointmentBook book(1, always);
  book.measure_between(100, 200);
  book.book({50, 0}, 100);   // 50-150: 50 s inside
  book.book({150, 0}, 100);  // 150-250: 50 s inside
  CHECK(book.busy_seconds() == 100);
  CHECK(book.capacity_seconds() == 100);
}

TEST_CASE("appointment book: a slot after `latest` is not searched for but says so", "[models]") {
  WeeklyCalendar hours;
  hours.add(WeeklyCalendar::parse_days("mon-fri"), 8 * 3600.0, 12 * 3600.0);
  AppointmentBook book(1, hours);
  book.book({8 * 3600.0, 0}, 4 * 3600.0);  // Monday morning is full
  const double tuesday_8 = 86400.0 + 8 * 3600.0;
  CHECK(book.earliest(0, 900).start == tuesday_8);
  CHECK(book.earliest(0, 900, tuesday_8).start == tuesday_8);  // in time: the same answer
  const auto late = book.earliest(0, 900, 10 * 3600.0);        // wanted by Monday 10:00: none
  CHECK(late.start > 10 * 3600.0);
  CHECK(late.doctor == -1);
  // Hours that can never hold the consultation still say kNever.
  CHECK(book.earliest(0, 5 * 3600.0, 10 * 86400.0).start == kNever);
}

TEST_CASE("appointment book: a fraction of a doctor is a part-time diary with that share of the slots", "[models]") {
  const WeeklyCalendar always = WeeklyCalendar::always();
  const double min = 60;
  // 1.5 doctors: a full diary, then a half-time one held twice each consultation's length.
  AppointmentBook book(1.5, always);
  CHECK(book.doctors() == 2);
  book.measure_between(0, 3600);
  auto s = book.earliest(0, 20 * min);
  CHECK(s.doctor == 0);  // the full diary is offered first
  book.book(s, 20 * min);
  s = book.earliest(0, 20 * min);
  CHECK((s.doctor == 1 && s.start == 0));
  book.book(s, 20 * min);
  // The full diary is free at 20 min, the half-time one only at 40 min.
  s = book.earliest(0, 20 * min);
  CHECK((s.doctor == 0 && s.start == 20 * min));
  book.book(s, 20 * min);
  s = book.earliest(0, 20 * min);
  CHECK((s.doctor == 0 && s.start == 40 * min));  // 40 min: the first listed of the two free
  book.book(s, 20 * min);
  s = book.earliest(0, 20 * min);
  CHECK((s.doctor == 1 && s.start == 40 * min));
  // Capacity is 1.5 diaries of the measured hour; busy time counts consultations alone.
  CHECK(book.capacity_seconds() == Approx(1.5 * 3600));
  CHECK(book.busy_seconds() == Approx(4 * 20 * min));
  // Whole counts are whole diaries; a count a hair below a whole number is that number.
  CHECK(AppointmentBook(3.0, always).doctors() == 3);
  CHECK(AppointmentBook(2.9999999999999996, always).doctors() == 3);
  AppointmentBook half(0.5, always);
  half.measure_between(0, 3600);
  CHECK(half.doctors() == 1);
  CHECK(half.capacity_seconds() == Approx(0.5 * 3600));
}

TEST_CASE("appointment book of any team size books as a per-diary search would", "[models]") {
  // Teams up to a few doctors keep their diaries inline, larger ones on the heap: both
  // must give what the straightforward search gives, the earliest fit of each diary and
  // the first diary among the earliest.
  WeeklyCalendar hours;
  hours.add(WeeklyCalendar::parse_days("mon-fri"), 8.5 * 3600.0, 12.5 * 3600.0);
  hours.add(WeeklyCalendar::parse_days("mon-fri"), 14 * 3600.0, 19 * 3600.0);
  hours.add(WeeklyCalendar::parse_days("sat"), 9 * 3600.0, 12 * 3600.0);
  RandomStream rng(11, 1, "book-sizes");
  for (double doctors : {1.0, 2.0, 3.5, 5.0, 6.0, 6.5, 7.0, 9.25, 14.0}) {
    INFO("doctors " << doctors);
    AppointmentBook book(doctors, hours);
    const int n = static_cast<int>(std::ceil(doctors - 1e-9));
    const double part = doctors - std::floor(doctors + 1e-9);
    std::vector<double> free_from(static_cast<std::size_t>(n), 0.0);
    CHECK(book.doctors() == n);
    double now = 0;
    int mismatches = 0, booked = 0;
    for (int i = 0; i < 3000; ++i) {
      now += rng.exponential(900.0 / doctors);
      const double t = now + rng.exponential(600.0);
      const double d = rng.exponential(900.0);
      const double latest = now + (rng.uniform() < 0.5 ? kDay : 14 * kDay);
      double best = kNever;
      int who = -1;
      for (int k = 0; k < n; ++k) {
        const double s = hours.earliest_fit(std::max(t, free_from[static_cast<std::size_t>(k)]), d);
        if (s < best) best = s, who = k;
      }
      const auto slot = book.earliest(t, d, latest);
      if (best > latest) {
        mismatches += !(slot.start > latest);
        continue;
      }
      mismatches += slot.start != best || slot.doctor != who;
      book.book(slot, d);
      ++booked;
      free_from[static_cast<std::size_t>(who)] = best + (who == n - 1 && part > 1e-9 ? d / part : d);
      mismatches += book.free_from() != *std::min_element(free_from.begin(), free_from.end());
    }
    CHECK(mismatches == 0);
    CHECK(booked > 100);
  }
}
