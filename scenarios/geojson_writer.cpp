// GeoJSON written as text, the bytes GDAL's GeoJSON driver writes (RFC7946=YES, 5 decimals,
// 5 significant figures), without its cost: GDAL built a json-c tree per feature, formatted
// each commune's outline once per plan and each coordinate through a stream, two thirds of
// the GIS layers' time. Rings are oriented by GDAL's own test (isClockwise), each outline
// is formatted once per layer; the rest is json-c's spaced layout. What this writer does
// not reproduce (coordinates GDAL would wrap at the antimeridian or refuse, texts json-c
// escapes as control characters or GDAL reads as JSON, a feature without properties, an
// empty layer) sends the layer through GDAL. A test compares both on random layers.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <ogr_geometry.h>
#include <ogr_p.h>

#include "scenarios/gis_layer.hpp"

namespace maillage {
namespace {

/** A text json-c writes with only `"` and `\` escaped, and GDAL does not parse as JSON. */
bool plain(const std::string& s) {
  if (!s.empty() && ((s.front() == '{' && s.back() == '}') || (s.front() == '[' && s.back() == ']'))) return false;
  for (const char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  return true;
}

/** Far from the antimeridian and the poles, where GDAL's RFC 7946 writer leaves geometries as they are. */
bool tame(const LonLat& p) { return std::isfinite(p[0]) && std::isfinite(p[1]) && std::fabs(p[0]) < 170 && std::fabs(p[1]) < 85; }

bool writable(const GisLayer& layer) {
  if (layer.features.empty() || !plain(layer.name) || !plain(layer.description)) return false;
  for (const auto& names : {layer.text_fields, layer.number_fields})
    for (const auto& n : names)
      if (!plain(n)) return false;
  for (const auto& f : layer.features) {
    bool any = false;
    for (const auto& t : f.texts) {
      if (!plain(t)) return false;
      any = any || !t.empty();
    }
    for (double v : f.numbers) any = any || std::isfinite(v);
    if (!any) return false;
    if (f.outline && !f.outline->empty()) {
      for (const auto& polygon : f.outline->polygons)
        for (const auto& ring : polygon)
          for (const auto& p : ring)
            if (!tame(p)) return false;
    } else if (!tame(f.point)) {
      return false;
    }
  }
  return true;
}

void append_text(std::string& out, const std::string& s) {
  out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

/** A text as json-c writes it by default (GDAL's layer description): `/` escaped too. */
void append_json_c_text(std::string& out, const std::string& s) {
  out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\' || c == '/') out += '\\';
    out += c;
  }
  out += '"';
}

void append_position(std::string& out, double x, double y) {
  out += "[ ";
  append_geojson_coordinate(out, x);
  out += ", ";
  append_geojson_coordinate(out, y);
  out += " ]";
}

/** GDAL's "%.{n}g", with ".0" where that leaves no decimal point or exponent. */
void append_real(std::string& out, double v) {
  char buf[64];
  const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, kGisDigits).ptr;
  const std::string_view s(buf, static_cast<std::size_t>(end - buf));
  out += s;
  if (s.find('.') == std::string_view::npos && s.find('e') == std::string_view::npos) out += ".0";
}

/** An outline's geometry member, rings in RFC 7946's orientation (exterior counter-clockwise). */
std::string outline_geometry(const CommuneOutline& o) {
  std::string out = o.polygons.size() == 1 ? "{ \"type\": \"Polygon\", \"coordinates\": " : "{ \"type\": \"MultiPolygon\", \"coordinates\": [ ";
  for (std::size_t p = 0; p < o.polygons.size(); ++p) {
    if (p) out += ", ";
    out += "[ ";
    for (std::size_t r = 0; r < o.polygons[p].size(); ++r) {
      const auto& ring = o.polygons[p][r];
      OGRLinearRing gdal_ring;
      for (const auto& xy : ring) gdal_ring.addPoint(xy[0], xy[1]);
      const bool clockwise = gdal_ring.isClockwise();
      const bool reverse = r == 0 ? clockwise : !clockwise;
      if (r) out += ", ";
      out += "[ ";
      for (std::size_t i = 0; i < ring.size(); ++i) {
        const LonLat& q = ring[reverse ? ring.size() - 1 - i : i];
        if (i) out += ", ";
        append_position(out, q[0], q[1]);
      }
      out += " ]";
    }
    out += " ]";
  }
  out += o.polygons.size() == 1 ? " }" : " ] }";
  return out;
}

std::string geojson_text(const GisLayer& layer) {
  const std::set<std::string> integers(layer.integer_fields.begin(), layer.integer_fields.end());
  std::vector<bool> integer;
  for (const auto& n : layer.number_fields) integer.push_back(integers.count(n) > 0);
  std::unordered_map<const CommuneOutline*, std::string> geometries;  // a commune's outline, once per layer
  std::string out = "{\n\"type\": \"FeatureCollection\",\n\"name\": ";
  append_text(out, layer.name);
  if (!layer.description.empty()) {
    out += ",\n\"description\": ";
    append_json_c_text(out, layer.description);
  }
  out += ",\n\"features\": [\n";
  for (std::size_t k = 0; k < layer.features.size(); ++k) {
    const GisFeature& f = layer.features[k];
    if (k) out += ",\n";
    out += "{ \"type\": \"Feature\", \"properties\": { ";
    bool first = true;
    auto name = [&](const std::string& n) {
      if (!first) out += ", ";
      first = false;
      append_text(out, n);
      out += ": ";
    };
    for (std::size_t i = 0; i < f.texts.size(); ++i)
      if (!f.texts[i].empty()) name(layer.text_fields[i]), append_text(out, f.texts[i]);
    for (std::size_t i = 0; i < f.numbers.size(); ++i) {
      const double v = f.numbers[i];
      if (!std::isfinite(v)) continue;
      name(layer.number_fields[i]);
      if (integer[i])
        out += std::to_string(static_cast<int>(std::lround(v)));
      else
        append_real(out, v);
    }
    out += " }, \"geometry\": ";
    if (f.outline && !f.outline->empty()) {
      auto [it, added] = geometries.try_emplace(f.outline);
      if (added) it->second = outline_geometry(*f.outline);
      out += it->second;
    } else {
      out += "{ \"type\": \"Point\", \"coordinates\": ";
      append_position(out, f.point[0], f.point[1]);
      out += " }";
    }
    out += " }";
  }
  out += "\n]\n}\n";
  return out;
}

}  // namespace

std::string gdal_geojson_coordinate(double v) {
  char buf[75] = {};
  OGRFormatDouble(buf, sizeof buf, v, '.', kGisCoordinateDecimals);
  return buf;
}

void append_geojson_coordinate(std::string& out, double v) {
  // OGRFormatDouble prints "%.5f" through a stream (7,000 instructions a number), rounds
  // away runs of 0s or 9s only in texts longer than 10 characters, and drops trailing
  // zeros but one: below 999 in magnitude the text is at most 10 characters, so "%.5f" without
  // its trailing zeros is its result (a test compares them). Larger values are GDAL's.
  if (!(std::fabs(v) < 999)) {
    out += gdal_geojson_coordinate(v);
    return;
  }
  char buf[32];
  const char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, kGisCoordinateDecimals).ptr;
  while (end[-1] == '0' && end[-2] != '.') --end;
  out.append(buf, static_cast<std::size_t>(end - buf));
}

void write_geojson(const GisLayer& layer, const std::string& path) {
  if (!writable(layer)) return write_geojson_with_gdal(layer, path);
  const std::string text = geojson_text(layer);
  std::remove(path.c_str());
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error(path + ": cannot create the file");
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw std::runtime_error(path + ": cannot write the file");
}

}  // namespace maillage
