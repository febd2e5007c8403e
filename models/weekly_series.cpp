#include "models/weekly_series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/calendar.hpp"

namespace maillage {

WeeklySeries::WeeklySeries(double horizon) {
  const auto weeks = static_cast<std::size_t>(std::ceil(horizon / kWeek));
  episodes_.assign(weeks, 0.0), served_ = unserved_ = wait_ = ed_visits_ = episodes_;
}

std::size_t WeeklySeries::week(double t) const {
  return std::min(episodes_.size() - 1, static_cast<std::size_t>(std::max(0.0, t) / kWeek));
}

ResultTable WeeklySeries::table(const std::string& plan, const std::string& replication) const {
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean", "ed_visits"};
  for (std::size_t w = 0; w < episodes_.size(); ++w)
    t.rows.push_back({{plan, replication},
                      {static_cast<double>(w + 1), episodes_[w], served_[w], unserved_[w],
                       served_[w] > 0 ? wait_[w] / served_[w] / kDay : std::numeric_limits<double>::quiet_NaN(), ed_visits_[w]}});
  return t;
}

}  // namespace maillage
