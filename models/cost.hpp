#pragma once
// What a resource costs (SPEC: `cost: {capital: 360000 EUR, per_year: 12000 EUR}`), carried
// with it so that plans can be compared by what they cost.
namespace maillage {

struct Cost {
  double capital = 0.0;   ///< euros, once
  double per_year = 0.0;  ///< euros a year
  double years = 10.0;    ///< over which the capital is spread
  bool given() const { return capital > 0 || per_year > 0; }
  /** Euros a year: the capital spread evenly over its years, plus the yearly cost. */
  double annual() const { return capital / years + per_year; }
};

}  // namespace maillage
