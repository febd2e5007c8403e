#include "scenarios/commune_aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/scenario.hpp"

namespace maillage {

int CommuneAggregate::plan_index(const std::string& plan) const {
  const auto it = std::find(plans.begin(), plans.end(), plan);
  return it == plans.end() ? -1 : static_cast<int>(it - plans.begin());
}

int CommuneAggregate::measure_index(const std::string& measure) const {
  const auto it = std::find(measures.begin(), measures.end(), measure);
  return it == measures.end() ? -1 : static_cast<int>(it - measures.begin());
}

std::vector<double> CommuneAggregate::means(const std::string& plan, const std::string& measure) const {
  const int p = plan_index(plan), m = measure_index(measure);
  if (p < 0 || m < 0) return {};
  std::vector<double> out;
  for (const auto& commune : cells[p]) out.push_back(commune.empty() ? NAN : commune[m].value.mean);
  return out;
}

std::vector<double> CommuneAggregate::differences(const std::string& plan, const std::string& other,
                                                  const std::string& measure) const {
  const int p = plan_index(plan), o = plan_index(other), m = measure_index(measure);
  if (p < 0 || o < 0 || m < 0) return {};
  std::vector<double> out;
  for (std::size_t c = 0; c < cells[p].size(); ++c)
    out.push_back(replications[p][c].empty() || replications[o][c].empty()
                      ? NAN
                      : paired_difference(replications[p][c][m], replications[o][c][m]).mean);
  return out;
}

CommuneAggregate aggregate_communes(const RunResult& result, const Scenario& sc) {
  const ResultTable& t = result.by_commune;
  CommuneAggregate a;
  a.measures = t.value_columns;
  a.plans = t.first_keys();
  const auto base = std::find(a.plans.begin(), a.plans.end(), "baseline");
  if (base != a.plans.end()) std::rotate(a.plans.begin(), base, base + 1);
  std::map<std::string, std::size_t> commune_of;
  for (std::size_t c = 0; c < sc.communes.size(); ++c) commune_of.emplace(sc.communes[c].insee, c);
  std::set<int> reps;
  for (const auto& row : t.rows)
    if (row.keys.size() >= 3) reps.insert(std::stoi(row.keys[1]));
  const std::map<int, std::size_t> rep_slot = [&] {
    std::map<int, std::size_t> out;
    for (int r : reps) out.emplace(r, out.size());
    return out;
  }();
  // Replications are aligned by number, so that differences are paired; a missing one is NaN.
  a.replications.assign(a.plans.size(), std::vector<std::vector<std::vector<double>>>(sc.communes.size()));
  for (const auto& row : t.rows) {
    if (row.keys.size() < 3) continue;
    const int p = a.plan_index(row.keys[0]);
    const auto c = commune_of.find(row.keys[2]);
    if (p < 0 || c == commune_of.end()) continue;
    auto& values = a.replications[p][c->second];
    if (values.empty()) values.assign(a.measures.size(), std::vector<double>(reps.size(), NAN));
    const std::size_t slot = rep_slot.at(std::stoi(row.keys[1]));
    for (std::size_t m = 0; m < row.values.size() && m < values.size(); ++m) values[m][slot] = row.values[m];
  }
  a.cells.assign(a.plans.size(), std::vector<std::vector<CommuneAggregate::Cell>>(sc.communes.size()));
  for (std::size_t p = 0; p < a.plans.size(); ++p)
    for (std::size_t c = 0; c < sc.communes.size(); ++c) {
      const auto& mine = a.replications[p][c];
      if (mine.empty()) continue;
      const auto& theirs = a.replications[0][c];
      a.cells[p][c].reserve(a.measures.size());
      for (std::size_t m = 0; m < a.measures.size(); ++m) {
        CommuneAggregate::Cell cell;
        cell.value = confidence_interval(mine[m]);
        cell.diff.mean = cell.diff.half_width = NAN;
        if (p > 0 && !theirs.empty()) cell.diff = paired_difference(mine[m], theirs[m]);
        a.cells[p][c].push_back(cell);
      }
    }
  return a;
}

}  // namespace maillage
