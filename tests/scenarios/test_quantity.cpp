#include <catch2/catch.hpp>

#include "scenarios/quantity.hpp"

using namespace maillage;

TEST_CASE("quantities with units become SI", "[scenarios]") {
  CHECK(parse_quantity("15 min", Dimension::Duration) == 900);
  CHECK(parse_quantity("15min", Dimension::Duration) == 900);
  CHECK(parse_quantity(" 2 h ", Dimension::Duration) == 7200);
  CHECK(parse_quantity("3 d", Dimension::Duration) == 3 * 86400);
  CHECK(parse_quantity("1 w", Dimension::Duration) == 7 * 86400);
  CHECK(parse_quantity("1.5e1 s", Dimension::Duration) == 15);
  CHECK(parse_quantity("5 ms", Dimension::Duration) == Approx(0.005));
  CHECK(parse_quantity("12 km", Dimension::Distance) == 12000);
  CHECK(parse_quantity("70 km/h", Dimension::Speed) == Approx(70 / 3.6));
  CHECK(parse_quantity("1.5 Mbps", Dimension::Bandwidth) == 1.5e6);
  CHECK(parse_quantity("1 Gbps", Dimension::Bandwidth) == 1e9);
  CHECK(parse_quantity("5 MB", Dimension::Size) == 5e6);
  CHECK(parse_quantity("360000 EUR", Dimension::Money) == 360000);
  CHECK(parse_quantity("1.2 per year", Dimension::Rate) == Approx(1.2 / (365 * 86400.0)));
  CHECK(parse_quantity("2 per hour", Dimension::Rate) == Approx(2 / 3600.0));
  CHECK(parse_quantity("-3 km", Dimension::Distance, true) == -3000);
}

TEST_CASE("quantities without a unit or with a wrong one or negative are refused with the reason", "[scenarios]") {
  CHECK_THROWS_WITH(parse_quantity("15", Dimension::Duration),
                    Catch::Contains("expected a duration like \"15 min\"") && Catch::Contains("the unit is missing"));
  CHECK_THROWS_WITH(parse_quantity("15 km", Dimension::Duration), Catch::Contains("got \"15 km\""));
  CHECK_THROWS_WITH(parse_quantity("15 parsecs", Dimension::Distance), Catch::Contains("unknown unit \"parsecs\""));
  CHECK_THROWS_WITH(parse_quantity("-2 h", Dimension::Duration), Catch::Contains("must not be negative"));
  CHECK_THROWS(parse_quantity("fast", Dimension::Speed));
  CHECK_THROWS(parse_quantity("inf h", Dimension::Duration));
  CHECK_THROWS(parse_quantity("", Dimension::Duration));
}

TEST_CASE("durations are formatted compactly", "[scenarios]") {
  CHECK(format_duration(900) == "15 min");
  CHECK(format_duration(7200) == "2 h");
  CHECK(format_duration(90 * 86400) == "90 d");
  CHECK(format_duration(1.5 * 86400) == "1.5 d");
  CHECK(format_duration(14 * 86400) == "2 w");
  CHECK(format_duration(45) == "45 s");
}
