#include "models/measures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace maillage {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSecondsPerDay = 86400.0;

// The base measures, in column order; row_of() fills them in the same order.
const char* const kBase[] = {"episodes",          "served",           "unserved",           "unserved_share",
                             "unserved_too_far",  "unserved_too_long", "unserved_network",  "unserved_capacity",
                             "in_progress",       "wait_days_mean",   "wait_days_median",   "wait_days_p90",
                             "ed_visits",         "travel_km",        "travel_min",         "travel_avoided_km",
                             "travel_avoided_min", "sessions_degraded", "sessions_failed", "abandoned",
                             "travel_detour_km",  "travel_detour_min", "travel_avoided_unreferenced"};
}  // namespace

void Measures::Cell::merge(const Cell& o) {
  episodes += o.episodes, in_progress += o.in_progress, ed_visits += o.ed_visits;
  sessions_degraded += o.sessions_degraded, sessions_failed += o.sessions_failed, abandoned += o.abandoned;
  for (std::size_t i = 0; i < unserved.size(); ++i) unserved[i] += o.unserved[i];
  wait.merge(o.wait);
  wait_quantiles.merge(o.wait_quantiles);
  travel_m += o.travel_m, travel_s += o.travel_s, avoided_m += o.avoided_m, avoided_s += o.avoided_s;
  detour_m += o.detour_m, detour_s += o.detour_s, unreferenced += o.unreferenced;
}

std::size_t Measures::Cell::hot_bytes() {
  const Cell c;
  const char* at = reinterpret_cast<const char*>(&c);
  return static_cast<std::size_t>(reinterpret_cast<const char*>(&c.wait_quantiles) - at) + QuantileSketch::hot_bytes;
}

std::uint64_t Measures::Cell::unserved_total() const {
  std::uint64_t n = 0;
  for (auto u : unserved) n += u;
  return n;
}

Measures::Measures(std::size_t communes, std::vector<std::string> care_type_names)
    : n_communes_(communes), n_care_(care_type_names.size()), care_names_(std::move(care_type_names)),
      cells_(n_communes_ * n_care_) {}

void Measures::served(std::uint32_t commune, std::uint16_t care_type, double wait, double trip_m, double trip_s) {
  Cell& c = cell(commune, care_type);
  c.wait.add(wait);
  c.travel_m += trip_m, c.travel_s += trip_s;
  const int bucket = c.wait_quantiles.count(wait);
  if (bucket == QuantileSketch::kZero) return;
  if (const std::uint32_t* counter = c.wait_quantiles.counter(bucket)) __builtin_prefetch(counter, 1);
  Pending& slot = pending_[noted_ % kPending];
  if (noted_ >= kPending) cells_[slot.cell].wait_quantiles.add_bucket(slot.bucket);
  slot = Pending{static_cast<std::uint32_t>(commune * n_care_ + care_type), bucket};
  ++noted_;
}

void Measures::flush() const {
  for (std::size_t k = 0; k < std::min(noted_, kPending); ++k)
    cells_[pending_[k].cell].wait_quantiles.add_bucket(pending_[k].bucket);
  noted_ = 0;
}

void Measures::against_reference(std::uint32_t commune, std::uint16_t care_type, bool avoided, bool has_reference,
                                 double saved_m, double saved_s) {
  Cell& c = cell(commune, care_type);
  if (!has_reference) {
    c.unreferenced += avoided;  // never a silent 0 km avoided
  } else if (avoided) {
    c.avoided_m += saved_m, c.avoided_s += saved_s;
  } else {
    c.detour_m -= saved_m, c.detour_s -= saved_s;
  }
}

void Measures::check_conservation(const std::vector<std::string>& codes) const {
  for (std::size_t c = 0; c < n_communes_; ++c)
    for (std::size_t k = 0; k < n_care_; ++k) {
      const Cell& x = cells_[c * n_care_ + k];
      if (x.episodes != x.served() + x.unserved_total() + x.in_progress)
        throw std::logic_error("conservation broken in commune " + codes.at(c) + ", care type " + care_names_[k] +
                               ": " + std::to_string(x.episodes) + " episodes arisen but " +
                               std::to_string(x.served()) + " served + " + std::to_string(x.unserved_total()) +
                               " unserved + " + std::to_string(x.in_progress) + " in progress");
    }
}

std::vector<std::string> Measures::columns() const {
  std::vector<std::string> cols(std::begin(kBase), std::end(kBase));
  for (const auto& ct : care_names_)
    for (const char* b : kBase) cols.push_back(std::string(b) + "." + ct);
  return cols;
}

std::vector<double> Measures::row_of(const std::vector<Cell>& per_ct) const {
  auto values = [](const Cell& x, std::vector<double>& out) {
    const double n = static_cast<double>(x.episodes);
    const double unserved = static_cast<double>(x.unserved_total());
    const bool any_served = x.served() > 0;
    out.insert(out.end(),
               {n, static_cast<double>(x.served()), unserved, n > 0 ? unserved / n : kNaN,
                static_cast<double>(x.unserved[static_cast<std::size_t>(UnservedReason::TooFar)]),
                static_cast<double>(x.unserved[static_cast<std::size_t>(UnservedReason::TooLong)]),
                static_cast<double>(x.unserved[static_cast<std::size_t>(UnservedReason::Network)]),
                static_cast<double>(x.unserved[static_cast<std::size_t>(UnservedReason::Capacity)]),
                static_cast<double>(x.in_progress),
                any_served ? x.wait.mean() / kSecondsPerDay : kNaN,
                any_served ? x.wait_quantiles.quantile(0.5) / kSecondsPerDay : kNaN,
                any_served ? x.wait_quantiles.quantile(0.9) / kSecondsPerDay : kNaN,
                static_cast<double>(x.ed_visits), x.travel_m / 1000.0, x.travel_s / 60.0, x.avoided_m / 1000.0,
                x.avoided_s / 60.0, static_cast<double>(x.sessions_degraded),
                static_cast<double>(x.sessions_failed), static_cast<double>(x.abandoned), x.detour_m / 1000.0,
                x.detour_s / 60.0, static_cast<double>(x.unreferenced)});
  };
  Cell all;
  for (const Cell& x : per_ct) all.merge(x);
  std::vector<double> out;
  values(all, out);
  for (const Cell& x : per_ct) values(x, out);
  return out;
}

std::vector<double> Measures::territory_row() const {
  flush();
  std::vector<Cell> per_ct(n_care_);
  for (std::size_t c = 0; c < n_communes_; ++c)
    for (std::size_t k = 0; k < n_care_; ++k) per_ct[k].merge(cells_[c * n_care_ + k]);
  return row_of(per_ct);
}

std::vector<double> Measures::commune_row(std::size_t c) const {
  flush();
  std::vector<Cell> per_ct(cells_.begin() + static_cast<std::ptrdiff_t>(c * n_care_),
                           cells_.begin() + static_cast<std::ptrdiff_t>((c + 1) * n_care_));
  return row_of(per_ct);
}

}  // namespace maillage
