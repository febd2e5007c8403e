#pragma once
// An EHPAD (établissement d'hébergement pour personnes âgées dépendantes): a care home
// whose residents have needs of their own, at elderly rates, and a telemedicine cart
// (chariot de télémédecine) that its nurse uses like a suitcase, for its residents only.
#include <cstddef>
#include <string>

namespace maillage {

struct Ehpad {
  std::string id;
  std::size_t commune = 0;
  double residents = 0.0;
  std::size_t cart = 0;  ///< index of its cart among the scenario's cabins
};

}  // namespace maillage
