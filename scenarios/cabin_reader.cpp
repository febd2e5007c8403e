// supply.cabins: telemedicine cabins, kiosks and suitcases, each served by a remote pool.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_cabins(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  auto read_item = [&](const YAML::Node& x, const Path& p, const std::optional<std::string>& id) {
    Cabin cab;
    auto commune = ctx.commune_ref(x["commune"], key(p, "commune"), r);
    auto pool = ctx.pool_ref(x["pool"], key(p, "pool"), r);
    auto h = read_hours(x["hours"], key(p, "hours"), r);
    auto kind = r.choice(x["kind"], key(p, "kind"), {"cabin", "kiosk", "suitcase"});
    if (!id || !commune || !pool || !h || !read_cost(x, p, r, cab.cost)) return;
    cab.id = *id, cab.commune = *commune, cab.pool = *pool, cab.hours = *h;
    if (x["host"]) {  // a practice of the base (practices load last: checked by id here)
      ctx.host_refs.push_back({ctx.sc.cabins.size(), x["host"], key(p, "host"), &r});
    }
    if (kind) cab.kind = *kind == "kiosk" ? CabinKind::Kiosk : *kind == "suitcase" ? CabinKind::Suitcase : CabinKind::Cabin;
    ctx.sc.cabins.push_back(std::move(cab));
  };
  if (!read_items(ctx, r, n, path, {"id", "commune", "kind", "pool", "hours", "host", "cost"},
                  {"id", "commune", "pool", "hours"}, read_item))
    return;
  if (!ctx.sc.cabins.empty() && !ctx.sc.network.enabled())
    r.error(n, path, "cabins consult over the network: describe it in territory.network");
}

}  // namespace maillage::loader
