#pragma once
// Reads the drivable roads of an OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2; e.g. a
// region from Geofabrik) with libosmium: ways tagged highway= of a drivable class, their
// speed from maxspeed (km/h, "mph", "FR:urban" 50, "FR:rural" 80, "FR:motorway" 130) or
// else the class's default (kDefaultSpeeds), one-way streets (oneway=yes/-1, motorways,
// roundabouts) as one arc.
#include <string>
#include <utility>
#include <vector>

#include "models/road_network.hpp"

namespace maillage {

/** Default speed (km/h) of each drivable highway class when a way has no usable maxspeed. */
extern const std::vector<std::pair<std::string, double>> kDefaultSpeeds;

/** The road network of an OSM file. Throws std::runtime_error("file: what went wrong"). */
RoadNetwork read_osm_network(const std::string& file);

}  // namespace maillage
