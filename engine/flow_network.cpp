#include "engine/flow_network.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {
namespace {
// SimGrid's sharing penalty: the route's latency (a route without latency shares with 1).
double penalty(double latency) { return latency > 0 ? latency : 1.0; }
}  // namespace

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
  s.bytes = bytes, s.since = now, s.alive = true;
  for (int i = 0; i < 2; ++i) {
    s.pos[i] = static_cast<std::uint32_t>(links_[s.link[i]].flows.size());
    links_[s.link[i]].flows.push_back(f);
  }
  ++running_;
  s.serial = ++serial_;
  if (s.latency > 0) {
    agenda_.push(Pending{s.latency + now, s.serial, f, true});  // SimGrid's date: latency + last update
  } else {
    s.enabled = true;
    ++changes_;
    resolve(f, {}, now);
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
  rate = starting ? s.bound : 0.0;
  for (int i = 0; i < 2; ++i) {
    const Link& k = links_[s.link[i]];
    for (Flow g : k.flows) {
      if (g == f || !flows_[g].enabled) continue;
      if (!k.shared && penalty(flows_[g].latency) != p) return false;
      shared_with_others[i] = k.shared;
      if (k.shared) break;
    }
    if (starting && (!k.shared || !shared_with_others[i])) rate = std::min(rate, k.capacity);
  }
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
  s.done = carried(f, now);
  detach(f);
  if (enabled && !alone) resolve(kNone, {s.link[0], s.link[1]}, now);
}

double FlowNetwork::carried(Flow f, double now) const {
  const FlowState& s = flows_[f];
  const double c = s.done + s.rate * (now - s.since);
  return std::min(c, s.bytes);
}

void FlowNetwork::set_access(Site site, double up, double down, double latency_s, double now) {
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
  resolve(kNone, {2 * site, 2 * site + 1}, now);
}

void FlowNetwork::schedule_completion(Flow f, double now) {
  FlowState& s = flows_[f];
  s.serial = ++serial_;
  if (s.rate <= 0 || !std::isfinite(s.bytes)) return;
  const double left = s.bytes - s.done;
  agenda_.push(Pending{left > 0 ? now + left / s.rate : now, s.serial, f, false});
}

FlowNetwork::Flow FlowNetwork::step() {
  if (next_event() == std::numeric_limits<double>::infinity()) return kNone;
  const Pending p = agenda_.top();
  agenda_.pop();
  FlowState& s = flows_[p.flow];
  ++changes_;
  if (p.latency) {
    s.since = p.time;
    double alone = 0.0;
    if (moves_nobody(p.flow, true, alone)) {
      s.enabled = true;
      set_rate(s, alone);
      schedule_completion(p.flow, p.time);
    } else {
      s.enabled = true;
      resolve(p.flow, {}, p.time);
    }
    return kNone;
  }
  s.done = s.bytes;  // as SimGrid, which sets the remains to 0 at the completion date
  s.since = p.time;
  double rate = 0.0;
  const bool alone = moves_nobody(p.flow, false, rate);
  detach(p.flow);
  if (!alone) resolve(kNone, {s.link[0], s.link[1]}, p.time);
  return p.flow;
}

void FlowNetwork::resolve(Flow seed, std::initializer_list<std::uint32_t> seed_links, double now) {
  ++solves_;
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
  solve(now);
}

void FlowNetwork::solve(double now) {
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
    k.light = k.remaining > k.capacity * precision_ && k.usage > precision_;
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
      if (!(std::fabs(k.remaining / k.usage - min_usage) < precision_)) continue;
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
        if (std::fabs(links_[l].remaining / links_[l].usage - min_usage) < precision_) links_[l].light = false;
    light_.erase(std::remove_if(light_.begin(), light_.end(), [&](std::uint32_t l) { return !links_[l].light; }),
                 light_.end());
  }
  for (std::size_t i = 0; i < comp_flows_.size(); ++i) {
    const Flow f = comp_flows_[i];
    FlowState& s = flows_[f];
    s.done = carried(f, now);
    s.since = now;
    set_rate(s, rate[i]);
    schedule_completion(f, now);
  }
}

}  // namespace maillage
