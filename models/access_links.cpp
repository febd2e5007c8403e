#include "models/access_links.hpp"

#include <algorithm>

namespace maillage {

AccessLinks::AccessLinks(const Scenario& sc, Kernel& kernel)
    : sc_(sc), flows_(make_flow_model(sc.network.flow_model, kernel)), technology_(sc.network.coverage) {
  if (!sc.network.enabled()) return;
  // Numbered in the order build() creates them.
  for (const auto& p : sc.practices) add("practice/" + p.id, p.commune);
  for (const auto& c : sc.cabins)
    cabin_.push_back(c.host >= 0 ? practice(static_cast<std::size_t>(c.host)) : add("cabin/" + c.id, c.commune));
  for (const auto& ct : sc.care_types)
    homes_ |= std::find(ct.pathway.begin(), ct.pathway.end(), PathwayOption::HomeRemote) != ct.pathway.end();
  home_ = static_cast<std::uint32_t>(sites_.size());
  if (homes_)
    for (const auto& c : sc.communes) add("homes/" + c.insee, static_cast<std::size_t>(&c - sc.communes.data()), false);
  for (const auto& b : sc.buses) {
    bus_stop_.push_back(static_cast<std::uint32_t>(sites_.size()));
    if (!b.tele_expertise) continue;
    const auto stops = schedule(b, *sc.roads);
    for (std::size_t s = 0; s < stops.size(); ++s) add("bus/" + b.id + "/" + std::to_string(s), stops[s].commune);
  }
  pool_ = static_cast<std::uint32_t>(sites_.size());
  for (const auto& p : sc.remote_pools) add("pool/" + p.id, kNoCommune);
}

std::uint32_t AccessLinks::add(std::string name, std::size_t commune, bool shared) {
  sites_.push_back(Entry{std::move(name), commune, shared, {}});
  return static_cast<std::uint32_t>(sites_.size() - 1);
}

simgrid::s4u::Host* AccessLinks::build() {
  if (!sc_.network.enabled()) return nullptr;
  for (const Entry& e : sites_) {  // numbered as sites_
    const Technology& t = e.commune == kNoCommune ? sc_.network.platform : technology(e.commune);
    flows_->add_site(e.name, t.up_bps, t.down_bps, t.latency_s, e.shared);
  }
  return flows_->seal();
}

void AccessLinks::rollout(std::size_t step) {
  const Rollout& r = sc_.network.rollout[step];
  const Technology& t = sc_.network.technologies[r.technology];
  for (std::size_t c : r.communes) {
    technology_[c] = r.technology;
    // The homes first, then the other sites in the commune (the order SimGrid sees).
    if (homes_) flows_->set_access(home(c), t.up_bps, t.down_bps, t.latency_s);
    for (std::uint32_t i = 0; i < sites_.size(); ++i)
      if (sites_[i].commune == c && sites_[i].shared) flows_->set_access(i, t.up_bps, t.down_bps, t.latency_s);
  }
}

double AccessLinks::measured_share(double t0, double now) const {
  // A flow carried evenly enough over [t0, now] for this purpose; the measured period is
  // [warm-up, horizon] (flows of needs still under way run on past the horizon).
  if (now <= t0) return now >= sc_.warmup && now <= sc_.horizon ? 1.0 : 0.0;
  return std::max(0.0, std::min(now, sc_.horizon) - std::max(t0, sc_.warmup)) / (now - t0);
}

void AccessLinks::tables(ResultSet& out, const std::string& plan, const std::string& rep) const {
  if (!sc_.network.enabled()) return;
  // Access links: bits carried against what the line could carry over the period.
  ResultTable& link_table = out.table("links");
  link_table.key_columns = {"plan", "replication", "link", "insee"};
  link_table.value_columns = {"utilisation", "carried_gb", "capacity_gb"};
  auto links = [&](const std::string& id, const Entry& e) {
    const bool platform = e.commune == kNoCommune;
    for (bool up : {true, false}) {
      const double cap = platform ? (up ? sc_.network.platform.up_bps : sc_.network.platform.down_bps) *
                                        (sc_.horizon - sc_.warmup)
                                  : sc_.network.capacity_bit_seconds(e.commune, up, sc_.warmup, sc_.horizon);
      const double carried = up ? e.carried.up : e.carried.down;
      link_table.rows.push_back({{plan, rep, id + (up ? "/up" : "/down"), platform ? "" : sc_.communes[e.commune].insee},
                                 {cap > 0 ? carried / cap : std::numeric_limits<double>::quiet_NaN(), carried / 8e9,
                                  cap / 8e9}});
    }
  };
  for (std::size_t p = 0; p < sc_.practices.size(); ++p) {
    const Entry& e = sites_[practice(p)];
    if (e.carried.up > 0 || e.carried.down > 0) links(sc_.practices[p].id, e);
  }
  for (std::size_t c = 0; c < sc_.cabins.size(); ++c)
    if (sc_.cabins[c].host < 0) links(sc_.cabins[c].id, sites_[cabin(c)]);
  for (std::size_t p = 0; p < sc_.remote_pools.size(); ++p) links(sc_.remote_pools[p].id, sites_[pool(p)]);

  // The THD coverage indicator: population share per technology, at each change.
  ResultTable& cov = out.table("coverage");
  cov.key_columns = {"plan", "replication", "technology"};
  cov.value_columns = {"day", "population", "share"};
  double total = 0;
  for (const auto& c : sc_.communes) total += c.population;
  for (double day : sc_.network.coverage_dates()) {
    const auto share = sc_.network.population_share(sc_.communes, day);
    for (std::size_t t = 0; t < share.size(); ++t)
      cov.rows.push_back({{plan, rep, sc_.network.technologies[t].name}, {day / 86400.0, share[t] * total, share[t]}});
  }
}

}  // namespace maillage
