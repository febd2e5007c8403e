#pragma once
// The network the services move data over, behind one small interface, so that they do not
// care which model runs: the own max-min model of SimGrid's CM02 on the star (FlowNetwork:
// the same shares in SimGrid's arithmetic, without its per-flow objects; the default) or
// SimGrid's CM02 itself (every flow a SimGrid comm: the reference the own model is tested
// against). Sites are numbered in the order they are added.
// The SimGrid model makes the same SimGrid calls, in the same order, as the services made
// before this interface, so its outputs stay the same bit for bit.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace simgrid::s4u {
class Host;
}

namespace maillage {

class Kernel;

class FlowModel {
public:
  enum class Kind { SimGrid, MaxMin };
  using Site = std::uint32_t;
  using Flow = std::uint32_t;

  virtual ~FlowModel() = default;

  /** A site with its access links (bits/s; `shared`: its flows share each link, otherwise
   *  each may use the whole line). Call inside the run's SimGrid engine, before it runs. */
  virtual Site add_site(const std::string& name, double up_bps, double down_bps, double latency_s, bool shared) = 0;
  /** Closes the platform: the host the agenda runs on (nullptr: let the kernel make one). */
  virtual simgrid::s4u::Host* seal() = 0;

  /** Before reading or changing flows at the kernel's now (SimGrid's clock catches up). */
  virtual void sync() = 0;
  /** Changes a site's access (a rollout), after sync(). A running flow keeps the bandwidth
   *  bound of its start. */
  virtual void set_access(Site site, double up_bps, double down_bps, double latency_s) = 0;

  /** Two endless flows started now, `a` to `b` then `b` to `a` (a video call), after sync(). */
  virtual std::pair<Flow, Flow> start_both_ways(Site a, Site b) = 0;
  /** Bytes an endless flow carried so far, after sync(). */
  virtual double carried(Flow f) = 0;
  /** Ends both flows of a call, at once, after sync(). */
  virtual void cancel_both(Flow a, Flow b) = 0;

  /** A transfer of `bytes` from one site to another starting now; when it completes, the
   *  kernel's handler receives {kind, target, data}. */
  virtual void transfer(Site from, Site to, double bytes, std::uint32_t kind, std::uint32_t target,
                        std::uint64_t data) = 0;
};

/** A flow model for a run driven by `kernel`. */
std::unique_ptr<FlowModel> make_flow_model(FlowModel::Kind kind, Kernel& kernel);

}  // namespace maillage
