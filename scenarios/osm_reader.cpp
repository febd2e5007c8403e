#include "scenarios/osm_reader.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

namespace maillage {

const std::vector<std::pair<std::string, double>> kDefaultSpeeds = {
    {"motorway", 120},     {"motorway_link", 60}, {"trunk", 100},    {"trunk_link", 50},     {"primary", 80},
    {"primary_link", 40},  {"secondary", 70},     {"secondary_link", 40}, {"tertiary", 60}, {"tertiary_link", 30},
    {"unclassified", 50},  {"residential", 30},   {"living_street", 10},  {"service", 20},  {"road", 40}};

namespace {

/** maxspeed in km/h, or 0 when absent or not understood. */
double maxspeed(const char* tag) {
  if (!tag) return 0;
  static const std::pair<const char*, double> zones[] = {{"FR:urban", 50}, {"FR:rural", 80}, {"FR:motorway", 130}, {"FR:zone30", 30}, {"FR:walk", 6}};
  for (const auto& [name, v] : zones)
    if (std::strcmp(tag, name) == 0) return v;
  char* end = nullptr;
  const double v = std::strtod(tag, &end);
  if (end == tag || !(v > 0) || v > 300) return 0;
  return std::strstr(end, "mph") ? v * 1.609344 : v;
}

class RoadCollector : public osmium::handler::Handler {
public:
  explicit RoadCollector(RoadNetwork& net) : net_(net) {}

  void way(const osmium::Way& w) {
    const char* cls = w.tags()["highway"];
    if (!cls) return;
    double speed = 0;
    for (const auto& [name, v] : kDefaultSpeeds)
      if (name == cls) speed = v;
    if (speed == 0) return;  // not drivable: footway, cycleway, track, ...
    if (const char* a = w.tags()["access"]; a && (!std::strcmp(a, "no") || !std::strcmp(a, "private"))) return;
    if (const double m = maxspeed(w.tags()["maxspeed"]); m > 0) speed = m;
    const char* ow = w.tags()["oneway"];
    const char* junction = w.tags()["junction"];
    const bool reverse = ow && !std::strcmp(ow, "-1");
    const bool oneway = reverse || (ow ? (!std::strcmp(ow, "yes") || !std::strcmp(ow, "1") || !std::strcmp(ow, "true"))
                                       : (!std::strcmp(cls, "motorway") || (junction && !std::strcmp(junction, "roundabout"))));
    const auto& nodes = w.nodes();
    for (std::size_t i = 1; i < nodes.size(); ++i) {
      const auto& p = nodes[i - 1];
      const auto& q = nodes[i];
      if (!p.location().valid() || !q.location().valid()) continue;  // a node outside the extract
      const std::uint32_t a = index_of(p), b = index_of(q);
      const double m = great_circle_m(p.location().lat(), p.location().lon(), q.location().lat(), q.location().lon());
      const double s = m / (speed / 3.6);
      if (!oneway || !reverse) net_.arcs.push_back({a, b, m, s});
      if (!oneway || reverse) net_.arcs.push_back({b, a, m, s});
    }
  }

private:
  std::uint32_t index_of(const osmium::NodeRef& r) {
    const auto [it, added] = index_.emplace(r.ref(), static_cast<std::uint32_t>(net_.lat.size()));
    if (added) net_.lat.push_back(r.location().lat()), net_.lon.push_back(r.location().lon());
    return it->second;
  }
  RoadNetwork& net_;
  std::unordered_map<osmium::object_id_type, std::uint32_t> index_;
};

}  // namespace

RoadNetwork read_osm_network(const std::string& file) {
  RoadNetwork net;
  try {
    osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
    osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location> locations;
    osmium::handler::NodeLocationsForWays<decltype(locations)> located{locations};
    located.ignore_errors();  // ways may name nodes cut off by the extract
    RoadCollector roads{net};
    osmium::apply(reader, located, roads);
    reader.close();
  } catch (const std::exception& e) {
    throw std::runtime_error(file + ": " + e.what());
  }
  return net;
}

}  // namespace maillage
