// territory.ages: residents by age band and commune (the CSV `maillage import ages` writes:
// insee,age_min,age_max,population, age_max inclusive and empty for the open band), and
// territory.age_weights; the APL's demand is then age-standardised (models/age_weights.hpp).
#include "scenarios/section_readers.hpp"

#include <cmath>
#include <cstdlib>

#include "models/age_weights.hpp"

namespace maillage::loader {
namespace {

std::optional<std::vector<AgeWeight>> read_age_weights(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  if (!n.IsSequence() || n.size() == 0) {
    ctx.r.error(n, path, "expected a non-empty list of {min, max, weight} (max omitted for the open top band)");
    return std::nullopt;
  }
  std::vector<AgeWeight> out;
  bool ok = true;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node b = n[i];
    const Path p = idx(path, i);
    if (!ctx.r.map(b, p, {"min", "max", "weight"}, {"min", "weight"})) {
      ok = false;
      continue;
    }
    auto lo = ctx.r.integer(b["min"], key(p, "min"), 0, 150);
    auto w = ctx.r.number(b["weight"], key(p, "weight"), 0, 1e6);
    std::optional<long long> hi;
    if (b["max"]) {
      hi = ctx.r.integer(b["max"], key(p, "max"), 0, 150);
      if (!hi) ok = false;
    }
    if (!lo || !w) {
      ok = false;
      continue;
    }
    if (hi && *hi < *lo) {
      ctx.r.error(b["max"], key(p, "max"), "max " + std::to_string(*hi) + " is below min " + std::to_string(*lo));
      ok = false;
      continue;
    }
    AgeWeight a;
    a.min = static_cast<int>(*lo), a.weight = *w;
    if (hi) a.max = static_cast<int>(*hi);
    out.push_back(a);
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

void read_ages(LoaderContext& ctx, const YAML::Node& territory, const Path& tpath) {
  const YAML::Node n = territory["ages"];
  const Path path = key(tpath, "ages");
  std::vector<AgeWeight> weights = default_age_weights();
  if (const YAML::Node w = territory["age_weights"]) {
    if (!n) {
      ctx.r.error(w, key(tpath, "age_weights"), "age_weights needs territory.ages (the residents by age band)");
      return;
    }
    auto read = read_age_weights(ctx, w, key(tpath, "age_weights"));
    if (!read) return;
    weights = std::move(*read);
  }
  if (!n) return;
  const auto table = ctx.read_csv(n, path, {"insee", "age_min", "age_max", "population"});
  if (!table) return;
  const CsvTable& t = *table;
  const int ci = t.column("insee"), cmin = t.column("age_min"), cmax = t.column("age_max"), cp = t.column("population");
  std::vector<std::vector<AgeCount>> ages(ctx.sc.communes.size());
  const std::size_t before = ctx.diags.size();
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    const std::string where = t.file + ":" + std::to_string(t.lines[i]) + ": ";
    // Rows of communes outside the scenario (a national or regional file) are skipped.
    const auto it = ctx.commune_index.find(row[static_cast<std::size_t>(ci)]);
    if (it == ctx.commune_index.end()) continue;
    auto num = [&](int col, const char* name, double hi, bool whole) -> std::optional<double> {
      const std::string& s = row[static_cast<std::size_t>(col)];
      char* end = nullptr;
      const double v = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || !std::isfinite(v) || v < 0 || v > hi || (whole && v != std::floor(v))) {
        ctx.r.error(n, path, where + name + ": expected " + (whole ? "a whole number" : "a number") + " from 0 to " +
                                 std::to_string(static_cast<long long>(hi)) + ", got " + quote(short_value(s)));
        return std::nullopt;
      }
      return v;
    };
    auto lo = num(cmin, "age_min", 150, true), pop = num(cp, "population", 1e9, false);
    const bool open = row[static_cast<std::size_t>(cmax)].empty();
    std::optional<double> hi = open ? lo : num(cmax, "age_max", 150, true);
    if (!lo || !pop || !hi) continue;
    if (*hi < *lo) {
      ctx.r.error(n, path, where + "age_max " + quote(row[static_cast<std::size_t>(cmax)]) + " is below age_min");
      continue;
    }
    if (!age_weight(weights, static_cast<int>(*lo))) {
      ctx.r.error(n, path, where + "no band of territory.age_weights holds age " + std::to_string(static_cast<int>(*lo)));
      continue;
    }
    ages[it->second].push_back({static_cast<int>(*lo), *pop});
  }
  if (ctx.diags.size() != before) return;
  // Every commune needs its ages: standardising some and not others would bias the APL.
  std::string missing;
  std::size_t count = 0;
  for (std::size_t i = 0; i < ages.size(); ++i) {
    double people = 0;
    for (const auto& a : ages[i]) people += a.population;
    if (people > 0 || ctx.sc.communes[i].population == 0) continue;
    if (++count <= 5) missing += (missing.empty() ? "" : ", ") + quote(ctx.sc.communes[i].insee);
  }
  if (count > 0) {
    ctx.r.error(n, path, t.file + ": no residents by age for " + std::to_string(count) + " commune(s) of the scenario (" +
                             missing + (count > 5 ? ", ..." : "") + "); give every commune its age bands");
    return;
  }
  standardise_populations(ctx.sc.communes, ages, weights);
}

}  // namespace maillage::loader
