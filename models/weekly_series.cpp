#include "models/weekly_series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "engine/calendar.hpp"

namespace maillage {

WeeklySeries::WeeklySeries(double horizon, std::vector<std::string> care_types) : care_types_(std::move(care_types)) {
  const auto weeks = static_cast<std::size_t>(std::ceil(horizon / kWeek));
  episodes_.assign(weeks, 0.0), served_ = unserved_ = wait_ = ed_visits_ = episodes_;
  cells_.assign(weeks * care_types_.size(), Cell{});
}

std::size_t WeeklySeries::week(double t) const {
  return std::min(episodes_.size() - 1, static_cast<std::size_t>(std::max(0.0, t) / kWeek));
}

ResultTable WeeklySeries::table(const std::string& plan, const std::string& replication) const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ResultTable t;
  t.key_columns = {"plan", "replication"};
  t.value_columns = {"week", "episodes", "served", "unserved", "wait_days_mean", "ed_visits"};
  // Named as by_commune.csv names its care types' columns: `measure.care_type`.
  for (const auto& ct : care_types_)
    for (const char* m : {"episodes.", "served.", "unserved.", "wait_days_mean."}) t.value_columns.push_back(m + ct);
  for (std::size_t w = 0; w < episodes_.size(); ++w) {
    std::vector<double> v{static_cast<double>(w + 1), episodes_[w], served_[w], unserved_[w],
                          served_[w] > 0 ? wait_[w] / served_[w] / kDay : kNaN, ed_visits_[w]};
    for (std::size_t c = 0; c < care_types_.size(); ++c) {
      const Cell& x = cells_[w * care_types_.size() + c];
      v.insert(v.end(), {x.episodes, x.served, x.unserved, x.served > 0 ? x.wait / x.served / kDay : kNaN});
    }
    t.rows.push_back({{plan, replication}, std::move(v)});
  }
  return t;
}

}  // namespace maillage
