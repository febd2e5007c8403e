// supply.cabins: telemedicine cabins, kiosks and suitcases, each served by a remote pool.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_cabins(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  if (!r.sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const Path p = idx(path, i);
    const YAML::Node x = n[i];
    if (!r.map(x, p, {"id", "commune", "kind", "pool", "hours", "host", "cost"}, {"id", "commune", "pool", "hours"}))
      continue;
    Cabin cab;
    bool skip = false;
    auto id = read_item_id(ctx, x, p, r, skip);
    if (skip) continue;
    auto commune = ctx.commune_ref(x["commune"], key(p, "commune"), r);
    auto pool = ctx.pool_ref(x["pool"], key(p, "pool"), r);
    auto h = read_hours(x["hours"], key(p, "hours"), r);
    auto kind = r.choice(x["kind"], key(p, "kind"), {"cabin", "kiosk", "suitcase"});
    if (!id || !commune || !pool || !h || !read_cost(x, p, r, cab.cost)) continue;
    cab.id = *id, cab.commune = *commune, cab.pool = *pool, cab.hours = *h;
    if (x["host"]) {  // a practice of the base (practices load last: checked by id here)
      ctx.host_refs.push_back({ctx.sc.cabins.size(), x["host"], key(p, "host"), &r});
    }
    if (kind) cab.kind = *kind == "kiosk" ? CabinKind::Kiosk : *kind == "suitcase" ? CabinKind::Suitcase : CabinKind::Cabin;
    ctx.sc.cabins.push_back(std::move(cab));
  }
  if (!ctx.sc.cabins.empty() && !ctx.sc.network.enabled())
    r.error(n, path, "cabins consult over the network: describe it in territory.network");
}

}  // namespace maillage::loader
