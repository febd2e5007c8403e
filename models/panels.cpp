#include "models/panels.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <unordered_map>

namespace maillage {

Panels Panels::allocate(const Scenario& sc, double limit) {
  if (sc.baseline_practices.empty()) return fill(sc, sc.practices, limit, nullptr, nullptr);
  const Panels before = fill(sc, sc.baseline_practices, limit, nullptr, nullptr);
  return fill(sc, sc.practices, limit, &before, &sc.baseline_practices);
}

Panels Panels::fill(const Scenario& sc, const std::vector<Practice>& practices, double limit, const Panels* before,
                    const std::vector<Practice>* before_practices) {
  const std::size_t n_c = sc.communes.size(), n_p = practices.size();
  std::vector<std::size_t> at;
  for (const auto& p : practices) at.push_back(p.commune);
  const ReachTable reach = ReachTable::build(sc, at, limit);

  Panels out;
  out.capacity_.resize(n_p);
  for (std::size_t p = 0; p < n_p; ++p)
    out.capacity_[p] = practices[p].panel > 0 ? practices[p].panel : practices[p].doctors * sc.panel_per_doctor;
  out.registered_.assign(n_p, 0.0);
  // The candidates of each commune: the practices within reach, else its nearest.
  out.begin_.push_back(0);
  for (std::size_t c = 0; c < n_c; ++c) {
    for (const Reach* r = reach.row_begin(c); r != reach.row_end(c); ++r) out.entries_.push_back(Entry{*r, 0.0});
    if (reach.row_begin(c) == reach.row_end(c) && reach.nearest[c].provider != kNoProvider)
      out.entries_.push_back(Entry{reach.nearest[c], 0.0});
    out.begin_.push_back(static_cast<std::uint32_t>(out.entries_.size()));
  }
  std::vector<double> share_without(n_c, sc.without_gp_share);
  for (const auto& [c, s] : sc.without_gp_by_commune) share_without[c] = s;
  std::vector<double> seeking(n_c);
  for (std::size_t c = 0; c < n_c; ++c) seeking[c] = sc.communes[c].population * (1.0 - share_without[c]);

  // 1. A plan keeps the baseline's registrations with the practices it keeps.
  if (before) {
    std::unordered_map<std::string, std::uint32_t> index;
    for (std::uint32_t p = 0; p < n_p; ++p) index.emplace(practices[p].id, p);
    std::vector<double> kept(n_p, 0.0);
    for (std::size_t c = 0; c < n_c; ++c)
      for (const Entry* b = before->row_begin(c); b != before->row_end(c); ++b) {
        if (b->residents <= 0) continue;
        const auto it = index.find((*before_practices)[b->reach.provider].id);
        if (it == index.end()) continue;  // the practice closed: its patients lost their doctor
        for (Entry* e = out.entries_.data() + out.begin_[c]; e != out.entries_.data() + out.begin_[c + 1]; ++e)
          if (e->reach.provider == it->second) {
            e->residents = b->residents;
            kept[it->second] += b->residents;
          }
      }
    // A panel the plan shrinks below its patients keeps them pro rata; a commune whose
    // seekers the plan reduces keeps its registrations pro rata too.
    for (auto& e : out.entries_)
      if (kept[e.reach.provider] > out.capacity_[e.reach.provider])
        e.residents *= out.capacity_[e.reach.provider] / kept[e.reach.provider];
    for (std::size_t c = 0; c < n_c; ++c) {
      double have = 0;
      for (const Entry* e = out.row_begin(c); e != out.row_end(c); ++e) have += e->residents;
      if (have > seeking[c] && have > 0)
        for (Entry* e = out.entries_.data() + out.begin_[c]; e != out.entries_.data() + out.begin_[c + 1]; ++e)
          e->residents *= seeking[c] / have;
    }
  }
  std::vector<double> have(n_c, 0.0);
  for (std::size_t c = 0; c < n_c; ++c)
    for (const Entry* e = out.row_begin(c); e != out.row_end(c); ++e) {
      have[c] += e->residents;
      out.registered_[e->reach.provider] += e->residents;
    }

  // 2. Who still seeks one takes room by increasing travel time.
  struct Pair {
    float seconds;
    std::uint32_t commune, entry;
  };
  std::vector<Pair> pairs;
  for (std::uint32_t c = 0; c < n_c; ++c)
    for (std::uint32_t i = out.begin_[c]; i < out.begin_[c + 1]; ++i)
      if (!before || practices[out.entries_[i].reach.provider].new_patients)
        pairs.push_back(Pair{out.entries_[i].reach.seconds, c, i});
  std::sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
    return std::tie(a.seconds, a.commune, out.entries_[a.entry].reach.provider) <
           std::tie(b.seconds, b.commune, out.entries_[b.entry].reach.provider);
  });
  for (const Pair& pr : pairs) {
    Entry& e = out.entries_[pr.entry];
    const double room = out.capacity_[e.reach.provider] - out.registered_[e.reach.provider];
    const double take = std::min(seeking[pr.commune] - have[pr.commune], room);
    if (take <= 0) continue;
    e.residents += take;
    have[pr.commune] += take;
    out.registered_[e.reach.provider] += take;
  }

  // The share without one; exactly the stated share where everyone who seeks one has one,
  // so that non-binding panels draw as `medecin_traitant: draw` does.
  out.without_.resize(n_c);
  out.total_ = have;
  for (std::size_t c = 0; c < n_c; ++c) {
    const double pop = sc.communes[c].population;
    const bool complete = std::abs(have[c] - seeking[c]) <= 1e-9 * std::max(1.0, pop);
    out.without_[c] = complete || pop <= 0 ? share_without[c] : std::clamp(1.0 - have[c] / pop, 0.0, 1.0);
  }
  return out;
}

const Panels::Entry* Panels::draw(std::size_t c, double u) const {
  const double w = without_[c];
  if (u < w) return nullptr;
  const double total = total_[c];
  if (total <= 0) return nullptr;
  // u's place among the registered, nearest practice first.
  const double at = (u - w) / (1.0 - w) * total;
  const Entry* last = nullptr;
  double cum = 0;
  for (const Entry* e = row_begin(c); e != row_end(c); ++e) {
    if (e->residents <= 0) continue;
    cum += e->residents;
    last = e;
    if (at < cum) return e;
  }
  return last;
}

}  // namespace maillage
