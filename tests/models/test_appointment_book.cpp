#include <catch2/catch.hpp>

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
