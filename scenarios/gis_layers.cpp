// GIS layers. The features are first gathered in a neutral form (a GisLayer), then written
// from it to each file, so the GeoJSON files and the GeoPackage hold the same attributes in
// the same order: the GeoPackage with GDAL/OGR, the GeoJSON as the text GDAL's driver
// writes (geojson_writer.cpp; the driver itself, write_geojson_with_gdal, is its reference).
#include "scenarios/gis_layers.hpp"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "engine/confidence_interval.hpp"
#include "scenarios/commune_aggregate.hpp"
#include "scenarios/gdal_dataset.hpp"
#include "scenarios/gis_layer.hpp"
#include "scenarios/report_first_screen.hpp"
#include "scenarios/report_numbers.hpp"
#include "scenarios/report_words.hpp"

namespace maillage {
namespace {

/** "1 doctor", "3 doctors", "2.5 doctors" (a part-time diary). */
std::string doctors_text(double doctors) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", doctors);
  return std::string(buf) + (doctors == 1 ? " doctor" : " doctors");
}

constexpr int kDigits = kGisDigits;

using Dataset = GdalDataset;

std::runtime_error gdal_error(const std::string& path, const std::string& what) {
  const char* reason = CPLGetLastErrorMsg();
  return std::runtime_error(path + ": " + what + (reason && *reason ? std::string(": ") + reason : std::string()));
}

std::unique_ptr<OGRGeometry> geometry_of(const GisFeature& f) {
  if (!f.outline || f.outline->empty()) return std::make_unique<OGRPoint>(f.point[0], f.point[1]);
  auto multi = std::make_unique<OGRMultiPolygon>();
  for (const auto& polygon : f.outline->polygons) {
    OGRPolygon p;
    for (const auto& ring : polygon) {
      OGRLinearRing r;
      for (const auto& xy : ring) r.addPoint(xy[0], xy[1]);
      p.addRing(&r);
    }
    multi->addGeometry(&p);
  }
  if (multi->getNumGeometries() == 1) return std::unique_ptr<OGRGeometry>(multi->getGeometryRef(0)->clone());
  return multi;
}

void write_layer(GDALDataset& ds, const GisLayer& layer, const std::string& path, char** options) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // longitude first, as GeoJSON
  OGRLayer* out = ds.CreateLayer(layer.name.c_str(), &wgs84, wkbUnknown, options);
  if (!out) throw gdal_error(path, "cannot create layer " + layer.name);
  std::vector<char> integer;  // per number field, looked up once rather than per feature
  for (const auto& name : layer.number_fields)
    integer.push_back(std::find(layer.integer_fields.begin(), layer.integer_fields.end(), name) != layer.integer_fields.end());
  for (const auto& name : layer.text_fields) {
    OGRFieldDefn field(name.c_str(), OFTString);
    if (out->CreateField(&field) != OGRERR_NONE) throw gdal_error(path, "cannot create field " + name);
  }
  for (std::size_t k = 0; k < layer.number_fields.size(); ++k) {
    const std::string& name = layer.number_fields[k];
    OGRFieldDefn field(name.c_str(), integer[k] ? OFTInteger : OFTReal);
    if (out->CreateField(&field) != OGRERR_NONE) throw gdal_error(path, "cannot create field " + name);
  }
  // One transaction: a GeoPackage written feature by feature is slow.
  const bool transaction = ds.StartTransaction() == OGRERR_NONE;
  for (const auto& f : layer.features) {
    OGRFeature feature(out->GetLayerDefn());
    int i = 0;
    for (const auto& t : f.texts) {
      if (!t.empty()) feature.SetField(i, t.c_str());
      ++i;
    }
    for (double v : f.numbers) {
      if (std::isfinite(v)) {
        if (integer[i - f.texts.size()])
          feature.SetField(i, static_cast<int>(std::lround(v)));
        else
          feature.SetField(i, v);
      }
      ++i;
    }
    feature.SetGeometryDirectly(geometry_of(f).release());
    if (out->CreateFeature(&feature) != OGRERR_NONE) throw gdal_error(path, "cannot write a feature of " + layer.name);
  }
  if (transaction && ds.CommitTransaction() != OGRERR_NONE) throw gdal_error(path, "cannot write " + layer.name);
}

Dataset create(const char* driver_name, const std::string& path) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (!driver) throw std::runtime_error(path + ": GDAL has no " + std::string(driver_name) + " driver");
  std::remove(path.c_str());
  CPLErrorReset();
  Dataset ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw gdal_error(path, "cannot create the file");
  return ds;
}

}  // namespace

void write_geojson_with_gdal(const GisLayer& layer, const std::string& path) {
  Dataset ds = create("GeoJSON", path);
  char** options = CSLSetNameValue(nullptr, "RFC7946", "YES");
  options = CSLSetNameValue(options, "COORDINATE_PRECISION", std::to_string(kGisCoordinateDecimals).c_str());
  // The rounded attributes printed as rounded (0.12346, not 0.12345999999999999).
  options = CSLSetNameValue(options, "SIGNIFICANT_FIGURES", std::to_string(kDigits).c_str());
  if (!layer.description.empty()) options = CSLSetNameValue(options, "DESCRIPTION", layer.description.c_str());
  try {
    write_layer(*ds, layer, path, options);
  } catch (...) {
    CSLDestroy(options);
    throw;
  }
  CSLDestroy(options);
  GDALDataset* raw = ds.release();
  CPLErrorReset();
  GDALClose(raw);  // flushes the file
  if (CPLGetLastErrorType() >= CE_Failure) throw gdal_error(path, "cannot write the file");
}

namespace {

void write_geopackage(const std::vector<const GisLayer*>& layers, const std::string& path) {
  // The GeoPackage stamps its tables with the date: a fixed one keeps the file the same for
  // the same run.
  CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00Z");
  try {
    Dataset ds = create("GPKG", path);
    for (const GisLayer* layer : layers) {
      char** options = layer->description.empty() ? nullptr : CSLSetNameValue(nullptr, "DESCRIPTION", layer->description.c_str());
      try {
        write_layer(*ds, *layer, path, options);
      } catch (...) {
        CSLDestroy(options);
        throw;
      }
      CSLDestroy(options);
    }
    GDALDataset* raw = ds.release();
    CPLErrorReset();
    GDALClose(raw);  // flushes the file
  if (CPLGetLastErrorType() >= CE_Failure) throw gdal_error(path, "cannot write the file");
  } catch (...) {
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr);
    throw;
  }
  CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr);
}


/** `v` to `digits` significant figures: the layers' attributes are means over a few
 *  replications, whose 17 digits only made the files large. */
double significant(double v, int digits) {
  if (!std::isfinite(v) || v == 0) return v;
  const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - (digits - 1));
  return std::round(v / unit) * unit;
}

GisLayer communes_layer(const CommuneAggregate& a, const Scenario& sc) {
  GisLayer layer{"communes", {"insee", "name", "plan"}, {"population"}, {}, {}, {}};
  for (const auto& m : a.measures)
    for (const char* suffix : {"", "_low", "_high", "_diff", "_diff_low", "_diff_high"})
      layer.number_fields.push_back(m + suffix);
  // One feature per commune and plan rather than one per commune with per-plan columns:
  // the per-plan columns would pass SQLite's 2,000-column limit with three plans of the
  // full measure set, and a plan is then one filter in QGIS ("plan" = 'new-msps').
  // Student-t knows no bounds: a count, a wait or a share is never below 0, a share never
  // above 1 (as in kpis.csv; a difference is not clipped). Per measure, not per cell.
  std::vector<char> non_negative, share;
  for (const auto& m : a.measures) {
    non_negative.push_back(is_non_negative(m));
    share.push_back(m.rfind("unserved_share", 0) == 0);
  }
  for (std::size_t p = 0; p < a.plans.size(); ++p)
    for (std::size_t c = 0; c < sc.communes.size(); ++c) {
      const auto& cells = a.cells[p][c];
      if (cells.empty()) continue;
      const Commune& commune = sc.communes[c];
      GisFeature f;
      f.texts = {commune.insee, commune.name, a.plans[p]};
      f.numbers.push_back(commune.population);
      for (std::size_t m = 0; m < a.measures.size(); ++m) {
        const auto& v = cells[m].value;
        const auto& d = cells[m].diff;
        double low = v.low(), high = v.high();
        if (non_negative[m]) low = std::max(low, 0.0);
        if (share[m]) high = std::min(high, 1.0);
        for (double x : {v.mean, low, high, d.mean, d.low(), d.high()}) f.numbers.push_back(significant(x, kDigits));
      }
      if (sc.outlines && c < sc.outlines->size()) f.outline = &(*sc.outlines)[c];
      f.point = {commune.lon, commune.lat};
      layer.features.push_back(std::move(f));
    }
  return layer;
}

/** Per (plan, site id): per replication the busy and open hours, summed over the site's
 *  resources (a hospital's specialties and emergency department are "<id>/<name>"). */
using Hours = std::map<int, std::pair<double, double>>;
std::map<std::pair<std::string, std::string>, Hours> site_hours(const ResultTable& t) {
  std::map<std::pair<std::string, std::string>, Hours> out;
  const int busy = t.value_index("busy_hours"), open = t.value_index("open_hours");
  if (busy < 0 || open < 0) return out;
  for (const auto& row : t.rows) {
    const std::string& resource = row.keys[2];
    const int rep = std::stoi(row.keys[1]);
    const std::string root = resource.substr(0, resource.find('/'));
    for (const std::string& id : root == resource ? std::vector<std::string>{resource} : std::vector<std::string>{resource, root}) {
      auto& h = out[{row.keys[0], id}][rep];
      h.first += row.values[busy];
      h.second += row.values[open];
    }
  }
  return out;
}

std::string clock(double seconds) {
  char buf[16];
  const int minutes = static_cast<int>(std::lround(seconds / 60));
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

GisLayer sites_layer(const RunResult& result, const Scenario& base, const ResultTable* option_sites) {
  GisLayer layer{"sites", {"plan", "kind", "id", "name", "insee", "commune", "detail"}, {"utilisation", "utilisation_low", "utilisation_high"}, {}, {}, {}};
  if (option_sites) {
    layer.text_fields.push_back("option");
    layer.text_fields.push_back("host");
    layer.number_fields.push_back("chosen");
    layer.integer_fields.push_back("chosen");
  }
  // (option, site id) -> (host, name) of the candidate it opens
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> chosen;
  if (option_sites) {
    const auto& k = option_sites->key_columns;
    const auto host = std::find(k.begin(), k.end(), "host") - k.begin(), name = std::find(k.begin(), k.end(), "name") - k.begin();
    for (const auto& row : option_sites->rows)
      chosen[{row.keys[0], row.keys[1]}] = {static_cast<std::size_t>(host) < row.keys.size() ? row.keys[host] : "",
                                            static_cast<std::size_t>(name) < row.keys.size() ? row.keys[name] : ""};
  }
  const auto hours = site_hours(result.utilisation);
  std::vector<std::pair<std::string, const Scenario*>> plans{{"baseline", &base}};
  for (const auto& [name, plan] : base.plans) plans.push_back({name, plan.get()});

  for (const auto& entry : plans) {
    const std::string& plan = entry.first;  // not a structured binding: lambdas capture it (C++17)
    const Scenario* sc = entry.second;
    auto add_at = [&](const std::string& kind, const std::string& id, const std::string& name, const std::string& insee,
                      const std::string& commune, const std::string& detail, LonLat point) {
      GisFeature f;
      f.texts = {plan, kind, id, name, insee, commune, detail};
      std::vector<double> util;
      if (auto it = hours.find({plan, id}); it != hours.end())
        for (const auto& [rep, h] : it->second) util.push_back(h.second > 0 ? h.first / h.second : NAN);
      const ConfidenceInterval ci = confidence_interval(util);
      // A utilisation is never below 0; 5 significant figures as the communes.
      f.numbers = {significant(ci.mean, kDigits), significant(std::max(ci.low(), 0.0), kDigits), significant(ci.high(), kDigits)};
      if (option_sites) {
        const auto it = chosen.find({plan, id});
        if (it != chosen.end()) f.texts[3] = it->second.second + (f.texts[3].empty() ? "" : " (" + f.texts[3] + ")");
        f.texts.push_back(plan == "baseline" ? "" : plan);
        f.texts.push_back(it == chosen.end() ? "" : it->second.first);
        f.numbers.push_back(it != chosen.end() ? 1 : 0);
      }
      f.point = point;
      layer.features.push_back(std::move(f));
    };
    auto add = [&](const std::string& kind, const std::string& id, const std::string& name, std::size_t commune,
                   const std::string& detail) {
      const Commune& c = sc->communes[commune];
      add_at(kind, id, name, c.insee, c.name, detail, {c.lon, c.lat});
    };
    for (const auto& p : sc->practices)
      add(to_string(p.kind), p.id, doctors_text(p.doctors), p.commune,
          to_string(p.access));
    for (const auto& h : sc->hospitals) {
      std::string detail;
      for (const auto& s : h.specialties) detail += (detail.empty() ? "" : ", ") + s.name;
      if (h.ed_doctors > 0) detail += (detail.empty() ? "" : ", ") + std::string("emergency department");
      add("hospital", h.id, "", h.commune, detail);
    }
    for (const auto& cab : sc->cabins) {
      const std::string pool = cab.pool < sc->remote_pools.size() ? sc->remote_pools[cab.pool].id : "";
      add(to_string(cab.kind), cab.id, "", cab.commune, pool.empty() ? "" : "remote pool " + pool);
    }
    // A remote pool has no address: it is drawn at the centre of the cabins it answers, or
    // of the territory when none (tele-expertise, teleconsultation from home), and says so.
    for (std::size_t k = 0; k < sc->remote_pools.size(); ++k) {
      const RemotePool& pool = sc->remote_pools[k];
      double lon = 0, lat = 0;
      int n = 0;
      for (const auto& cab : sc->cabins)
        if (cab.pool == k && cab.commune < sc->communes.size())
          lon += sc->communes[cab.commune].lon, lat += sc->communes[cab.commune].lat, ++n;
      const bool placed = n > 0;
      if (!placed)
        for (const auto& c : sc->communes) lon += c.lon, lat += c.lat, ++n;
      if (n == 0) continue;
      const std::string doctors = std::to_string(pool.doctors) + (pool.doctors == 1 ? " doctor" : " doctors");
      add_at("remote_pool", pool.id, doctors, "", "",
             placed ? "no address: drawn at the centre of its " + std::to_string(n) + (n == 1 ? " cabin" : " cabins")
                    : "no address and no cabin: drawn at the centre of the territory",
             {lon / n, lat / n});
    }
    for (const auto& e : sc->ehpads) add("ehpad", e.id, "", e.commune, std::to_string(static_cast<long>(e.residents)) + " residents");
    for (const auto& h : sc->hotlines) {
      std::string covers;
      for (auto k : h.communes) covers += (covers.empty() ? "" : " ") + sc->communes[k].insee;
      add("hotline", h.id, "", h.commune, "covers " + (covers.empty() ? std::string("all communes") : covers));
    }
    static const char* const kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    for (const auto& bus : sc->buses)
      for (const auto& stop : bus.stops)
        add("bus_stop", bus.id, bus.specialty, stop.commune,
            std::string(kDays[stop.day % 7]) + " " + clock(stop.start) + "-" + clock(stop.end));
  }
  return layer;
}

/** How many replications each plan ran. */
std::size_t replications_run(const RunResult& r) {
  std::size_t replications = 0;  // of the first plan (every plan runs as many)
  for (const ResultTable* t : {&r.summary, &r.by_commune}) {
    std::set<std::string> seen;
    for (const auto& row : t->rows)
      if (row.keys.size() > 1 && row.keys[0] == t->rows.front().keys[0]) seen.insert(row.keys[1]);
    replications = std::max(replications, seen.size());
  }
  return replications;
}

/** What a layer holds and what to read before its figures, in the reader's language: a
 *  layer opened alone in QGIS (or shown as a map) must not lose the scenario's caveats. */
std::string description(const std::string& layer, const RunResult& r, const Scenario& sc, std::size_t replications,
                        Lang lang) {
  const bool fr = lang == Lang::fr;
  const std::string n = std::to_string(replications);
  const std::string days = number((sc.horizon - r.warmup) / 86400.0, 0, lang);
  std::string out;
  if (layer == "communes")
    out = fill(fr ? "Maillage, scénario %s\u00a0: pour chaque commune et chaque plan (filtrer sur \u00ab\u00a0plan\u00a0\u00bb), les mesures "
                    "des %s jours mesurés, moyenne de %s réplications avec son intervalle à 95\u00a0% (_low, _high) et "
                    "l'écart apparié au plan de référence (_diff, _diff_low, _diff_high). Le report.html du même "
                    "dossier dit comment lire chaque mesure."
                  : "Maillage, scenario %s: for each commune and plan (filter on \"plan\"), the measures of the %s days "
                    "measured, the mean of %s replications with its 95% interval (_low, _high) and the paired "
                    "difference to the baseline (_diff, _diff_low, _diff_high). The report.html of the same folder "
                    "says how to read each measure.",
               {sc.name, days, n});
  else
    out = fill(fr ? "Maillage, scénario %s\u00a0: chaque site de chaque plan (filtrer sur \u00ab\u00a0plan\u00a0\u00bb), son taux "
                    "d'occupation (heures occupées sur heures d'ouverture), moyenne de %s réplications avec son "
                    "intervalle à 95\u00a0% (_low, _high)."
                  : "Maillage, scenario %s: every site of every plan (filter on \"plan\"), its utilisation (busy hours "
                    "over open hours), the mean of %s replications with its 95% interval (_low, _high).",
               {sc.name, n});
  std::vector<std::string> caveats = sc.caveats;
  for (auto& c : censored_waits(r, lang)) caveats.push_back(std::move(c));
  if (!caveats.empty()) out += fr ? " À lire d'abord\u00a0:" : " Read first:";
  for (const auto& c : caveats) out += " " + c;
  return out;
}

/** The layer without its per-care-type columns ("served.gp_acute", ...). GeoJSON repeats
 *  every column name in every feature: on Loir-et-Cher those columns were five sixths of
 *  communes.geojson (18 MB of 20). The GeoPackage, whose schema names them once, keeps them. */
GisLayer without_care_types(const GisLayer& all) {
  GisLayer out{all.name, all.text_fields, {}, all.integer_fields, {}, all.description};
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < all.number_fields.size(); ++i)
    if (all.number_fields[i].find('.') == std::string::npos) kept.push_back(i), out.number_fields.push_back(all.number_fields[i]);
  for (const auto& f : all.features) {
    GisFeature g = f;
    g.numbers.clear();
    for (std::size_t i : kept) g.numbers.push_back(f.numbers[i]);
    out.features.push_back(std::move(g));
  }
  return out;
}

}  // namespace

void write_gis_layers(const RunResult& result, const Scenario& scenario, const CommuneAggregate& communes_aggregate,
                      const std::string& dir, Lang lang, const ResultTable* option_sites) {
  // GDAL's messages go into the exception, not onto stderr.
  struct QuietErrors {
    QuietErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietErrors() { CPLPopErrorHandler(); }
  } quiet;
  GisLayer communes = communes_layer(communes_aggregate, scenario);
  GisLayer sites = sites_layer(result, scenario, option_sites);
  const std::size_t replications = replications_run(result);
  communes.description = description("communes", result, scenario, replications, lang);
  sites.description = description("sites", result, scenario, replications, lang);
  write_geojson(without_care_types(communes), dir + "/communes.geojson");
  write_geojson(sites, dir + "/sites.geojson");
  write_geopackage({&communes, &sites}, dir + "/layers.gpkg");
}

}  // namespace maillage
