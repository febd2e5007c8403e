#pragma once
// Confidence intervals over replications (Student t), plain and paired.
#include <vector>

namespace maillage {

struct ConfidenceInterval {
  double mean = 0.0;        ///< NaN when no value
  double half_width = 0.0;  ///< NaN with fewer than two values
  int n = 0;                ///< number of finite values used
  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
};

/** Two-sided Student-t quantile t_{1-(1-level)/2, df} (boost::math). df >= 1. */
double student_t_quantile(double level, int df);

/** Mean and Student-t half-width of the finite values (NaNs are skipped: a missing value
 *  is not a zero). level is e.g. 0.95. */
ConfidenceInterval confidence_interval(const std::vector<double>& values, double level = 0.95);

/** Interval of the paired differences a[i] - b[i] over indices where both are finite. */
ConfidenceInterval paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                                     double level = 0.95);

}  // namespace maillage
