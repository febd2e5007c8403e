// supply.ehpads: nursing homes, their residents and their telemedicine cart.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_ehpads(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  auto read_item = [&](const YAML::Node& x, const Path& p, const std::optional<std::string>& id) {
    auto commune = ctx.commune_ref(x["commune"], key(p, "commune"), r);
    auto residents = r.integer(x["residents"], key(p, "residents"), 1, 100000);
    Cabin cart;
    const YAML::Node c = x["cart"];
    const Path cp = key(p, "cart");
    if (!c) {
      r.error(x, p, "missing key \"cart\": the telemedicine cart {pool, hours} (its nurse's hours)");
      return;
    }
    if (!r.map(c, cp, {"pool", "hours"}, {"pool", "hours"})) return;
    auto pool = ctx.pool_ref(c["pool"], key(cp, "pool"), r);
    auto h = read_hours(c["hours"], key(cp, "hours"), r);
    if (!id || !commune || !residents || !pool || !h || !read_cost(x, p, r, cart.cost)) return;  // the cart's cost
    cart.id = *id + "/cart", cart.commune = *commune, cart.kind = CabinKind::Suitcase, cart.pool = *pool, cart.hours = *h;
    cart.ehpad = static_cast<int>(ctx.sc.ehpads.size());
    ctx.sc.ehpads.push_back(Ehpad{*id, *commune, static_cast<double>(*residents), ctx.sc.cabins.size()});
    ctx.sc.cabins.push_back(std::move(cart));
  };
  if (!read_items(ctx, r, n, path, {"id", "commune", "residents", "cart", "cost"},
                  {"id", "commune", "residents"}, read_item))
    return;
  if (!ctx.sc.ehpads.empty() && !ctx.sc.network.enabled())
    r.error(n, path, "EHPAD carts consult over the network: describe it in territory.network");
}

}  // namespace maillage::loader
