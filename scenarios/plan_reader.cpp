// The plans section's structure: each plan an overlay {add, remove, set} on the base.
// Each plan's content is checked when it is loaded as a scenario of its own.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_plans(LoaderContext& ctx, const YAML::Node& n) {
  // The overlays' structure; their content is checked when each plan is loaded.
  if (!ctx.r.dictionary(n, "plans")) return;
  for (const auto& kv : n) {
    const std::string name = kv.first.Scalar();
    const Path pp = key("plans", name);
    const YAML::Node plan = kv.second;
    if (plan.IsNull()) continue;
    if (!ctx.r.map(plan, pp, {"add", "remove", "set"})) continue;
    if (name == "baseline" && plan.size() > 0) {
      ctx.r.error(kv.first, pp, "the baseline is the scenario itself: give it no overlay, {}");
      continue;
    }
    if (plan["add"])
      ctx.r.map(plan["add"], key(pp, "add"),
                {"practices", "remote_pools", "cabins", "ehpads", "hospitals", "hotlines", "buses"});
  }
}

}  // namespace maillage::loader
