#pragma once
// What the files reading and writing GIS data with GDAL/OGR share: a dataset closed when
// it goes out of scope, and the test for WGS84 longitude/latitude (RFC 7946's only CRS).
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <memory>

namespace maillage {

struct GdalDatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using GdalDataset = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

/** True when `srs` is WGS84 longitude/latitude, whatever its axis order. */
inline bool is_wgs84(const OGRSpatialReference& srs) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  const char* const options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES",
                                 "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
  return srs.IsSame(&wgs84, options);
}

}  // namespace maillage
