#include "engine/flow_network.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {
namespace {
// SimGrid's sharing penalty: the route's latency (a route without latency shares with 1).
double penalty(double latency) { return latency > 0 ? latency : 1.0; }
// SimGrid's precision on remains: sg_maxmin_precision x sg_surf_precision (3.32's defaults).
constexpr double kRemainsPrecision = 1e-5 * 1e-9;
}  // namespace

void FlowNetwork::catch_up(double now) {
  if (!(clock_ < now)) return;
  const double date = clock_ + (now - clock_);  // Kernel::sync's date, then the engine's step to it
  clock_ += date - clock_;
}

void FlowNetwork::update_remains(FlowState& s) {
  if (s.remains > 0) {
    s.remains -= s.last_value * (clock_ - s.last_update);
    if (s.remains < kRemainsPrecision) s.remains = 0.0;
  }
  s.last_update = clock_;
  s.last_value = s.rate;
}

FlowNetwork::Site FlowNetwork::add_site(double up, double down, double latency_s, bool shared) {
  const auto site = static_cast<Site>(links_.size() / 2);
  links_.push_back(Link{up, latency_s, shared, {}});
  links_.push_back(Link{down, latency_s, shared, {}});
  return site;
}

void FlowNetwork::set_bound(FlowState& s) {
  // CM02: the route's slowest line at the start, and TCP's window over the round trip.
  s.bound = s.latency > 0 ? std::min(s.user_bound, gamma_ / (2.0 * s.latency)) : s.user_bound;
}

FlowNetwork::Flow FlowNetwork::start(Site from, Site to, double bytes, double now) {
  Flow f;
  if (!free_.empty()) {
    f = free_.back();
    free_.pop_back();
  } else {
    f = static_cast<Flow>(flows_.size());
    flows_.emplace_back();
  }
  FlowState& s = flows_[f];
  s = FlowState{};
  s.link[0] = 2 * from, s.link[1] = 2 * to + 1;
  s.latency = 0.0;
  for (std::uint32_t l : s.link) s.latency += links_[l].latency;  // up, then down
  s.user_bound = std::min(links_[s.link[0]].capacity, links_[s.link[1]].capacity);
  set_bound(s);
  catch_up(now);
  s.endless = !std::isfinite(bytes);
  s.bytes = s.endless ? endless_bytes_ : bytes;
  s.remains = s.bytes, s.last_update = clock_, s.alive = true;
  for (int i = 0; i < 2; ++i) {
    s.pos[i] = static_cast<std::uint32_t>(links_[s.link[i]].flows.size());
    links_[s.link[i]].flows.push_back(f);
  }
  ++running_;
  s.serial = ++serial_;
  if (s.latency > 0) {
    agenda_.push(Pending{s.latency + clock_, s.serial, f, true});  // SimGrid's date: latency + last update
    // Its links join SimGrid's modified set (System::expand): their flows are brought to now.
    resolve(kNone, {s.link[0], s.link[1]}, false);
  } else {
    s.enabled = true;
    ++changes_;
    resolve(f, {});
  }
  return f;
}

void FlowNetwork::set_rate(FlowState& s, double rate) {
  for (std::uint32_t l : s.link) links_[l].load += rate - s.rate;
  s.rate = rate;
}

bool FlowNetwork::moves_nobody(Flow f, bool starting, double& rate) const {
  const FlowState& s = flows_[f];
  const double p = penalty(s.latency);
  bool shared_with_others[2] = {false, false};
  // Its share as SimGrid's solve computes it: the lowest level (capacity / usage) of the
  // links it has to itself (or shares at one penalty, FATPIPE), over its penalty, unless
  // its bound is lower.
  double level = std::numeric_limits<double>::infinity();
  for (int i = 0; i < 2; ++i) {
    const Link& k = links_[s.link[i]];
    for (Flow g : k.flows) {
      if (g == f || !flows_[g].enabled) continue;
      if (!k.shared && penalty(flows_[g].latency) != p) return false;
      shared_with_others[i] = k.shared;
      if (k.shared) break;
    }
    if (starting && (!k.shared || !shared_with_others[i])) level = std::min(level, k.capacity / (1.0 / p));
  }
  rate = 0.0;
  if (starting) rate = s.bound > 0 && s.bound * p < level ? s.bound : level / p;
  // Short of saturation by more than SimGrid's precision counts, so that no tie is near.
  const double margin = 1 - 4 * precision_;
  for (int i = 0; i < 2; ++i) {
    const Link& k = links_[s.link[i]];
    if (shared_with_others[i] && !(k.load + rate < k.capacity * margin)) return false;
  }
  return true;
}

void FlowNetwork::detach(Flow f) {
  FlowState& s = flows_[f];
  set_rate(s, 0.0);
  for (int i = 0; i < 2; ++i) {
    std::vector<Flow>& on = links_[s.link[i]].flows;
    const Flow last = on.back();
    on[s.pos[i]] = last;
    FlowState& moved = flows_[last];
    for (int j = 0; j < 2; ++j)  // the same flow may cross this link once only (up or down)
      if (moved.link[j] == s.link[i]) moved.pos[j] = s.pos[i];
    on.pop_back();
    if (on.empty()) links_[s.link[i]].load = 0.0;  // no drift left over
  }
  s.alive = false;
  s.serial = ++serial_;
  free_.push_back(f);
  --running_;
}

void FlowNetwork::cancel(Flow f, double now) {
  FlowState& s = flows_[f];
  changes_ += s.enabled;
  double rate = 0.0;
  const bool enabled = s.enabled, alone = enabled && moves_nobody(f, false, rate);
  catch_up(now);
  detach(f);
  if (enabled) resolve(kNone, {s.link[0], s.link[1]}, !alone);
}

double FlowNetwork::carried(Flow f, double now) {
  catch_up(now);
  FlowState& s = flows_[f];
  update_remains(s);
  return s.bytes - s.remains;
}

void FlowNetwork::set_access(Site site, double up, double down, double latency_s, double now) {
  catch_up(now);
  const double capacity[2] = {up, down};
  for (std::uint32_t i = 0; i < 2; ++i) {
    Link& l = links_[2 * site + i];
    l.capacity = capacity[i];
    // NetworkCm02Link::set_latency: each flow's latency (its penalty and gamma bound) moves
    // by the change; its bandwidth bound stays the one of its start.
    const double delta = latency_s - l.latency;
    l.latency = latency_s;
    for (Flow f : l.flows) {
      flows_[f].latency += delta;
      set_bound(flows_[f]);
    }
  }
  ++changes_;
  resolve(kNone, {2 * site, 2 * site + 1});
}

void FlowNetwork::schedule_completion(Flow f) {
  FlowState& s = flows_[f];
  s.serial = ++serial_;
  // An endless flow would end after its 1e15 bytes, beyond any call: not scheduled.
  if (s.rate <= 0 || s.endless) return;
  agenda_.push(Pending{s.remains > 0 ? clock_ + s.remains / s.rate : clock_, s.serial, f, false});
}

FlowNetwork::Flow FlowNetwork::step() {
  if (next_event() == std::numeric_limits<double>::infinity()) return kNone;
  const Pending p = agenda_.top();
  agenda_.pop();
  FlowState& s = flows_[p.flow];
  ++changes_;
  if (clock_ < p.time) clock_ += p.time - clock_;  // the engine's step to its next event
  if (p.latency) {
    s.last_update = clock_;
    double alone = 0.0;
    const bool quiet = moves_nobody(p.flow, true, alone);
    s.enabled = true;
    if (quiet) set_rate(s, alone);
    resolve(p.flow, {}, !quiet);
    return kNone;
  }
  s.remains = 0.0;  // as SimGrid at the completion date
  double rate = 0.0;
  const bool alone = moves_nobody(p.flow, false, rate);
  detach(p.flow);
  resolve(kNone, {s.link[0], s.link[1]}, !alone);
  return p.flow;
}

void FlowNetwork::resolve(Flow seed, std::initializer_list<std::uint32_t> seed_links, bool solve) {
  gather(seed, seed_links);
  if (solve) {
    ++solves_;
    solve_component();
  }
  // SimGrid's modified actions after its solve: remains to now, then the new rate.
  for (std::size_t i = 0; i < comp_flows_.size(); ++i) {
    const Flow f = comp_flows_[i];
    FlowState& s = flows_[f];
    if (solve) set_rate(s, rate_scratch_[i]);
    update_remains(s);
    schedule_completion(f);
  }
}

void FlowNetwork::gather(Flow seed, std::initializer_list<std::uint32_t> seed_links) {
  // The component: flows and links joined through running flows (FATPIPE links included:
  // SimGrid's level on such a link is bounded by its most favoured unfixed flow).
  ++visit_;
  comp_flows_.clear();
  comp_links_.clear();
  auto add_link = [&](std::uint32_t l) {
    if (links_[l].visit == visit_) return;
    links_[l].visit = visit_;
    comp_links_.push_back(l);
  };
  if (seed != kNone && flows_[seed].alive && flows_[seed].enabled) {
    FlowState& s = flows_[seed];
    s.visit = visit_;
    comp_flows_.push_back(seed);
    add_link(s.link[0]), add_link(s.link[1]);
  }
  for (std::uint32_t l : seed_links) add_link(l);
  for (std::size_t i = 0; i < comp_links_.size(); ++i)
    for (Flow f : links_[comp_links_[i]].flows) {
      FlowState& s = flows_[f];
      if (!s.enabled || s.visit == visit_) continue;
      s.visit = visit_;
      comp_flows_.push_back(f);
      add_link(s.link[0]), add_link(s.link[1]);
    }
}

void FlowNetwork::solve_component() {
  // SimGrid's System::do_solve (maxmin.cpp) on the component, in the same steps.
  std::vector<double>& rate = rate_scratch_;
  rate.assign(comp_flows_.size(), 0.0);
  for (std::size_t i = 0; i < comp_flows_.size(); ++i) {
    FlowState& s = flows_[comp_flows_[i]];
    s.fixed = false;
    s.slot = static_cast<std::uint32_t>(i);
  }
  light_.clear();
  for (std::uint32_t l : comp_links_) {
    Link& k = links_[l];
    k.remaining = k.capacity, k.usage = 0.0;
    for (Flow f : k.flows) {
      const FlowState& s = flows_[f];
      if (!s.enabled) continue;
      k.usage = k.shared ? k.usage + 1.0 / penalty(s.latency) : std::max(k.usage, 1.0 / penalty(s.latency));
    }
    k.light = k.remaining > k.capacity * precision_ && k.usage > 0;
    if (k.light) light_.push_back(l);
  }
  std::vector<Flow>& fixing = fixing_scratch_;
  while (!light_.empty()) {
    double min_usage = std::numeric_limits<double>::infinity();
    for (std::uint32_t l : light_) min_usage = std::min(min_usage, links_[l].remaining / links_[l].usage);
    // The variables of every link at that level (within the precision), once each.
    fixing.clear();
    ++visit_;
    for (std::uint32_t l : light_) {
      const Link& k = links_[l];
      if (k.remaining / k.usage != min_usage) continue;  // SimGrid: exactly the lowest level
      for (Flow f : k.flows) {
        FlowState& s = flows_[f];
        if (!s.enabled || s.fixed || s.visit == visit_) continue;
        s.visit = visit_;
        fixing.push_back(f);
      }
    }
    double min_bound = -1.0;
    for (Flow f : fixing) {
      const FlowState& s = flows_[f];
      const double b = s.bound * penalty(s.latency);
      if (s.bound > 0 && b < min_usage) min_bound = min_bound < 0 ? b : std::min(min_bound, b);
    }
    bool any = false;
    for (Flow f : fixing) {
      FlowState& s = flows_[f];
      const double p = penalty(s.latency);
      double value;
      if (min_bound < 0)
        value = min_usage / p;
      else if (std::fabs(min_bound - s.bound * p) < precision_)
        value = s.bound;
      else
        continue;  // a later round
      rate[s.slot] = value, s.fixed = true, any = true;
      for (std::uint32_t l : s.link) {
        Link& k = links_[l];
        if (k.shared) {
          k.remaining -= value;
          if (k.remaining < k.capacity * precision_) k.remaining = 0.0;
          k.usage -= 1.0 / p;
          if (k.usage < precision_) k.usage = 0.0;
        } else {
          k.usage = 0.0;
          for (Flow g : k.flows) {
            const FlowState& o = flows_[g];
            if (o.enabled && !o.fixed) k.usage = std::max(k.usage, 1.0 / penalty(o.latency));
          }
        }
        if (!(k.usage > precision_) || !(k.remaining > k.capacity * precision_)) k.light = false;
      }
    }
    if (!any)  // cannot happen with positive usages; never loop forever
      for (std::uint32_t l : light_)
        if (links_[l].remaining / links_[l].usage == min_usage) links_[l].light = false;
    light_.erase(std::remove_if(light_.begin(), light_.end(), [&](std::uint32_t l) { return !links_[l].light; }),
                 light_.end());
  }
}

}  // namespace maillage
