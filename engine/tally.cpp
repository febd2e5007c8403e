#include "engine/tally.hpp"

#include <algorithm>
#include <limits>

namespace maillage {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void Tally::merge(const Tally& o) {
  if (o.n_ == 0) return;
  if (n_ == 0) {
    *this = o;
    return;
  }
  const double n = static_cast<double>(n_ + o.n_);
  const double d = o.mean_ - mean_;
  mean_ += d * static_cast<double>(o.n_) / n;
  m2_ += o.m2_ + d * d * static_cast<double>(n_) * static_cast<double>(o.n_) / n;
  n_ += o.n_;
  min_ = std::min(min_, o.min_);
  max_ = std::max(max_, o.max_);
}

double Tally::mean() const { return n_ ? mean_ : kNaN; }
double Tally::variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : kNaN; }
double Tally::min() const { return n_ ? min_ : kNaN; }
double Tally::max() const { return n_ ? max_ : kNaN; }

}  // namespace maillage
