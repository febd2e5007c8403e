#pragma once
// Every site's access link on the network (SimGrid's or the own flow model: FlowModel) (practices, cabins, the homes of each
// commune, bus stops sending tele-expertise, remote pools), each commune's technology as
// fibre is rolled out, and the bits each line carried. Shared by the services that move
// data; not a service itself: it takes no patient.
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/flow_model.hpp"
#include "engine/result_table.hpp"
#include "models/scenario.hpp"

namespace maillage {

class AccessLinks {
public:
  /** Numbers the sites; build() creates them, on the scenario's flow model. */
  AccessLinks(const Scenario& sc, Kernel& kernel);

  /** Creates the platform (inside this process's SimGrid engine, before the run) and
   *  returns the host the agenda runs on; nullptr when the scenario has no network or the
   *  flow model needs none. */
  simgrid::s4u::Host* build();
  /** The flows between sites (a site's number below is its FlowModel::Site). */
  FlowModel& flows() { return *flows_; }

  /** A site by number: a practice's, a cabin's (a cabin in a practice shares its line),
   *  a commune's homes', a bus stop's, a remote pool's. */
  std::uint32_t practice(std::size_t p) const { return static_cast<std::uint32_t>(p); }
  std::uint32_t cabin(std::size_t c) const { return cabin_[c]; }
  std::uint32_t home(std::size_t commune) const { return home_ + static_cast<std::uint32_t>(commune); }
  std::uint32_t bus_stop(std::size_t bus, std::size_t stop) const { return bus_stop_[bus] + static_cast<std::uint32_t>(stop); }
  std::uint32_t pool(std::size_t p) const { return pool_ + static_cast<std::uint32_t>(p); }

  /** A commune's technology now. */
  const Technology& technology(std::size_t commune) const { return sc_.network.technologies[technology_[commune]]; }
  /** Whether a commune's lines carry `bps` both ways. */
  bool carries(std::size_t commune, double bps) const {
    const Technology& t = technology(commune);
    return t.up_bps >= bps && t.down_bps >= bps;
  }
  /** Applies a rollout step: its communes' lines change technology. */
  void rollout(std::size_t step);

  /** Bits a site's line carried within the measured period, each way. */
  struct Carried {
    double up = 0, down = 0;
  };
  Carried& carried(std::uint32_t site) { return sites_[site].carried; }
  /** The share of a flow carried evenly over [t0, now] that falls in the measured period. */
  double measured_share(double t0, double now) const;

  /** Adds the tables "links" (each access line's utilisation) and "coverage" (population
   *  share per technology at each change); nothing without a network. */
  void tables(ResultSet& out, const std::string& plan, const std::string& replication) const;

private:
  static constexpr std::size_t kNoCommune = std::numeric_limits<std::size_t>::max();
  struct Entry {
    std::string name;
    std::size_t commune = kNoCommune;  ///< kNoCommune: the platform's own link
    bool shared = true;                ///< false: the homes of a commune, one line each
    Carried carried;
  };
  std::uint32_t add(std::string name, std::size_t commune, bool shared = true);
  const Scenario& sc_;
  std::unique_ptr<FlowModel> flows_;
  std::vector<std::size_t> technology_;  ///< each commune's, now
  std::vector<Entry> sites_;
  std::vector<std::uint32_t> cabin_, bus_stop_;
  std::uint32_t home_ = 0, pool_ = 0;
  bool homes_ = false;
};

}  // namespace maillage
