// The demand: the share of people without a GP, and each care type (rate, pathway,
// limits, duration and patience distributions, video, pools, tele-expertise).
#include "scenarios/section_readers.hpp"

#include <algorithm>

namespace maillage::loader {
namespace {

std::optional<Distribution> read_distribution(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  if (!ctx.r.map(n, path, {"exponential", "lognormal", "fixed"})) return std::nullopt;
  if (n.size() != 1) {
    ctx.r.error(n, path, "expected exactly one of exponential, lognormal, fixed, e.g. {exponential: 15 min}");
    return std::nullopt;
  }
  if (n["exponential"]) {
    auto m = ctx.r.quantity(n["exponential"], key(path, "exponential"), Dimension::Duration);
    if (m && *m <= 0) ctx.r.error(n["exponential"], key(path, "exponential"), "expected a positive mean");
    if (m && *m > 0) return Distribution::exponential(*m);
  } else if (n["fixed"]) {
    if (auto v = ctx.r.quantity(n["fixed"], key(path, "fixed"), Dimension::Duration)) return Distribution::fixed(*v);
  } else if (n["lognormal"]) {
    const YAML::Node l = n["lognormal"];
    const Path lp = key(path, "lognormal");
    if (!ctx.r.map(l, lp, {"mean", "sd"}, {"mean", "sd"})) return std::nullopt;
    auto m = ctx.r.quantity(l["mean"], key(lp, "mean"), Dimension::Duration);
    auto sd = ctx.r.quantity(l["sd"], key(lp, "sd"), Dimension::Duration);
    if (m && *m <= 0) ctx.r.error(l["mean"], key(lp, "mean"), "expected a positive mean");
    if (m && sd && *m > 0) return Distribution::lognormal(*m, *sd);
  }
  return std::nullopt;
}

/** label: one text for every language, or {en: text, fr: text} (either may be left out). */
void read_label(LoaderContext& ctx, const YAML::Node& n, const Path& path, CareTypeLabel& out) {
  if (!n.IsMap()) {
    if (auto v = ctx.r.text(n, path)) out.en = out.fr = *v;
    return;
  }
  if (!ctx.r.map(n, path, {"en", "fr"})) return;
  if (n.size() == 0) ctx.r.error(n, path, "expected a text, or {en: text, fr: text} with at least one of them");
  if (auto v = ctx.r.text(n["en"], key(path, "en"))) out.en = *v;
  if (auto v = ctx.r.text(n["fr"], key(path, "fr"))) out.fr = *v;
}

void read_care_type(LoaderContext& ctx, const std::string& name, const YAML::Node& n, const Path& p) {
  if (!ctx.r.map(n, p,
                 {"rate", "population", "unscheduled", "max_wait", "max_travel", "duration", "remote_share", "pathway",
               "patience", "lead_time", "video", "pool", "tele_expertise", "specialty", "choice", "reference", "label"},
              {"rate", "max_wait", "max_travel", "duration", "pathway"}))
    return;
  CareType ct;
  ct.name = name;
  bool ok = true;
  if (auto v = ctx.r.quantity(n["rate"], key(p, "rate"), Dimension::Rate)) ct.rate = *v; else ok = false;
  if (n["label"]) read_label(ctx, n["label"], key(p, "label"), ct.label);
  if (auto v = ctx.r.boolean(n["unscheduled"], key(p, "unscheduled"))) ct.unscheduled = *v;
  if (auto v = ctx.r.text(n["specialty"], key(p, "specialty"))) ct.specialty = *v;
  // reference: the in-person provider remote care spares the trip to, a hospital by its id
  // or {commune: INSEE}; without it, the nearest practice or hospital with the specialty.
  if (const YAML::Node ref = n["reference"]; ref) {
    const Path rp = key(p, "reference");
    if (ref.IsScalar()) {
      const auto h = std::find_if(ctx.sc.hospitals.begin(), ctx.sc.hospitals.end(),
                                  [&](const Hospital& x) { return x.id == ref.Scalar(); });
      if (h != ctx.sc.hospitals.end()) ct.reference = static_cast<long>(h->commune);
      else ctx.r.error(ref, rp, "unknown hospital " + quote(ref.Scalar()) + " (not in supply.hospitals); or give {commune: INSEE}");
    } else if (ctx.r.map(ref, rp, {"commune"}, {"commune"})) {
      if (auto c = ctx.commune_ref(ref["commune"], key(rp, "commune"), ctx.r)) ct.reference = static_cast<long>(*c);
    }
  }
  // choice: first (in pathway order), or {travel_min: w, wait_day: w} (generalised cost).
  if (const YAML::Node ch = n["choice"]; ch) {
    const Path cp = key(p, "choice");
    if (ch.IsScalar()) {
      ctx.r.choice(ch, cp, {"first"});
    } else if (ctx.r.map(ch, cp, {"travel_min", "wait_day"}, {"travel_min", "wait_day"})) {
      auto t = ctx.r.number(ch["travel_min"], key(cp, "travel_min"), 0, 1e6);
      auto w = ctx.r.number(ch["wait_day"], key(cp, "wait_day"), 0, 1e6);
      if (t && w) ct.cost_choice = true, ct.cost_travel_min = *t, ct.cost_wait_day = *w;
    }
  }
  if (auto v = ctx.r.choice(n["population"], key(p, "population"), {"inhabitants", "residents"})) {
    ct.residents = *v == "residents";
    if (ct.residents && ctx.sc.ehpads.empty())
      ctx.r.error(n["population"], key(p, "population"), "needs of EHPAD residents, but supply.ehpads lists none");
  }
  if (auto v = ctx.r.quantity(n["max_wait"], key(p, "max_wait"), Dimension::Duration)) ct.max_wait = *v; else ok = false;
  if (auto v = ctx.r.quantity(n["max_travel"], key(p, "max_travel"), Dimension::Duration)) ct.max_travel = *v; else ok = false;
  if (n["duration"]) {
    if (auto d = read_distribution(ctx, n["duration"], key(p, "duration"))) ct.duration = *d; else ok = false;
  }
  if (auto v = ctx.r.number(n["remote_share"], key(p, "remote_share"), 0, 1)) ct.remote_share = *v;
  if (n["patience"]) {
    if (auto d = read_distribution(ctx, n["patience"], key(p, "patience"))) ct.patience = *d, ct.has_patience = true; else ok = false;
  }
  if (n["lead_time"]) {
    if (auto d = read_distribution(ctx, n["lead_time"], key(p, "lead_time"))) ct.lead_time = *d, ct.has_lead_time = true; else ok = false;
    if (ct.unscheduled) ctx.r.error(n["lead_time"], key(p, "lead_time"), "a same-day need (unscheduled: true) is not booked ahead");
  }
  if (const YAML::Node v = n["video"]; v && ctx.r.map(v, key(p, "video"), {"rate", "min"}, {"rate", "min"})) {
    auto rate = ctx.r.quantity(v["rate"], key(key(p, "video"), "rate"), Dimension::Bandwidth);
    auto min = ctx.r.quantity(v["min"], key(key(p, "video"), "min"), Dimension::Bandwidth);
    if (rate && min && *min > *rate) ctx.r.error(v["min"], key(key(p, "video"), "min"), "the minimum is above the rate");
    if (rate) ct.video_bps = *rate;
    if (min) ct.video_min_bps = *min;
  }
  if (n["pool"]) {
    if (auto pool = ctx.pool_ref(n["pool"], key(p, "pool"), ctx.r)) ct.home_pool = static_cast<int>(*pool); else ok = false;
  }
  if (const YAML::Node te = n["tele_expertise"]; te) {
    const Path tp = key(p, "tele_expertise");
    if (ctx.r.map(te, tp, {"pool", "upload", "delay", "reading"}, {"pool", "upload", "delay"})) {
      auto pool = ctx.pool_ref(te["pool"], key(tp, "pool"), ctx.r);
      auto upload = ctx.r.quantity(te["upload"], key(tp, "upload"), Dimension::Size);
      auto delay = read_distribution(ctx, te["delay"], key(tp, "delay"));
      std::optional<Distribution> reading;
      if (te["reading"] && !(reading = read_distribution(ctx, te["reading"], key(tp, "reading")))) ok = false;
      if (pool && upload && delay) ct.tele_expertise = TeleExpertise{static_cast<int>(*pool), *upload, *delay, reading.has_value(),
                                                                      reading.value_or(Distribution{})};
      else ok = false;
    }
  }
  const YAML::Node pw = n["pathway"];
  if (pw && ctx.r.sequence(pw, key(p, "pathway"))) {
    const auto names = pathway_option_names();
    if (pw.size() == 0) ctx.r.error(pw, key(p, "pathway"), "expected at least one option");
    for (std::size_t i = 0; i < pw.size(); ++i) {
      if (auto o = ctx.r.choice(pw[i], idx(key(p, "pathway"), i), names)) {
        PathwayOption opt;
        parse_pathway_option(*o, opt);
        ct.pathway.push_back(opt);
      }
    }
  }
  // Remote options need what they run on: say so here rather than skip them silently.
  for (std::size_t i = 0; i < ct.pathway.size(); ++i) {
    const Path op = idx(key(p, "pathway"), i);
    const bool remote = ct.pathway[i] == PathwayOption::Cabin || ct.pathway[i] == PathwayOption::HomeRemote ||
                        ct.pathway[i] == PathwayOption::TeleExpertise;
    if (remote && !ctx.sc.network.enabled())
      ctx.r.error(pw[i], op, std::string(to_string(ct.pathway[i])) + " runs over the network: describe it in territory.network");
    else if (ct.pathway[i] == PathwayOption::HomeRemote && !n["pool"])
      ctx.r.error(pw[i], op, "home_remote needs the care type's pool: the remote pool that consults from home");
    else if (ct.pathway[i] == PathwayOption::Hospital && !n["specialty"])
      ctx.r.error(pw[i], op, "hospital needs the care type's specialty: which specialists see it");
    else if (ct.pathway[i] == PathwayOption::TeleExpertise && !n["tele_expertise"])
      ctx.r.error(pw[i], op, "tele_expertise needs the care type's tele_expertise: {pool, upload, delay}");
  }
  if (ok) ctx.sc.care_types.push_back(std::move(ct));
}

}  // namespace

void read_demand(LoaderContext& ctx, const YAML::Node& n) {
  const Path p = "demand";
  if (!ctx.r.map(n, p, {"without_gp_share", "medecin_traitant", "panel_per_doctor", "care_types"}, {"care_types"})) return;
  // draw: registration drawn per need; panels: practices keep panels (models/panels.hpp).
  if (auto m = ctx.r.choice(n["medecin_traitant"], key(p, "medecin_traitant"), {"draw", "panels"})) ctx.sc.panels = *m == "panels";
  if (auto v = ctx.r.number(n["panel_per_doctor"], key(p, "panel_per_doctor"), 1, 100000)) ctx.sc.panel_per_doctor = *v;
  // A share for all, or {default: share, communes: {insee: share}}.
  const YAML::Node wg = n["without_gp_share"];
  const Path wp = key(p, "without_gp_share");
  if (wg && wg.IsMap()) {
    if (ctx.r.map(wg, wp, {"default", "communes"}, {"default"})) {
      if (auto v = ctx.r.number(wg["default"], key(wp, "default"), 0, 1)) ctx.sc.without_gp_share = *v;
      if (const YAML::Node cs = wg["communes"]; cs && ctx.r.dictionary(cs, key(wp, "communes")))
        for (const auto& kv : cs) {
          const Path cp = key(key(wp, "communes"), kv.first.Scalar());
          const auto c = ctx.commune_index.find(kv.first.Scalar());
          if (c == ctx.commune_index.end()) {
            ctx.r.error(kv.first, cp, "unknown commune " + quote(kv.first.Scalar()) + " (not in territory.communes)");
            continue;
          }
          if (auto v = ctx.r.number(kv.second, cp, 0, 1)) ctx.sc.without_gp_by_commune.emplace_back(c->second, *v);
        }
    }
  } else if (auto v = ctx.r.number(wg, wp, 0, 1)) {
    ctx.sc.without_gp_share = *v;
  }
  const YAML::Node cts = n["care_types"];
  if (!cts || !ctx.r.dictionary(cts, key(p, "care_types"))) return;
  if (cts.size() == 0) ctx.r.error(cts, key(p, "care_types"), "expected at least one care type");
  for (const auto& kv : cts) {
    const std::string name = kv.first.Scalar();
    read_care_type(ctx, name, kv.second, key(key(p, "care_types"), name));
  }
  // Specialists who read are not also on video: the two would count the same doctors twice.
  for (const auto& kv : cts) {
    const YAML::Node ct_node = kv.second;
    if (!ct_node.IsMap()) continue;
    const YAML::Node te = ct_node["tele_expertise"];
    if (!te || !te.IsMap() || !te["reading"]) continue;
    const YAML::Node reading = te["reading"];
    const auto ct = std::find_if(ctx.sc.care_types.begin(), ctx.sc.care_types.end(),
                                 [&](const CareType& c) { return c.name == kv.first.Scalar(); });
    if (ct == ctx.sc.care_types.end() || ct->tele_expertise.pool < 0) continue;
    const int pool = ct->tele_expertise.pool;
    std::string user;
    for (const auto& c : ctx.sc.cabins)
      if (c.pool == static_cast<std::size_t>(pool) && user.empty()) user = "cabin " + quote(c.id);
    for (const auto& other : ctx.sc.care_types)
      if (other.home_pool == pool && user.empty()) user = "care type " + quote(other.name) + " (home teleconsultation)";
    if (!user.empty())
      ctx.r.error(reading, key(key(key(key(p, "care_types"), kv.first.Scalar()), "tele_expertise"), "reading"),
                  "the pool " + quote(ctx.sc.remote_pools[static_cast<std::size_t>(pool)].id) + " also answers video for " +
                      user + ": give the specialists who read a pool of their own");
  }
}

}  // namespace maillage::loader
