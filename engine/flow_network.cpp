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

FlowNetwork::Flow FlowNetwork::add_flow(Site from, Site to, double bytes) {
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
  s.endless = !std::isfinite(bytes);
  s.bytes = s.endless ? endless_bytes_ : bytes;
  s.remains = s.bytes, s.last_update = clock_, s.alive = true;
  ++running_;
  s.serial = ++serial_;
  for (int i = 0; i < 2; ++i) {
    s.pos[i] = static_cast<std::uint32_t>(links_[s.link[i]].waiting.size());
    links_[s.link[i]].waiting.push_back(f);
  }
  if (s.latency > 0) {
    agenda_.push(Pending{s.latency + clock_, s.serial, f, true});  // SimGrid's date: latency + last update
    // Its links join SimGrid's modified set (System::expand): their flows are brought to now.
    mark(s.link[0]), mark(s.link[1]);
  } else {
    ++changes_;
    s.visit = visit_;  // SimGrid marks its links as they are added, without going through it
    comp_flows_.push_back(f);
    enable(f);
    mark(s.link[0]), mark(s.link[1]);
  }
  return f;
}

FlowNetwork::Flow FlowNetwork::start(Site from, Site to, double bytes, double now) {
  catch_up(now);
  begin_change();
  const Flow f = add_flow(from, to, bytes);
  end_change(flows_[f].enabled);  // a flow in its latency phase moves nobody
  return f;
}

std::pair<FlowNetwork::Flow, FlowNetwork::Flow> FlowNetwork::start_both_ways(Site a, Site b, double now) {
  catch_up(now);
  begin_change();
  const Flow ab = add_flow(a, b, kEndless), ba = add_flow(b, a, kEndless);
  end_change(flows_[ab].enabled || flows_[ba].enabled);
  return {ab, ba};
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
      if (g == f) continue;
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

namespace {
// A flow's side on a link it crosses: its up and down links are never the same.
int side(const std::uint32_t (&link)[2], std::uint32_t l) { return link[0] == l ? 0 : 1; }
}  // namespace

void FlowNetwork::enable(Flow f) {
  FlowState& s = flows_[f];
  for (int i = 0; i < 2; ++i) {
    Link& k = links_[s.link[i]];
    if (!s.enabled) {  // out of the waiting ones (their order does not count)
      const Flow last = k.waiting.back();
      k.waiting[s.pos[i]] = last;
      flows_[last].pos[side(flows_[last].link, s.link[i])] = s.pos[i];
      k.waiting.pop_back();
    }
    k.flows.push_back(f);
  }
  s.enabled = true;
}

void FlowNetwork::detach(Flow f) {
  FlowState& s = flows_[f];
  set_rate(s, 0.0);
  for (int i = 0; i < 2; ++i) {
    Link& k = links_[s.link[i]];
    if (s.enabled) {  // the others keep their order: it is the order of SimGrid's sums
      k.flows.erase(std::find(k.flows.begin(), k.flows.end(), f));
    } else {
      const Flow last = k.waiting.back();
      k.waiting[s.pos[i]] = last;
      flows_[last].pos[side(flows_[last].link, s.link[i])] = s.pos[i];
      k.waiting.pop_back();
    }
    if (k.flows.empty()) k.load = 0.0;  // no drift left over
  }
  s.alive = false;
  s.serial = ++serial_;
  free_.push_back(f);
  --running_;
}

bool FlowNetwork::remove(Flow f) {
  FlowState& s = flows_[f];
  if (!s.enabled) {  // SimGrid marks nothing for a flow that never shared
    detach(f);
    return true;
  }
  ++changes_;
  double rate = 0.0;
  const bool alone = moves_nobody(f, false, rate);
  mark(s.link[0]);  // as System::var_free, through the flow before it goes
  detach(f);
  return alone;
}

void FlowNetwork::cancel(Flow f, double now) {
  catch_up(now);
  begin_change();
  const bool quiet = remove(f);
  end_change(!quiet);
}

void FlowNetwork::cancel_both(Flow f, Flow g, double now) {
  catch_up(now);
  begin_change();
  const bool quiet = remove(f);  // each moves nobody: the two together neither
  end_change(!(remove(g) && quiet));
}

double FlowNetwork::carried(Flow f, double now) {
  catch_up(now);
  FlowState& s = flows_[f];
  update_remains(s);
  return s.bytes - s.remains;
}

void FlowNetwork::set_access(Site site, double up, double down, double latency_s, double now) {
  catch_up(now);
  begin_change();
  // StarPlatform::set_access: both bandwidths, then both latencies, in SimGrid's order of marks.
  links_[2 * site].capacity = up, links_[2 * site + 1].capacity = down;
  mark(2 * site), mark(2 * site + 1);
  for (std::uint32_t i = 0; i < 2; ++i) {
    Link& l = links_[2 * site + i];
    // NetworkCm02Link::set_latency: each flow's latency (its penalty and gamma bound) moves
    // by the change; its bandwidth bound stays the one of its start.
    const double delta = latency_s - l.latency;
    l.latency = latency_s;
    auto move = [&](Flow f) {
      FlowState& s = flows_[f];
      s.latency += delta;
      set_bound(s);
      mark(s.link[0]), mark(s.link[1]);
    };
    for (std::size_t j = l.flows.size(); j-- > 0;) move(l.flows[j]);
    for (Flow f : l.waiting) move(f);
  }
  ++changes_;
  end_change(true);
}

void FlowNetwork::schedule_completion(Flow f) {
  FlowState& s = flows_[f];
  // An endless flow would end after its 1e15 bytes, beyond any call: not scheduled (past its
  // latency it has no entry to invalidate).
  if (s.endless) return;
  s.serial = ++serial_;
  if (s.rate <= 0) return;
  agenda_.push(Pending{s.remains > 0 ? clock_ + s.remains / s.rate : clock_, s.serial, f, false});
}

FlowNetwork::Flow FlowNetwork::step() {
  if (next_event() == std::numeric_limits<double>::infinity()) return kNone;
  const Pending p = agenda_.top();
  agenda_.pop();
  FlowState& s = flows_[p.flow];
  if (clock_ < p.time) clock_ += p.time - clock_;  // the engine's step to its next event
  begin_change();
  if (!p.latency) {
    s.remains = 0.0;  // as SimGrid at the completion date
    end_change(!remove(p.flow));
    return p.flow;
  }
  ++changes_;
  s.last_update = clock_;
  double alone = 0.0;
  const bool quiet = moves_nobody(p.flow, true, alone);
  enable(p.flow);
  if (quiet) set_rate(s, alone);
  mark(s.link[0]);  // System::enable_var
  end_change(!quiet);
  return kNone;
}

void FlowNetwork::begin_change() {
  ++visit_;
  comp_flows_.clear();
  comp_links_.clear();
}

void FlowNetwork::mark(std::uint32_t l) {
  if (links_[l].visit == visit_) return;
  links_[l].visit = visit_;
  comp_links_.push_back(l);
  spread(l);
}

void FlowNetwork::spread(std::uint32_t l) {
  // SimGrid's update_modified_cnst_set_rec: each flow not met yet leads to its other link.
  const std::vector<Flow>& on = links_[l].flows;
  for (std::size_t i = on.size(); i-- > 0;) {
    const Flow f = on[i];
    FlowState& s = flows_[f];
    if (s.visit == visit_) continue;
    const std::uint32_t m = s.link[0] == l ? s.link[1] : s.link[0];
    if (links_[m].visit != visit_) {
      links_[m].visit = visit_;
      comp_links_.push_back(m);
      if (links_[m].flows.size() > 1) spread(m);  // else only this flow, met below
    }
    if (s.visit != visit_) {  // unless met deeper down
      s.visit = visit_;
      comp_flows_.push_back(f);
    }
  }
}

void FlowNetwork::end_change(bool solve) {
  if (solve) {
    ++solves_;
    solve_component();
  }
  // SimGrid's modified actions after its solve: remains to now, then the new rate.
  for (std::size_t i = 0; i < comp_flows_.size(); ++i) {
    const Flow f = comp_flows_[i];
    FlowState& s = flows_[f];
    if (!s.alive) continue;  // the flow that ended
    if (solve && s.rate != rate_scratch_[i]) set_rate(s, rate_scratch_[i]);
    update_remains(s);
    schedule_completion(f);
  }
}

void FlowNetwork::drop_light(Link& k) {
  // SimGrid moves the last of its table into the saturated link's place.
  const std::int32_t at = k.light;
  light_[at] = light_.back();
  links_[light_[at]].light = at;
  light_.pop_back();
  k.light = -1;
}

void FlowNetwork::solve_component() {
  // SimGrid's MaxMin::maxmin_solve (maxmin.cpp) on the component, in its order: links in
  // the order they were marked, each link's flows newest first when summed, oldest first
  // when fixed (its active elements), links saturating in turn taken out of the table.
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
    k.light = -1;
    k.remaining = k.capacity;
    if (!(k.remaining > k.capacity * precision_)) continue;
    k.usage = 0.0;
    for (std::size_t j = k.flows.size(); j-- > 0;) {
      const double u = 1.0 / penalty(flows_[k.flows[j]].latency);
      k.usage = k.shared ? k.usage + u : std::max(k.usage, u);
    }
    if (k.usage > 0) {
      k.light = static_cast<std::int32_t>(light_.size());
      light_.push_back(l);
    }
  }
  std::vector<Flow>& fixing = fixing_scratch_;
  while (!light_.empty()) {
    double min_usage = std::numeric_limits<double>::infinity();
    for (std::uint32_t l : light_) min_usage = std::min(min_usage, links_[l].remaining / links_[l].usage);
    // The unfixed flows of every link exactly at that level, once each.
    fixing.clear();
    ++visit_;
    for (std::uint32_t l : light_) {
      const Link& k = links_[l];
      if (k.remaining / k.usage != min_usage) continue;
      for (Flow f : k.flows) {
        FlowState& s = flows_[f];
        if (s.fixed || s.visit == visit_) continue;
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
          for (Flow g : k.flows)
            if (!flows_[g].fixed) k.usage = std::max(k.usage, 1.0 / penalty(flows_[g].latency));
        }
        if (k.light >= 0 && (!(k.usage > precision_) || !(k.remaining > k.capacity * precision_))) drop_light(k);
      }
    }
    if (!any)  // cannot happen with positive usages; never loop forever
      for (std::size_t j = light_.size(); j-- > 0;)
        if (links_[light_[j]].remaining / links_[light_[j]].usage == min_usage) drop_light(links_[light_[j]]);
  }
}

}  // namespace maillage
