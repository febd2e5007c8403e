#pragma once
// The THD (très haut débit) network: each commune's access technology (FTTH, VDSL, ADSL,
// 4G, satellite, none), how it changes as fibre is rolled out, and the platform's own link.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/flow_model.hpp"
#include "models/commune.hpp"

namespace maillage {

/** An access technology: what one line carries. */
struct Technology {
  std::string name;
  double down_bps = 0.0, up_bps = 0.0;
  double latency_s = 0.0;  ///< one way, on the access line
};

/** From a date on, some communes get another technology. */
struct Rollout {
  double at = 0.0;  ///< seconds
  std::vector<std::size_t> communes;
  std::size_t technology = 0;
};

struct Network {
  std::vector<Technology> technologies;
  std::vector<std::size_t> coverage;  ///< technology of each commune at the start
  std::vector<Rollout> rollout;       ///< in date order
  /** The link of the teleconsultation platforms and specialist pools (a data centre). */
  Technology platform{"platform", 10e9, 10e9, 0.005};
  /** Who shares the lines among flows: SimGrid (the reference) or the own max-min model. */
  FlowModel::Kind flow_model = FlowModel::Kind::MaxMin;

  bool enabled() const { return !technologies.empty(); }
  /** Technology of a commune at time t, rollouts applied. */
  std::size_t technology_at(std::size_t commune, double t) const;
  /** Share of the population on each technology at time t (the THD coverage indicator). */
  std::vector<double> population_share(const std::vector<Commune>& communes, double t) const;
  /** Bit-seconds a commune's line can carry in [from, to), up or down, rollouts applied:
   *  the denominator of a link's utilisation. */
  double capacity_bit_seconds(std::size_t commune, bool up, double from, double to) const;
  /** Dates at which coverage changes: 0 and every rollout date. */
  std::vector<double> coverage_dates() const;
};

}  // namespace maillage
