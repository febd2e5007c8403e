#include "scenarios/workload.hpp"

#include <cstdio>
#include <vector>

#include "scenarios/diagnostics.hpp"

namespace maillage {
namespace {

std::string approx(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", x);
  return buf;
}

const std::string kForce = "pass --force (force=True in Python) if this is really meant";

void check_one(const Scenario& sc, const std::string& file, const std::string& path, std::vector<Diagnostic>& diags) {
  if (const double e = estimated_episodes(sc); e > kMaxEpisodesPerReplication)
    diags.push_back({file, 0, 0, path,
                     "about " + approx(e) + " episodes to simulate a replication (horizon × population × rate), more than " +
                         approx(kMaxEpisodesPerReplication) + ": check the rates and the horizon, or " + kForce});
  const std::size_t items = sc.practices.size() + sc.remote_pools.size() + sc.cabins.size() + sc.ehpads.size() +
                            sc.hospitals.size() + sc.hotlines.size() + sc.buses.size();
  if (items > kMaxSupplyItems)
    diags.push_back({file, 0, 0, path, std::to_string(items) + " supply items, more than " +
                                           std::to_string(kMaxSupplyItems) + ": " + kForce});
}

}  // namespace

double estimated_episodes(const Scenario& sc) {
  double inhabitants = 0, residents = 0;
  for (const auto& c : sc.communes) inhabitants += c.population;
  for (const auto& e : sc.ehpads) residents += e.residents;
  double episodes = residents;
  for (const auto& ct : sc.care_types) episodes += sc.horizon * ct.rate * (ct.residents ? residents : inhabitants);
  return episodes;
}

void check_workload(const Scenario& sc, const std::string& file) {
  std::vector<Diagnostic> diags;
  check_one(sc, file, "", diags);
  if (diags.empty())  // a plan says more only when the base is within the limits
    for (const auto& [name, plan] : sc.plans) check_one(*plan, file, "plans." + name, diags);
  if (sc.plans.size() > kMaxPlans)
    diags.push_back({file, 0, 0, "plans", std::to_string(sc.plans.size()) + " plans, more than " +
                                              std::to_string(kMaxPlans) + ": " + kForce});
  if (!diags.empty()) throw ScenarioError(diags);
}

}  // namespace maillage
