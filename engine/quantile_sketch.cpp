#include "engine/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace maillage {

namespace {
// One table per process, for the accuracy nearly every sketch has; the others compute log.
const LogBucketIndex* table_for(double a, double log_gamma) {
  if (a != QuantileSketch::default_accuracy) return nullptr;
  static const LogBucketIndex table(log_gamma);
  return table.tabled() && table.log_gamma() == log_gamma ? &table : nullptr;
}
}  // namespace

void QuantileSketch::prepare() { static_cast<void>(QuantileSketch()); }  // the constructor builds it

QuantileSketch::QuantileSketch(double a) : log_gamma_(std::log((1 + a) / (1 - a))), gamma_((1 + a) / (1 - a)) {
  table_ = table_for(a, log_gamma_);
}

// counts_ is the last of the hot fields; a vector's data and end pointers come first in it.
const std::size_t QuantileSketch::hot_bytes = offsetof(QuantileSketch, counts_) + 2 * sizeof(void*);

// The bucket (gamma^(i-1), gamma^i] is represented by the point whose relative error to
// both ends is the same.
double QuantileSketch::value_of(int i) const {
  return 2.0 * std::pow(gamma_, i) / (gamma_ + 1.0);
}

void QuantileSketch::add(double x) {
  const int i = count(x);
  if (i != kZero) add_bucket(i);
}

int QuantileSketch::count(double x) {
  ++count_;
  if (!(x >= min_positive)) {
    ++zeros_;
    return kZero;
  }
  return index_of(x);
}

void QuantileSketch::add_bucket(int i) {
  if (counts_.empty()) {
    offset_ = i;
    counts_.assign(1, 0);
  } else if (i < offset_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(offset_ - i), 0);
    offset_ = i;
  } else if (i >= offset_ + static_cast<int>(counts_.size())) {
    counts_.resize(static_cast<std::size_t>(i - offset_ + 1), 0);
  }
  ++counts_[static_cast<std::size_t>(i - offset_)];
}

void QuantileSketch::merge(const QuantileSketch& o) {
  count_ += o.count_;
  zeros_ += o.zeros_;
  if (o.counts_.empty()) return;
  if (counts_.empty()) {
    offset_ = o.offset_;
    counts_ = o.counts_;
    return;
  }
  // Grown to cover the other's buckets (when they reach past ours), then added in place: a
  // territory's total takes tens of thousands of cells, nearly all within its range already.
  if (o.offset_ < offset_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(offset_ - o.offset_), 0);
    offset_ = o.offset_;
  }
  const auto end = static_cast<std::size_t>(o.offset_ - offset_) + o.counts_.size();
  if (end > counts_.size()) counts_.resize(end, 0);
  std::uint32_t* into = counts_.data() + (o.offset_ - offset_);
  for (std::size_t k = 0; k < o.counts_.size(); ++k) into[k] += o.counts_[k];
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  // rank of the ceil(q*n)-th smallest value, 1-based, at least 1
  const auto n = static_cast<double>(count_);
  std::uint64_t rank = static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * n - 1e-9));
  rank = std::max<std::uint64_t>(rank, 1);
  if (rank <= zeros_) return 0.0;
  std::uint64_t seen = zeros_;
  for (std::size_t k = 0; k < counts_.size(); ++k) {
    seen += counts_[k];
    if (seen >= rank) return value_of(static_cast<int>(k) + offset_);
  }
  return value_of(offset_ + static_cast<int>(counts_.size()) - 1);
}

}  // namespace maillage
