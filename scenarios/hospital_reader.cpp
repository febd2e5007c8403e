// supply.hospitals: specialties with their doctors and hours, and the emergency department.
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_hospitals(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  auto read_item = [&](const YAML::Node& x, const Path& p, const std::optional<std::string>& id) {
    Hospital h;
    auto commune = ctx.commune_ref(x["commune"], key(p, "commune"), r);
    bool ok = id && commune;
    if (const YAML::Node sp = x["specialties"]; sp && r.dictionary(sp, key(p, "specialties")))
      for (const auto& kv : sp) {
        const Path sp_path = key(key(p, "specialties"), kv.first.Scalar());
        if (!r.map(kv.second, sp_path, {"doctors", "hours"}, {"doctors", "hours"})) {
          ok = false;
          continue;
        }
        auto doctors = r.integer(kv.second["doctors"], key(sp_path, "doctors"), 1, 10000);
        auto hrs = read_hours(kv.second["hours"], key(sp_path, "hours"), r);
        if (doctors && hrs) h.specialties.push_back(Specialty{kv.first.Scalar(), static_cast<int>(*doctors), *hrs});
        else ok = false;
      }
    if (const YAML::Node ed = x["emergency"]; ed && r.map(ed, key(p, "emergency"), {"doctors"}, {"doctors"})) {
      if (auto d = r.integer(ed["doctors"], key(key(p, "emergency"), "doctors"), 1, 10000)) h.ed_doctors = static_cast<int>(*d);
      else ok = false;
    }
    if (!ok || !read_cost(x, p, r, h.cost)) return;
    h.id = *id, h.commune = *commune;
    ctx.sc.hospitals.push_back(std::move(h));
  };
  read_items(ctx, r, n, path, {"id", "commune", "specialties", "emergency", "cost"},
             {"id", "commune"}, read_item);
}

}  // namespace maillage::loader
