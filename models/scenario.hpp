#pragma once
// Everything one simulation needs, in SI units, with references resolved to indices.
// Built by scenarios/ from YAML (or by tests directly); knows nothing of files.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/bus.hpp"
#include "models/cabin.hpp"
#include "models/care_type.hpp"
#include "models/commune.hpp"
#include "models/commune_outline.hpp"
#include "models/ehpad.hpp"
#include "models/hospital.hpp"
#include "models/hotline.hpp"
#include "models/network.hpp"
#include "models/practice.hpp"
#include "models/remote_pool.hpp"
#include "models/road_graph.hpp"
#include "models/site_selection.hpp"

namespace maillage {

struct Scenario {
  std::string name = "scenario";
  double horizon = 365 * 86400.0;  ///< simulated seconds, warm-up included
  double warmup = 0.0;             ///< seconds discarded at the start
  bool auto_warmup = false;        ///< `warmup: auto`: found by MSER-5 on a pilot run (models/warmup.hpp)
  int replications = 10;
  /** `replications: auto`: add replications until every plan's `precision_measures` have a
   *  95% half-width within `target_half_width` of their mean, or `max_replications`. */
  bool auto_replications = false;
  double target_half_width = 0.05;
  int max_replications = 100;
  std::vector<std::string> precision_measures{"wait_days_mean", "unserved", "travel_km"};
  std::uint64_t seed = 1;
  /** `scenario.caveats`: what a reader must know before trusting the figures (an invented
   *  supply, roads estimated from distances...): shown before any figure. */
  std::vector<std::string> caveats;

  std::vector<Commune> communes;
  /** territory.outlines: the communes' polygons, shared by the plans; null when none. */
  std::shared_ptr<const CommuneOutlines> outlines;
  std::string outlines_note;  ///< communes without an outline, features of unknown communes
  std::shared_ptr<const RoadGraph> roads;
  std::optional<KnnRoads> knn_roads;  ///< the roads' parameters when they are a knn model
  std::string roads_note;             ///< what building the roads left aside (OSM), for the user
  Network network;  ///< empty: no remote care

  double without_gp_share = 0.0;  ///< share of residents without a médecin traitant
  /** Per commune, where it differs (index, share); the others take without_gp_share. */
  std::vector<std::pair<std::size_t, double>> without_gp_by_commune;
  /** `demand.medecin_traitant: panels`: each practice holds a panel of registered residents
   *  (models/panels.hpp) and without_gp_share is the share that seeks no médecin traitant;
   *  false (`draw`): registration is drawn per need, with the commune's nearest practice. */
  bool panels = false;
  /** Registered patients a practice keeps per doctor when its `panel` is not given. */
  double panel_per_doctor = 1100.0;
  /** For a plan under panels: the baseline's practices, whose registrations the plan starts
   *  from (patients keep their doctor where the plan keeps the practice). Empty: none. */
  std::vector<Practice> baseline_practices;
  std::vector<CareType> care_types;
  std::vector<Practice> practices;
  std::vector<RemotePool> remote_pools;
  std::vector<Cabin> cabins;  ///< EHPADs' carts included
  std::vector<Ehpad> ehpads;
  std::vector<Hospital> hospitals;
  std::vector<Hotline> hotlines;
  std::vector<Bus> buses;

  /** The plans to compare with this scenario, the baseline: each is a whole scenario (the
   *  baseline with the plan's overlay), run on the same demand streams. */
  std::vector<std::pair<std::string, std::shared_ptr<const Scenario>>> plans;
  /** `site_selection:`: where to open new sites (maillage select). */
  std::optional<SiteSelection> site_selection;
};

}  // namespace maillage
