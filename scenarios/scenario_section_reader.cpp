// The scenario section: name, horizon, warm-up, replications (or auto with a precision), seed,
// caveats.
#include "scenarios/section_readers.hpp"

#include <cctype>

namespace maillage::loader {
namespace {

/** The longest horizon (and warm-up): 100 years. Weekly series and calendars are sized by
 *  it; a typo like "1e9 d" would otherwise exhaust the memory or overflow a week count. */
constexpr double kMaxHorizon = 100 * 365 * 86400.0;
constexpr const char* kTooLong = "expected at most 100 years (36500 d)";
/** A caveat is a sentence or two a reader sees first, not a document. */
constexpr std::size_t kMaxCaveat = 1000;

/** A name that is one safe path component: it names the output folder out/<name>. Bytes
 *  of UTF-8 letters (accents) are allowed; "/", "\\" and a leading "." are not. */
bool safe_name(const std::string& s) {
  if (s.empty() || s[0] == '.') return false;
  for (const unsigned char c : s)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80)) return false;
  return true;
}

}  // namespace

void read_scenario_section(LoaderContext& ctx, const YAML::Node& n) {
  const Path p = "scenario";
  if (!ctx.r.map(n, p, {"name", "horizon", "warmup", "replications", "precision", "seed", "caveats"}, {"horizon"})) return;
  if (auto v = ctx.r.text(n["name"], key(p, "name"))) {
    if (safe_name(*v))
      ctx.sc.name = *v;
    else
      ctx.r.error(n["name"], key(p, "name"),
                  "expected letters, digits, \"-\", \"_\" or \".\", not starting with \".\" (the name is the output "
                  "folder out/<name>), got " + quote(*v));
  }
  if (auto v = ctx.r.quantity(n["horizon"], key(p, "horizon"), Dimension::Duration)) {
    if (*v <= 0) ctx.r.error(n["horizon"], key(p, "horizon"), "expected a positive duration");
    if (*v > kMaxHorizon) ctx.r.error(n["horizon"], key(p, "horizon"), kTooLong);
    ctx.sc.horizon = *v;
  }
  if (n["warmup"] && n["warmup"].IsScalar() && n["warmup"].Scalar() == "auto")
    ctx.sc.auto_warmup = true;  // found by MSER-5 when the run starts
  else if (auto v = ctx.r.quantity(n["warmup"], key(p, "warmup"), Dimension::Duration)) {
    ctx.sc.warmup = *v;
    if (*v > kMaxHorizon)
      ctx.r.error(n["warmup"], key(p, "warmup"), kTooLong);
    else if (n["horizon"] && ctx.sc.warmup >= ctx.sc.horizon)
      ctx.r.error(n["warmup"], key(p, "warmup"),
                  "the warm-up (" + format_duration(*v) + ") must be shorter than the horizon (" +
                   format_duration(ctx.sc.horizon) + "): nothing would be measured");
  }
  if (n["replications"] && n["replications"].IsScalar() && n["replications"].Scalar() == "auto")
    ctx.sc.auto_replications = true;
  else if (auto v = ctx.r.integer(n["replications"], key(p, "replications"), 1, 100000))
    ctx.sc.replications = static_cast<int>(*v);
  // With replications: auto, how precise the main measures must be, and how far to go.
  if (const YAML::Node pr = n["precision"]; pr) {
    const Path pp = key(p, "precision");
    if (!ctx.sc.auto_replications)
      ctx.r.error(pr, pp, "precision goes with replications: auto");
    if (ctx.r.map(pr, pp, {"half_width", "max", "measures"})) {
      if (auto v = ctx.r.number(pr["half_width"], key(pp, "half_width"), 1e-6, 1)) ctx.sc.target_half_width = *v;
      if (auto v = ctx.r.integer(pr["max"], key(pp, "max"), 2, 100000)) ctx.sc.max_replications = static_cast<int>(*v);
      if (const YAML::Node ms = pr["measures"]; ms && ctx.r.sequence(ms, key(pp, "measures"))) {
        ctx.sc.precision_measures.clear();
        for (std::size_t i = 0; i < ms.size(); ++i)
          if (auto m = ctx.r.text(ms[i], idx(key(pp, "measures"), i))) ctx.sc.precision_measures.push_back(*m);
      }
    }
  }
  if (auto v = ctx.r.integer(n["seed"], key(p, "seed"), 0, (1LL << 62))) ctx.sc.seed = static_cast<std::uint64_t>(*v);
  // Caveats: sentences shown before any figure, in the report and the console.
  if (const YAML::Node cs = n["caveats"]; cs && ctx.r.sequence(cs, key(p, "caveats")))
    for (std::size_t i = 0; i < cs.size(); ++i)
      if (auto v = ctx.r.text(cs[i], idx(key(p, "caveats"), i))) {
        if (v->find_first_not_of(" \t") == std::string::npos || v->size() > kMaxCaveat)
          ctx.r.error(cs[i], idx(key(p, "caveats"), i),
                      "expected a sentence of 1 to " + std::to_string(kMaxCaveat) + " characters");
        else
          ctx.sc.caveats.push_back(*v);
      }
}

}  // namespace maillage::loader
