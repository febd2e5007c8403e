#include "engine/flow_model.hpp"

#include <optional>
#include <vector>

#include <simgrid/s4u/Comm.hpp>

#include "engine/flow_network.hpp"
#include "engine/kernel.hpp"
#include "engine/star_platform.hpp"

namespace maillage {
namespace {

/** Handles to reuse: a slot per running flow. */
template <class T> class Slots {
public:
  std::uint32_t take(T value) {
    if (free_.empty()) {
      items_.push_back(std::move(value));
      return static_cast<std::uint32_t>(items_.size() - 1);
    }
    const std::uint32_t i = free_.back();
    free_.pop_back();
    items_[i] = std::move(value);
    return i;
  }
  T& operator[](std::uint32_t i) { return items_[i]; }
  void give_back(std::uint32_t i) {
    items_[i] = T{};
    free_.push_back(i);
  }

private:
  std::vector<T> items_;
  std::vector<std::uint32_t> free_;
};

class SimGridFlows : public FlowModel {
public:
  explicit SimGridFlows(Kernel& kernel) : kernel_(kernel) {}

  Site add_site(const std::string& name, double up_bps, double down_bps, double latency_s, bool shared) override {
    if (!platform_) {
      use_exact_flow_model();
      platform_.emplace("territory");
    }
    sites_.push_back(platform_->add_site(name, up_bps, down_bps, latency_s, shared));
    return static_cast<Site>(sites_.size() - 1);
  }
  simgrid::s4u::Host* seal() override {
    if (!platform_) return nullptr;
    const auto agenda = platform_->add_site("agenda", 1e9, 1e9, 0.0);
    platform_->seal();
    return agenda.host;
  }
  void sync() override { kernel_.sync(); }
  void set_access(Site site, double up_bps, double down_bps, double latency_s) override {
    StarPlatform::set_access(sites_[site], up_bps, down_bps, latency_s);
  }
  std::pair<Flow, Flow> start_both_ways(Site a, Site b) override {
    const Flow ab = comms_.take(transfer_from(sites_[a].host, kEndlessBytes));
    const Flow ba = comms_.take(transfer_from(sites_[b].host, kEndlessBytes));
    // Both ends set: SimGrid starts them, a to b first, as two simcalls would; a start ends
    // nothing, so no at_once (no handling of ended actions) is needed.
    comms_[ab]->set_destination(sites_[b].host);
    comms_[ba]->set_destination(sites_[a].host);
    return {ab, ba};
  }
  double carried(Flow f) override { return kEndlessBytes - comms_[f]->get_remaining(); }
  void cancel_both(Flow a, Flow b) override {
    kernel_.at_once([&] {
      comms_[a]->cancel();
      comms_[b]->cancel();
    });
    comms_.give_back(a);
    comms_.give_back(b);
  }
  void transfer(Site from, Site to, double bytes, std::uint32_t kind, std::uint32_t target,
                std::uint64_t data) override {
    kernel_.start_transfer(sites_[from].host, sites_[to].host, bytes, kind, target, data);
  }

private:
  // An endless flow is elastic (SimGrid 3.32 ignores Comm::set_rate on host-to-host comms):
  // it is given more bytes than it can carry and cancelled when it ends.
  static constexpr double kEndlessBytes = 1e15;
  Kernel& kernel_;
  std::optional<StarPlatform> platform_;
  std::vector<StarPlatform::Site> sites_;
  Slots<simgrid::s4u::CommPtr> comms_;
};

class MaxMinFlows : public FlowModel {
public:
  explicit MaxMinFlows(Kernel& kernel) : kernel_(kernel) {}

  Site add_site(const std::string&, double up_bps, double down_bps, double latency_s, bool shared) override {
    return net_.add_site(link_bytes_per_s(up_bps), link_bytes_per_s(down_bps), latency_s, shared);
  }
  simgrid::s4u::Host* seal() override {
    kernel_.attach(&net_);
    return nullptr;
  }
  void sync() override {}
  void set_access(Site site, double up_bps, double down_bps, double latency_s) override {
    net_.set_access(site, link_bytes_per_s(up_bps), link_bytes_per_s(down_bps), latency_s, kernel_.now());
  }
  std::pair<Flow, Flow> start_both_ways(Site a, Site b) override {
    return net_.start_both_ways(a, b, kernel_.now());
  }
  double carried(Flow f) override { return net_.carried(f, kernel_.now()); }
  void cancel_both(Flow a, Flow b) override {
    net_.cancel_both(a, b, kernel_.now());
  }
  void transfer(Site from, Site to, double bytes, std::uint32_t kind, std::uint32_t target,
                std::uint64_t data) override {
    // SimGrid's comms carry whole bytes (its payload size is an integer).
    const FlowNetwork::Flow f = net_.start(from, to, static_cast<double>(static_cast<std::uint64_t>(bytes)), kernel_.now());
    kernel_.on_completion(f, kind, target, data);
  }

private:
  Kernel& kernel_;
  FlowNetwork net_;
};

}  // namespace

std::unique_ptr<FlowModel> make_flow_model(FlowModel::Kind kind, Kernel& kernel) {
  if (kind == FlowModel::Kind::MaxMin) return std::make_unique<MaxMinFlows>(kernel);
  return std::make_unique<SimGridFlows>(kernel);
}

}  // namespace maillage
