#include "scenarios/outline_extract.hpp"

#include "scenarios/data_file.hpp"
#include "scenarios/gdal_dataset.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace maillage {
namespace {

// The property names of the INSEE code in the files planners have: ADMIN EXPRESS
// (INSEE_COM), data.gouv.fr's contours (code), OpenStreetMap's (insee), INSEE's (CODGEO).
constexpr const char* kKeys[] = {"insee", "INSEE_COM", "code", "CODGEO", "code_insee", "INSEE"};

// A national GeoPackage of ADMIN EXPRESS is over a gigabyte; GDAL reads it a feature at a time.
constexpr unsigned long long kMaxSourceBytes = 16ull << 30;

// One metre in degrees of latitude: a geographic source is simplified in degrees.
constexpr double kDegreesPerMetre = 1.0 / 111'320.0;


std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int key_field(OGRLayer& layer, const std::string& key) {
  OGRFeatureDefn& d = *layer.GetLayerDefn();
  if (!key.empty()) return d.GetFieldIndex(key.c_str());
  for (const char* k : kKeys)
    if (const int i = d.GetFieldIndex(k); i >= 0) return i;
  return -1;
}

/** The layer of communes: one with the key, named "commune(s)" first, then one whose name
 *  holds "commune" (ADMIN EXPRESS also has "commune_associee_ou_deleguee"), then any. */
OGRLayer* commune_layer(GDALDataset& ds, const std::string& key, int& field) {
  OGRLayer* best = nullptr;
  int best_rank = 3;
  for (OGRLayer* layer : ds.GetLayers()) {
    const int f = key_field(*layer, key);
    if (f < 0) continue;
    const std::string name = lower(layer->GetName());
    const int rank = name == "commune" || name == "communes" ? 0 : name.find("commune") != std::string::npos ? 1 : 2;
    if (rank < best_rank) best_rank = rank, best = layer, field = f;
  }
  return best;
}

std::string field_names(OGRLayer& layer) {
  std::string out;
  OGRFeatureDefn& d = *layer.GetLayerDefn();
  for (int i = 0; i < d.GetFieldCount() && i < 12; ++i) out += (i ? ", " : "") + std::string(d.GetFieldDefn(i)->GetNameRef());
  return out.empty() ? "none" : out;
}

void add_polygons(const OGRGeometry& g, OGRMultiPolygon& to, const std::string& in, const std::string& code) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      if (!g.IsEmpty()) to.addGeometry(&g);
      return;
    case wkbMultiPolygon:
    case wkbGeometryCollection:  // what a simplification may return
      for (const OGRGeometry* part : *g.toGeometryCollection()) add_polygons(*part, to, in, code);
      return;
    default:
      throw std::invalid_argument(in + ": commune " + code + ": expected a Polygon or MultiPolygon, got " +
                                  OGRGeometryTypeToName(g.getGeometryType()));
  }
}

using Outlines = std::map<std::string, std::unique_ptr<OGRMultiPolygon>>;

/** One MultiPolygon feature per commune, property insee, 5 decimals (about a metre). */
void write_outlines(const std::string& path, OGRSpatialReference& wgs84, Outlines& found, OutlineExtract& r) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
  GdalDataset dst(driver ? driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
  if (!dst) throw std::invalid_argument(path + ": cannot be written (" + CPLGetLastErrorMsg() + ")");
  const char* const layer_options[] = {"RFC7946=YES", "COORDINATE_PRECISION=5", "WRITE_NAME=NO", nullptr};
  OGRLayer* communes = dst->CreateLayer("communes", &wgs84, wkbMultiPolygon, const_cast<char**>(layer_options));
  OGRFieldDefn insee("insee", OFTString);
  if (!communes || communes->CreateField(&insee) != OGRERR_NONE)
    throw std::invalid_argument(path + ": cannot be written (" + CPLGetLastErrorMsg() + ")");
  for (auto& [code, shape] : found) {
    if (shape->IsEmpty()) {
      r.missing.push_back(code);
      continue;
    }
    OGRFeature feature(communes->GetLayerDefn());
    feature.SetField(0, code.c_str());
    feature.SetGeometryDirectly(shape.release());
    if (communes->CreateFeature(&feature) != OGRERR_NONE)
      throw std::invalid_argument(path + ": cannot be written (" + CPLGetLastErrorMsg() + ")");
    ++r.kept;
  }
  CPLErrorReset();
  dst.reset();  // closes the file, writing what is buffered
  if (CPLGetLastErrorType() >= CE_Failure) throw std::invalid_argument(path + ": cannot be written (" + CPLGetLastErrorMsg() + ")");
}

}  // namespace

OutlineExtract extract_outlines(const std::string& in, std::vector<std::string> codes, const std::string& out,
                                const OutlineExtractOptions& options) {
  try {
    check_data_file(in, kMaxSourceBytes);
  } catch (const DataFileError& e) {
    throw std::invalid_argument(e.what());
  }
  GDALAllRegister();
  CPLErrorReset();
  GdalDataset ds(GDALDataset::Open(in.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds || ds->GetLayerCount() < 1)
    throw std::invalid_argument(in + ": not a vector file GDAL can read (GeoJSON, Shapefile, GeoPackage...)" +
                                (*CPLGetLastErrorMsg() ? std::string(": ") + CPLGetLastErrorMsg() : std::string()));
  OutlineExtract r;
  int field = -1;
  OGRLayer* layer = commune_layer(*ds, options.key, field);
  if (!layer) {
    OGRLayer& first = *ds->GetLayer(0);
    throw std::invalid_argument(
        in + ": " +
        (options.key.empty() ? "no layer has a property insee, INSEE_COM, code or CODGEO holding the INSEE code; name it"
                             : "no layer has a property \"" + options.key + "\"; name the right one") +
        " (layer " + first.GetName() + " has: " + field_names(first) + ")");
  }
  r.layer = layer->GetName();
  r.key = layer->GetLayerDefn()->GetFieldDefn(field)->GetNameRef();

  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const OGRSpatialReference* source = layer->GetSpatialRef();
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
  if (source && !is_wgs84(*source)) {
    to_wgs84.reset(OGRCreateCoordinateTransformation(source, &wgs84));
    if (!to_wgs84) throw std::invalid_argument(in + ": its coordinate system cannot be turned into WGS84 longitude/latitude");
    r.reprojected = true;
  }
  // Simplified in the source's units before reprojection: metres in a projected system.
  const double tolerance = options.simplify_m <= 0       ? 0
                           : source && source->IsProjected() ? options.simplify_m / source->GetLinearUnits()
                                                           : options.simplify_m * kDegreesPerMetre;

  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  Outlines found;
  std::vector<std::string> sample;  // a few codes of the file, for the error when none is wanted
  layer->ResetReading();
  for (auto& f : layer) {
    ++r.features;
    std::string code = f->GetFieldAsString(field);
    code.erase(code.find_last_not_of(' ') + 1);
    if (sample.size() < 3) sample.push_back(code);
    if (!std::binary_search(codes.begin(), codes.end(), code)) continue;
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) continue;
    std::unique_ptr<OGRGeometry> shape(tolerance > 0 ? g->SimplifyPreserveTopology(tolerance) : nullptr);
    if (!shape) shape.reset(g->clone());  // no tolerance, or GDAL built without GEOS
    if (to_wgs84 && shape->transform(to_wgs84.get()) != OGRERR_NONE)
      throw std::invalid_argument(in + ": commune " + code + ": its coordinates cannot be turned into WGS84");
    auto& into = found[code];
    if (!into) into = std::make_unique<OGRMultiPolygon>();
    add_polygons(*shape, *into, in, code);
  }
  if (found.empty()) {
    std::string seen;
    for (const auto& s : sample) seen += (seen.empty() ? "" : ", ") + s;
    throw std::invalid_argument(in + ": none of the " + std::to_string(codes.size()) + " communes wanted (" +
                                (codes.empty() ? std::string("none") : "first " + codes.front()) + ") is in layer " +
                                r.layer + " (property " + r.key + "; its first codes: " + (seen.empty() ? "none" : seen) +
                                "): does the file cover the territory?");
  }
  for (const auto& c : codes)
    if (!found.count(c)) r.missing.push_back(c);

  // Written beside, then renamed: a failure leaves no half-written outlines.
  const std::string tmp = out + ".part";
  std::remove(tmp.c_str());
  try {
    write_outlines(tmp, wgs84, found, r);
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) throw std::invalid_argument(out + ": cannot be written");
  std::sort(r.missing.begin(), r.missing.end());
  return r;
}

}  // namespace maillage
