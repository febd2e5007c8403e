#include "scenarios/report_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "models/scenario.hpp"
#include "scenarios/output_writer.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {
namespace {

using Rgb = std::array<double, 3>;

// Matplotlib's viridis and ColorBrewer's RdBu (reversed: blue low, red high), sampled evenly.
const Rgb kViridis[] = {{68, 1, 84},    {72, 40, 120},  {62, 73, 137},  {49, 104, 142}, {38, 130, 142},
                        {31, 158, 137}, {53, 183, 121}, {110, 206, 88}, {181, 222, 43}, {253, 231, 37}};
const Rgb kRdBu[] = {{33, 102, 172},  {67, 147, 195},  {146, 197, 222}, {209, 229, 240}, {247, 247, 247},
                     {253, 219, 199}, {244, 165, 130}, {214, 96, 77},   {178, 24, 43}};

template <std::size_t N>
std::string colour(const Rgb (&stops)[N], double t) {
  t = std::clamp(std::isnan(t) ? 0.5 : t, 0.0, 1.0) * (N - 1);
  const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(t), N - 2);
  const double f = t - i;
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(stops[i][0] + f * (stops[i + 1][0] - stops[i][0]))),
                static_cast<int>(std::lround(stops[i][1] + f * (stops[i + 1][1] - stops[i][1]))),
                static_cast<int>(std::lround(stops[i][2] + f * (stops[i + 1][2] - stops[i][2]))));
  return buf;
}

constexpr double kWidth = 600, kPad = 12;

std::string px(double v) { return fixed(v, 1); }

/** A chosen site: a black disc; a site the winner does not open: a green plus; a winner's
 *  site the option does not open: a red ring. Shapes differ, not only colours. */
void write_mark(std::ostream& out, MapMark::Kind kind, double x, double y, const std::string& tip) {
  if (kind == MapMark::chosen)
    out << "<circle class=\"mark chosen\" cx=\"" << px(x) << "\" cy=\"" << px(y) << "\" r=\"4\" fill=\"#000\" stroke=\"#fff\">" << tip << "</circle>\n";
  else if (kind == MapMark::added)
    out << "<path class=\"mark added\" d=\"M" << px(x - 6) << ' ' << px(y) << "H" << px(x + 6) << "M" << px(x) << ' ' << px(y - 6)
        << "V" << px(y + 6) << "\" stroke=\"#1a9641\" stroke-width=\"3\">" << tip << "</path>\n";
  else
    out << "<circle class=\"mark removed\" cx=\"" << px(x) << "\" cy=\"" << px(y) << "\" r=\"5\" fill=\"none\" stroke=\"#d7191c\" stroke-width=\"2\">" << tip << "</circle>\n";
}

}  // namespace

MapFrame::MapFrame(const Scenario& sc) : scenario(sc) {
  if (sc.communes.empty()) return;
  const bool outlined = sc.outlines && sc.outlines->size() == sc.communes.size();
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  auto extend = [&](double lon, double lat) {
    lon0 = std::min(lon0, lon), lon1 = std::max(lon1, lon), lat0 = std::min(lat0, lat), lat1 = std::max(lat1, lat);
  };
  for (std::size_t c = 0; c < sc.communes.size(); ++c) {
    extend(sc.communes[c].lon, sc.communes[c].lat);
    if (outlined)
      for (const auto& polygon : (*sc.outlines)[c].polygons)
        for (const auto& ring : polygon)
          for (const auto& p : ring) extend(p[0], p[1]);
  }
  const double pi = 3.14159265358979323846, cos_lat = std::cos((lat0 + lat1) / 2 * pi / 180);
  const double span_x = std::max((lon1 - lon0) * cos_lat, 1e-6), span_y = std::max(lat1 - lat0, 1e-6);
  MapProjection& p = projection;
  p.k = std::min((kWidth - 2 * kPad) / span_x, 700.0 / span_y);
  p.scale_x = p.k * cos_lat, p.lon0 = lon0, p.lat1 = lat1;
  height = span_y * p.k + 2 * kPad;
  paths.resize(sc.communes.size());
  if (!outlined) return;
  for (std::size_t c = 0; c < sc.communes.size(); ++c) {
    std::string& d = paths[c];
    for (const auto& polygon : (*sc.outlines)[c].polygons)
      for (const auto& ring : polygon) {
        char cmd = 'M';
        for (const auto& q : ring) d += cmd, d += px(p.x(q[0])), d += ' ', d += px(p.y(q[1])), cmd = 'L';
        d += 'Z';
      }
  }
}

void write_commune_map(std::ostream& out, const Scenario& sc, const CommuneMap& m) {
  write_commune_map(out, MapFrame(sc), m);
}

void write_commune_map(std::ostream& out, const MapFrame& frame, const CommuneMap& m) {
  const Scenario& sc = frame.scenario;
  if (sc.communes.empty()) return;
  const MapProjection& p = frame.projection;
  const double width = kWidth, pad = kPad;
  const double height = frame.height, legend_h = m.mark_words.empty() ? 46 : 64;
  const Lang lang = m.french ? Lang::fr : Lang::en;

  double lo = 1e300, hi = -1e300;
  for (double v : m.values)
    if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (lo > hi) lo = hi = 0;
  if (m.diverging) hi = std::max(std::fabs(lo), std::fabs(hi)), lo = -hi;
  auto fill = [&](double v) {
    if (std::isnan(v)) return std::string("#cccccc");
    const double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return m.diverging ? colour(kRdBu, t) : colour(kViridis, t);
  };

  // The legend's ends and the tooltips with two significant digits of the range at least: a
  // small non-zero range read "0.000 ... 0.000", and each commune "0.000".
  const double end = std::max(std::fabs(lo), std::fabs(hi));
  const int decimals = end > 0 && std::isfinite(end) ? std::clamp(static_cast<int>(std::ceil(-std::log10(end))) + 1, m.decimals, 9)
                                                     : m.decimals;
  out << "<figure class=\"map\"><figcaption>" << escape(m.title) << "</figcaption>\n<svg viewBox=\"0 0 " << width << ' '
      << px(height + legend_h) << "\" width=\"" << width << "\" height=\"" << px(height + legend_h)
      << "\" role=\"img\" data-map=\"communes\">\n<g transform=\"translate(" << pad << ',' << pad << ")\">\n";
  // Points sized by population (area), so large communes read as large.
  double top_pop = 1;
  for (const auto& c : sc.communes) top_pop = std::max(top_pop, c.population);
  for (std::size_t c = 0; c < sc.communes.size(); ++c) {
    const auto& co = sc.communes[c];
    const double v = c < m.values.size() ? m.values[c] : std::nan("");
    const std::string tip = "<title>" + escape(co.insee) + " " + escape(co.name) + ": " +
                            (std::isnan(v) ? word("map.no_data", lang) : number(v, decimals, lang)) + "</title>";
    if (!frame.paths[c].empty()) {
      out << "<path data-insee=\"" << escape(co.insee) << "\" fill=\"" << fill(v) << "\" stroke=\"#fff\" stroke-width=\"0.3\" d=\""
          << frame.paths[c] << "\" fill-rule=\"evenodd\">" << tip << "</path>\n";
    } else {
      const double r = 1.5 + 6.5 * std::sqrt(std::max(0.0, co.population) / top_pop);
      out << "<circle data-insee=\"" << escape(co.insee) << "\" cx=\"" << px(p.x(co.lon)) << "\" cy=\"" << px(p.y(co.lat))
          << "\" r=\"" << px(r) << "\" fill=\"" << fill(v) << "\" stroke=\"#555\" stroke-width=\"0.3\">" << tip << "</circle>\n";
    }
  }
  // Sites on top: practices as black squares, hospitals as red-outlined crosses.
  for (const auto& pr : sc.practices) {
    if (pr.commune >= sc.communes.size()) continue;
    const auto& co = sc.communes[pr.commune];
    out << "<rect class=\"site\" x=\"" << px(p.x(co.lon) - 2) << "\" y=\"" << px(p.y(co.lat) - 2)
        << "\" width=\"4\" height=\"4\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.8\"/>\n";
  }
  for (const auto& h : sc.hospitals) {
    if (h.commune >= sc.communes.size()) continue;
    const auto& co = sc.communes[h.commune];
    const double x = p.x(co.lon), y = p.y(co.lat);
    out << "<path class=\"site\" d=\"M" << px(x - 4) << ' ' << px(y) << 'H' << px(x + 4) << 'M' << px(x) << ' ' << px(y - 4)
        << 'V' << px(y + 4) << "\" stroke=\"#000\" stroke-width=\"2\"/>\n";
  }
  for (const auto& mark : m.marks) write_mark(out, mark.kind, p.x(mark.lon), p.y(mark.lat), "<title>" + escape(mark.label) + "</title>");
  out << "</g>\n";
  // Legend: the colour ramp with its ends (and 0 in the middle when diverging).
  const double ly = height + 8;
  for (int i = 0; i < 20; ++i)
    out << "<rect x=\"" << pad + i * 10 << "\" y=\"" << px(ly) << "\" width=\"10\" height=\"10\" fill=\""
        << (m.diverging ? colour(kRdBu, i / 19.0) : colour(kViridis, i / 19.0)) << "\"/>\n";
  out << "<text x=\"" << pad << "\" y=\"" << px(ly + 24) << "\" font-size=\"11\">" << number(lo, decimals, lang) << "</text>"
      << "<text x=\"" << pad + 200 << "\" y=\"" << px(ly + 24) << "\" font-size=\"11\" text-anchor=\"end\">"
      << number(hi, decimals, lang) << "</text>\n";
  if (m.diverging)
    out << "<text x=\"" << pad + 100 << "\" y=\"" << px(ly + 24) << "\" font-size=\"11\" text-anchor=\"middle\">0</text>\n";
  // Scale bar: a round number of km near a fifth of the width.
  const double km_per_px = 111.32 / p.k, want = (width - 2 * pad) / 5 * km_per_px;
  double km = std::pow(10.0, std::floor(std::log10(want)));
  if (km * 5 <= want) km *= 5;
  else if (km * 2 <= want) km *= 2;
  const double bar = km / km_per_px, bx = width - pad - bar;
  out << "<path d=\"M" << px(bx) << ' ' << px(ly + 4) << "v6h" << px(bar) << "v-6\" fill=\"none\" stroke=\"#222\"/>"
      << "<text x=\"" << px(bx + bar / 2) << "\" y=\"" << px(ly + 24) << "\" font-size=\"11\" text-anchor=\"middle\">"
      << number(km, km < 1 ? 1 : 0, lang) << " km</text>\n";
  // The marks' legend: each symbol and its word, in a row under the colour ramp.
  double mx = pad;
  for (std::size_t k = 0; k < m.mark_words.size() && k < 3; ++k) {
    write_mark(out, static_cast<MapMark::Kind>(k), mx + 5, ly + 44, "");
    out << "<text x=\"" << px(mx + 14) << "\" y=\"" << px(ly + 48) << "\" font-size=\"11\">" << escape(m.mark_words[k]) << "</text>\n";
    mx += 24 + 6.5 * m.mark_words[k].size();
  }
  out << "</svg></figure>\n";
}

}  // namespace maillage
