#pragma once
// A SimGrid platform shaped as a star: every site has its own access link up and its own
// link down, joined at a centre; a flow from A to B crosses A's up link and B's down link.
// Built in code (no XML). Rates here are bits per second, converted to SimGrid's bytes.
#include <string>
#include <vector>

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>

namespace maillage {

class IndexedStarZone;

class StarPlatform {
public:
  /** How a flow's route is found: from the sites' index (IndexedStarZone), or by SimGrid's
   *  own StarZone (the same routes, slower; kept to check the index against). */
  enum class Routing { Indexed, SimGrid };
  /** Creates the zone; call inside a running SimGrid Engine, before it runs. */
  explicit StarPlatform(const std::string& name, Routing routing = Routing::Indexed);

  struct Site {
    simgrid::s4u::Host* host = nullptr;
    simgrid::s4u::Link* up = nullptr;
    simgrid::s4u::Link* down = nullptr;
  };
  /** A site with its access links. `shared`: concurrent flows share the link (an MSP's
   *  line); otherwise each flow has the whole bandwidth (many homes, one line each). A zero
   *  bandwidth is kept as a tiny one: SimGrid needs positive bandwidths. */
  Site add_site(const std::string& name, double up_bps, double down_bps, double latency_s, bool shared = true);
  /** Closes the zone; no site can be added after. */
  void seal();

  /** Changes a site's access (a technology rollout); callable while the simulation runs,
   *  after Kernel::sync(). A flow already running keeps the rate cap of its start. */
  static void set_access(const Site& site, double up_bps, double down_bps, double latency_s);

private:
  IndexedStarZone* indexed_ = nullptr;  ///< null with Routing::SimGrid
  simgrid::s4u::NetZone* zone_;
};

/** A line's bandwidth as the platform gives it, bytes/s: SimGrid refuses a zero bandwidth, so
 *  a line without service is kept as one bit per second (it carries nothing useful). */
double link_bytes_per_s(double bps);

/** Starts a transfer of `bytes` from one host to another at SimGrid's current time: call it
 *  after Kernel::sync() (Kernel::start_transfer does both) so that the clock is right.
 *  (SimGrid 3.32 starts a host-to-host comm as soon as both ends are set, sets its size
 *  only with set_payload_size(), and ignores set_rate() for it: flows are elastic.) */
simgrid::s4u::CommPtr transfer(simgrid::s4u::Host* from, simgrid::s4u::Host* to, double bytes);
/** The same transfer without its destination: `set_destination(to)` starts it (after
 *  Kernel::sync(), like transfer). */
simgrid::s4u::CommPtr transfer_from(simgrid::s4u::Host* from, double bytes);

/** SimGrid settings for flow-level sharing without protocol corrections (CM02 max-min
 *  fairness: n flows on a link of capacity C each get C/n, bounded by their own rate), so
 *  that thresholds fall exactly where the numbers say. Apply before creating the platform. */
void use_exact_flow_model();

}  // namespace maillage
