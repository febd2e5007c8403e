// supply.hotlines: regulated phone lines with a daily number of slots.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_hotlines(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  auto read_item = [&](const YAML::Node& x, const Path& p, const std::optional<std::string>& id) {
    Hotline h;
    auto commune = ctx.commune_ref(x["commune"], key(p, "commune"), r);
    auto doctors = r.integer(x["doctors"], key(p, "doctors"), 1, 10000);
    auto hrs = read_hours(x["hours"], key(p, "hours"), r);
    auto slots = r.integer(x["slots_per_day"], key(p, "slots_per_day"), 1, 1000000);
    bool ok = id && commune && doctors && hrs && slots;
    if (const YAML::Node cs = x["communes"]; cs && r.sequence(cs, key(p, "communes")))
      for (std::size_t j = 0; j < cs.size(); ++j) {
        if (auto c = ctx.commune_ref(cs[j], idx(key(p, "communes"), j), r)) h.communes.push_back(*c);
        else ok = false;
      }
    if (!ok || !read_cost(x, p, r, h.cost)) return;
    h.id = *id, h.commune = *commune, h.doctors = static_cast<int>(*doctors), h.hours = *hrs;
    h.slots_per_day = static_cast<int>(*slots);
    ctx.sc.hotlines.push_back(std::move(h));
  };
  read_items(ctx, r, n, path, {"id", "commune", "communes", "doctors", "hours", "slots_per_day", "cost"},
             {"id", "commune", "doctors", "hours", "slots_per_day"}, read_item);
}

}  // namespace maillage::loader
