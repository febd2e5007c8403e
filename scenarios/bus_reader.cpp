// supply.buses: mobile clinics and their weekly stops.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_buses(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  auto read_item = [&](const YAML::Node& x, const Path& p, const std::optional<std::string>& id) {
    Bus bus;
    auto per_hour = r.number(x["per_hour"], key(p, "per_hour"), 0.01, 1000);
    bool ok = id && per_hour;
    if (auto s = r.text(x["specialty"], key(p, "specialty"))) bus.specialty = *s;
    if (auto a = r.choice(x["access"], key(p, "access"), {"appointment", "walk_in"})) bus.walk_in = *a == "walk_in";
    if (auto t = r.boolean(x["tele_expertise"], key(p, "tele_expertise"))) {
      bus.tele_expertise = *t;
      if (*t && !ctx.sc.network.enabled()) {
        r.error(x["tele_expertise"], key(p, "tele_expertise"), "the upload runs over the network: describe it in territory.network");
        ok = false;
      }
    }
    if (const YAML::Node cts = x["care_types"]; cts && r.sequence(cts, key(p, "care_types")))
      for (std::size_t j = 0; j < cts.size(); ++j)
        if (auto c = r.text(cts[j], idx(key(p, "care_types"), j))) bus.care_types.push_back(*c);
    if (!x["specialty"] && !x["care_types"]) {
      r.error(x, p, "a bus serves a specialty or care_types: give at least one");
      ok = false;
    }
    const YAML::Node stops = x["stops"];
    if (stops && r.sequence(stops, key(p, "stops")))
      for (std::size_t j = 0; j < stops.size(); ++j) {
        const Path sp = idx(key(p, "stops"), j);
        const YAML::Node s = stops[j];
        if (!r.map(s, sp, {"commune", "day", "hours"}, {"commune", "day", "hours"}) || !s["day"] || !s["hours"]) {
          ok = false;
          continue;
        }
        BusStop stop;
        auto commune = ctx.commune_ref(s["commune"], key(sp, "commune"), r);
        try {
          const auto mask = WeeklyCalendar::parse_days(s["day"].Scalar());
          if (mask == 0 || (mask & (mask - 1)) != 0) throw CalendarError("expected one day, e.g. tue");
          while (!(mask & (1u << stop.day))) ++stop.day;
        } catch (const CalendarError& e) {
          r.error(s["day"], key(sp, "day"), e.what());
          ok = false;
        }
        try {
          const auto ranges = WeeklyCalendar::parse_ranges(s["hours"].Scalar());
          if (ranges.size() != 1) throw CalendarError("expected one range of hours a stop, e.g. \"09:00-16:00\"");
          stop.start = ranges[0].first, stop.end = ranges[0].second;
        } catch (const CalendarError& e) {
          r.error(s["hours"], key(sp, "hours"), e.what());
          ok = false;
        }
        if (commune) stop.commune = *commune; else ok = false;
        bus.stops.push_back(stop);
      }
    if (!ok || !read_cost(x, p, r, bus.cost)) return;
    bus.id = *id, bus.per_hour = *per_hour;
    ctx.sc.buses.push_back(std::move(bus));
  };
  read_items(ctx, r, n, path, {"id", "specialty", "care_types", "stops", "per_hour", "access", "tele_expertise", "cost"},
             {"id", "stops", "per_hour"}, read_item);
}

}  // namespace maillage::loader
