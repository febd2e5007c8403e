// supply.practices: GP practices (cabinet, MSP, centre de santé).
#include "scenarios/section_readers.hpp"

namespace maillage::loader {

void read_practices(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r) {
  auto read_item = [&](const YAML::Node& x, const Path& p, const std::optional<std::string>& id) {
    Practice pr;
    bool ok = true;
    if (id) pr.id = *id; else ok = false;
    if (auto c = ctx.commune_ref(x["commune"], key(p, "commune"), r)) pr.commune = *c; else ok = false;
    if (auto k = r.choice(x["kind"], key(p, "kind"), {"cabinet", "msp", "centre_de_sante"}))
      pr.kind = *k == "msp" ? PracticeKind::Msp : *k == "centre_de_sante" ? PracticeKind::CentreDeSante : PracticeKind::Cabinet;
    // Fractions are part-time diaries; 0.1 is half a day of a five-day week.
    if (auto d = r.number(x["doctors"], key(p, "doctors"), 0.1, 1000)) pr.doctors = *d; else ok = false;
    if (x["hours"]) {
      if (auto h = read_hours(x["hours"], key(p, "hours"), r)) pr.hours = *h; else ok = false;
      if (ok && pr.hours.is_never()) r.error(x["hours"], key(p, "hours"), "the practice is never open");
    }
    if (auto a = r.choice(x["access"], key(p, "access"), {"appointment", "walk_in"}))
      pr.access = *a == "walk_in" ? Access::WalkIn : Access::Appointment;
    if (auto b = r.boolean(x["new_patients"], key(p, "new_patients"))) pr.new_patients = *b;
    if (auto v = r.integer(x["panel"], key(p, "panel"), 0, 1000000)) pr.panel = static_cast<double>(*v);
    if (!read_cost(x, p, r, pr.cost)) ok = false;
    if (ok) ctx.sc.practices.push_back(std::move(pr));
  };
  read_items(ctx, r, n, path, {"id", "commune", "kind", "doctors", "hours", "access", "new_patients", "panel", "cost"},
             {"id", "commune", "doctors", "hours"}, read_item);
}

}  // namespace maillage::loader
