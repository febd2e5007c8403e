// territory.outlines: the communes' polygons from a GeoJSON file (RFC 7946, WGS84), read
// with GDAL/OGR and matched to the communes on their INSEE code. Outlines only draw maps
// and GIS layers, so a commune without one is a note, not an error.
#include "scenarios/section_readers.hpp"

#include "scenarios/data_file.hpp"
#include "scenarios/gdal_dataset.hpp"

#include <gdal.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace maillage::loader {
namespace {


std::vector<LonLat> ring_of(const OGRLinearRing& r) {
  std::vector<LonLat> out;
  out.reserve(static_cast<std::size_t>(r.getNumPoints()));
  for (int i = 0; i < r.getNumPoints(); ++i) out.push_back({r.getX(i), r.getY(i)});
  if (!out.empty() && out.front() != out.back()) out.push_back(out.front());
  return out;
}

void add_polygon(const OGRPolygon& p, CommuneOutline& o) {
  std::vector<std::vector<LonLat>> rings;
  if (const OGRLinearRing* ext = p.getExteriorRing()) rings.push_back(ring_of(*ext));
  for (int i = 0; i < p.getNumInteriorRings(); ++i) rings.push_back(ring_of(*p.getInteriorRing(i)));
  if (!rings.empty() && rings.front().size() >= 4) o.polygons.push_back(std::move(rings));
}

/** True when the layer's CRS is WGS84 longitude/latitude (or unstated, as RFC 7946 says). */
bool is_wgs84(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  return !srs || maillage::is_wgs84(*srs);
}

}  // namespace

void read_outlines(LoaderContext& ctx, const YAML::Node& n, const Path& path) {
  // FILE, or {file: FILE, key: PROPERTY}.
  Path file_path = path;
  std::optional<std::string> file, key_name;
  if (n.IsMap()) {
    if (!ctx.r.map(n, path, {"file", "key"}, {"file"})) return;
    file_path = key(path, "file");
    file = ctx.r.text(n["file"], file_path);
    if (n["key"]) {
      key_name = ctx.r.text(n["key"], key(path, "key"));
      if (!key_name) return;
    }
  } else {
    file = ctx.r.text(n, path);
  }
  if (!file) return;
  const YAML::Node at = n.IsMap() ? n["file"] : n;
  const std::string full = file->empty() || file->front() == '/' ? *file : ctx.base_dir + "/" + *file;
  try {
    check_data_file(full);
  } catch (const DataFileError& e) {
    ctx.r.error(at, file_path, e.what());
    return;
  }
  // Parsed once per load: the base and every plan read the same outlines (GDAL's parse was
  // a quarter of a run's fixed cost, per plan that sets a value).
  ParsedFiles::OutlinesKey cache_key{full, key_name.value_or(""), {}};
  if (ctx.files) {
    cache_key.communes.reserve(ctx.sc.communes.size());
    for (const auto& c : ctx.sc.communes) cache_key.communes.push_back(c.insee);
    if (const auto it = ctx.files->outlines.find(cache_key); it != ctx.files->outlines.end()) {
      ctx.sc.outlines_note += it->second.note;
      ctx.sc.outlines = it->second.outlines;
      return;
    }
  }
  GDALAllRegister();
  const char* drivers[] = {"GeoJSON", nullptr};
  GdalDataset ds(
      GDALDataset::Open(full.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!ds || ds->GetLayerCount() < 1) {
    ctx.r.error(at, file_path, *file + ": not a GeoJSON file GDAL can read (" + CPLGetLastErrorMsg() + ")");
    return;
  }
  OGRLayer& layer = *ds->GetLayer(0);
  if (!is_wgs84(layer)) {
    ctx.r.error(at, file_path,
                *file + ": expected WGS84 longitude/latitude (RFC 7946 GeoJSON), got another coordinate system; "
                        "reproject it first, e.g. ogr2ogr -t_srs EPSG:4326");
    return;
  }
  OGRFeatureDefn& defn = *layer.GetLayerDefn();
  int field = -1;
  if (key_name) {
    field = defn.GetFieldIndex(key_name->c_str());
    if (field < 0) {
      ctx.r.error(n["key"], key(path, "key"), *file + ": its features have no property " + quote(*key_name));
      return;
    }
  } else {
    for (const char* k : {"insee", "code", "INSEE_COM"})
      if ((field = defn.GetFieldIndex(k)) >= 0) break;
    if (field < 0) {
      ctx.r.error(at, file_path,
                  *file + ": its features have no property insee, code or INSEE_COM; name it with {file:, key:}");
      return;
    }
  }
  auto outlines = std::make_shared<CommuneOutlines>(ctx.sc.communes.size());
  std::size_t unknown = 0;
  layer.ResetReading();
  for (auto& f : layer) {
    const auto it = ctx.commune_index.find(f->GetFieldAsString(field));
    if (it == ctx.commune_index.end()) {
      ++unknown;
      continue;
    }
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g) continue;
    CommuneOutline& o = (*outlines)[it->second];
    o.polygons.clear();  // a commune given twice keeps its last outline
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) {
      add_polygon(*g->toPolygon(), o);
    } else if (type == wkbMultiPolygon) {
      for (const OGRPolygon* p : *g->toMultiPolygon()) add_polygon(*p, o);
    } else {
      ctx.r.error(at, file_path,
                  *file + ": feature " + quote(f->GetFieldAsString(field)) + ": expected a Polygon or MultiPolygon, got " +
                      OGRGeometryTypeToName(g->getGeometryType()));
      return;
    }
  }
  std::size_t missing = 0;
  std::string first_missing;
  for (std::size_t i = 0; i < outlines->size(); ++i)
    if ((*outlines)[i].empty() && missing++ == 0) first_missing = ctx.sc.communes[i].insee;
  std::string note;
  if (missing)
    note += "outlines: " + std::to_string(missing) + " of " + std::to_string(outlines->size()) +
            " communes have no outline in " + *file + " (first " + first_missing + "): drawn as points\n";
  if (unknown)
    note += "outlines: " + std::to_string(unknown) + " features of " + *file + " are not communes of the scenario: ignored\n";
  ctx.sc.outlines_note += note;
  ctx.sc.outlines = std::move(outlines);
  if (ctx.files) ctx.files->outlines.emplace(std::move(cache_key), ParsedFiles::Outlines{ctx.sc.outlines, std::move(note)});
}

}  // namespace maillage::loader
