// supply.remote_pools: doctors who consult remotely, from cabins, carts or home.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_remote_pools(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  if (!r.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r.map(x, p, {"id", "doctors", "hours", "cost"}, {"id", "doctors", "hours"})) continue;
    RemotePool pool;
    bool skip = false;
    auto id = read_item_id(ctx, x, p, r, skip);
    if (skip) continue;
    auto doctors = r.integer(x["doctors"], key(p, "doctors"), 1, 100000);
    auto h = read_hours(x["hours"], key(p, "hours"), r);
    if (!id || !doctors || !h || !read_cost(x, p, r, pool.cost)) continue;
    ctx.pool_index.emplace(*id, ctx.sc.remote_pools.size());
    pool.id = *id, pool.doctors = static_cast<int>(*doctors), pool.hours = *h;
    ctx.sc.remote_pools.push_back(std::move(pool));
  }
}

}  // namespace maillage::loader
