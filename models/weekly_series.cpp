#include "models/weekly_series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "engine/calendar.hpp"

namespace maillage {

WeeklySeries::WeeklySeries(double horizon, std::vector<std::string> care_types)
    : weeks_(static_cast<std::size_t>(std::ceil(horizon / kWeek))), n_care_(care_types.size()), care_types_(std::move(care_types)) {
  wait_.assign(weeks_, 0.0), ed_visits_ = wait_;
  cells_.assign(weeks_ * n_care_, Cell{});
}

ResultTable WeeklySeries::table(const std::string& plan, const std::string& replication) const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean", "ed_visits"};
  // Named as by_commune.csv names its care types' columns: `measure.care_type`.
  for (const auto& ct : care_types_)
    for (const char* m : {"episodes.", "served.", "unserved.", "wait_days_mean."}) t.value_columns.push_back(m + ct);
  for (std::size_t w = 0; w < weeks_; ++w) {
    const Cell* week = cells_.data() + w * n_care_;
    Cell all;
    for (std::size_t c = 0; c < n_care_; ++c) all.episodes += week[c].episodes, all.served += week[c].served, all.unserved += week[c].unserved;
    std::vector<double> v{static_cast<double>(w + 1), all.episodes, all.served, all.unserved,
                          all.served > 0 ? wait_[w] / all.served / kDay : kNaN, ed_visits_[w]};
    for (std::size_t c = 0; c < n_care_; ++c) {
      const Cell& x = week[c];
      v.insert(v.end(), {x.episodes, x.served, x.unserved, x.served > 0 ? x.wait / x.served / kDay : kNaN});
    }
    t.rows.push_back({{plan, replication}, std::move(v)});
  }
  return t;
}

}  // namespace maillage
