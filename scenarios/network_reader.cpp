// The territory's network: technologies, which one covers each commune, their rollout
// over time, and the platform remote consultations go through.
#include "scenarios/section_readers.hpp"

#include <algorithm>

namespace maillage::loader {

void read_network(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  if (!ctx.r.map(n, path, {"technologies", "coverage", "rollout", "platform", "flow_model"}, {"technologies", "coverage"}))
    return;
  Network& net = ctx.sc.network;
  if (auto m = ctx.r.choice(n["flow_model"], key(path, "flow_model"), {"simgrid", "max_min"}))
    net.flow_model = *m == "max_min" ? FlowModel::Kind::MaxMin : FlowModel::Kind::SimGrid;
  auto technology = [&](const YAML::Node& t, const Path& tp, Technology& out) {
    if (!ctx.r.map(t, tp, {"down", "up", "latency"}, {"down", "up", "latency"})) return false;
    auto down = ctx.r.quantity(t["down"], key(tp, "down"), Dimension::Bandwidth);
    auto up = ctx.r.quantity(t["up"], key(tp, "up"), Dimension::Bandwidth);
    auto lat = ctx.r.quantity(t["latency"], key(tp, "latency"), Dimension::Duration);
    if (!down || !up || !lat) return false;
    out.down_bps = *down, out.up_bps = *up, out.latency_s = *lat;
    return true;
  };
  const YAML::Node techs = n["technologies"];
  if (techs && ctx.r.dictionary(techs, key(path, "technologies"))) {
    for (const auto& kv : techs) {
      // Registered even when invalid (its error is recorded), so references to it check.
      Technology t;
      t.name = kv.first.Scalar();
      technology(kv.second, key(key(path, "technologies"), t.name), t);
      ctx.technology_index[t.name] = net.technologies.size();
      net.technologies.push_back(t);
    }
  }
  if (n["platform"]) technology(n["platform"], key(path, "platform"), net.platform);
  if (net.technologies.empty()) return;

  const YAML::Node cov = n["coverage"];
  const Path cp = key(path, "coverage");
  if (cov.IsScalar()) {  // a CSV file: insee,technology (communes not listed: an error)
    const auto table = ctx.read_csv(cov, cp, {"insee", "technology"});
    if (!table) return;
    const CsvTable& t = *table;
    const std::string& file = t.file;
    const int ci = t.column("insee"), ct = t.column("technology");
    net.coverage.assign(ctx.sc.communes.size(), std::size_t(-1));
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const std::string where = file + ":" + std::to_string(t.lines[i]) + ": ";
      const auto c = ctx.commune_index.find(t.rows[i][static_cast<std::size_t>(ci)]);
      const auto k = ctx.technology_index.find(t.rows[i][static_cast<std::size_t>(ct)]);
      if (c == ctx.commune_index.end()) ctx.r.error(cov, cp, where + "unknown commune " + quote(t.rows[i][static_cast<std::size_t>(ci)]));
      else if (k == ctx.technology_index.end()) ctx.r.error(cov, cp, where + "unknown technology " + quote(t.rows[i][static_cast<std::size_t>(ct)]));
      else net.coverage[c->second] = k->second;
    }
    for (std::size_t c = 0; c < net.coverage.size(); ++c)
      if (net.coverage[c] == std::size_t(-1)) {
        ctx.r.error(cov, cp, file + ": commune " + ctx.sc.communes[c].insee + " has no technology");
        break;
      }
  } else if (ctx.r.map(cov, cp, {"default", "communes"}, {"default"})) {
    const auto def = ctx.technology_ref(cov["default"], key(cp, "default"));
    if (def) net.coverage.assign(ctx.sc.communes.size(), *def);
    const YAML::Node per = cov["communes"];
    if (per && ctx.r.dictionary(per, key(cp, "communes")))
      for (const auto& kv : per) {
        const Path pp = key(key(cp, "communes"), kv.first.Scalar());
        const auto c = ctx.commune_index.find(kv.first.Scalar());
        if (c == ctx.commune_index.end()) {
          ctx.r.error(kv.first, pp, "unknown commune " + quote(kv.first.Scalar()) + " (not in territory.communes)");
          continue;
        }
        if (auto k = ctx.technology_ref(kv.second, pp); k && def) net.coverage[c->second] = *k;
      }
  }

  const YAML::Node ro = n["rollout"];
  if (ro && ro.IsScalar()) {  // a CSV file: insee,at,technology; one step per (date, technology)
    const Path rp = key(path, "rollout");
    const auto table = ctx.read_csv(ro, rp, {"insee", "at", "technology"});
    if (!table) return;
    const CsvTable& t = *table;
    const std::string& file = t.file;
    const int ci = t.column("insee"), ca = t.column("at"), ct = t.column("technology");
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto& row = t.rows[i];
      const std::string where = file + ":" + std::to_string(t.lines[i]) + ": ";
      const auto c = ctx.commune_index.find(row[static_cast<std::size_t>(ci)]);
      const auto k = ctx.technology_index.find(row[static_cast<std::size_t>(ct)]);
      double at = 0;
      try {
        at = parse_quantity(row[static_cast<std::size_t>(ca)], Dimension::Duration);
      } catch (const QuantityError& e) {
        ctx.r.error(ro, rp, where + "at: " + e.what());
        continue;
      }
      if (c == ctx.commune_index.end()) { ctx.r.error(ro, rp, where + "unknown commune " + quote(row[static_cast<std::size_t>(ci)])); continue; }
      if (k == ctx.technology_index.end()) { ctx.r.error(ro, rp, where + "unknown technology " + quote(row[static_cast<std::size_t>(ct)])); continue; }
      auto step = std::find_if(net.rollout.begin(), net.rollout.end(),
                               [&](const Rollout& x) { return x.at == at && x.technology == k->second; });
      if (step == net.rollout.end()) {
        net.rollout.push_back(Rollout{at, {}, k->second});
        step = net.rollout.end() - 1;
      }
      step->communes.push_back(c->second);
    }
    std::stable_sort(net.rollout.begin(), net.rollout.end(), [](const Rollout& a, const Rollout& b) { return a.at < b.at; });
  } else if (ro && ctx.r.sequence(ro, key(path, "rollout"))) {
    for (std::size_t i = 0; i < ro.size(); ++i) {
      const Path rp = idx(key(path, "rollout"), i);
      if (!ctx.r.map(ro[i], rp, {"at", "communes", "technology"}, {"at", "communes", "technology"})) continue;
      Rollout step;
      auto at = ctx.r.quantity(ro[i]["at"], key(rp, "at"), Dimension::Duration);
      auto tech = ctx.technology_ref(ro[i]["technology"], key(rp, "technology"));
      const YAML::Node cs = ro[i]["communes"];
      bool ok = at && tech;
      if (ctx.r.sequence(cs, key(rp, "communes")))
        for (std::size_t j = 0; j < cs.size(); ++j) {
          const auto c = ctx.commune_index.find(cs[j].Scalar());
          if (c == ctx.commune_index.end()) {
            ctx.r.error(cs[j], idx(key(rp, "communes"), j), "unknown commune " + quote(cs[j].Scalar()) + " (not in territory.communes)");
            ok = false;
          } else {
            step.communes.push_back(c->second);
          }
        }
      if (!ok) continue;
      if (!net.rollout.empty() && *at < net.rollout.back().at)
        ctx.r.error(ro[i]["at"], key(rp, "at"), "rollout steps must be in date order");
      step.at = *at, step.technology = *tech;
      net.rollout.push_back(std::move(step));
    }
  }
}

}  // namespace maillage::loader
