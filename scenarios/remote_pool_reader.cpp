// supply.remote_pools: doctors who consult remotely, from cabins, carts or home.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_remote_pools(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  auto read_item = [&](const YAML::Node& x, const Path& p, const std::optional<std::string>& id) {
    RemotePool pool;
    auto doctors = r.integer(x["doctors"], key(p, "doctors"), 1, 100000);
    auto h = read_hours(x["hours"], key(p, "hours"), r);
    if (!id || !doctors || !h || !read_cost(x, p, r, pool.cost)) return;
    ctx.pool_index.emplace(*id, ctx.sc.remote_pools.size());
    pool.id = *id, pool.doctors = static_cast<int>(*doctors), pool.hours = *h;
    ctx.sc.remote_pools.push_back(std::move(pool));
  };
  read_items(ctx, r, n, path, {"id", "doctors", "hours", "cost"}, {"id", "doctors", "hours"}, read_item);
}

}  // namespace maillage::loader
