#pragma once
// A first-come first-served queue in front of c servers (access: walk_in). Holds who waits
// and how many are busy; the simulation decides when people arrive, start and leave.
#include <cstdint>
#include <algorithm>
#include <deque>

#include "engine/calendar.hpp"

namespace maillage {

class WalkInQueue {
public:
  WalkInQueue(int servers, const WeeklyCalendar& hours) : hours_(hours), servers_(servers) {}

  bool has_free_server() const { return busy_ < servers_; }
  int busy() const { return busy_; }
  /** Expected wait of someone joining now when consultations last `mean_duration` on
   *  average: the people ahead, shared among the servers. What a patient sees at the door. */
  double expected_wait(double mean_duration) const {
    const double ahead = static_cast<double>(waiting_.size()) + busy_ - servers_ + 1;
    return ahead > 0 ? ahead * mean_duration / servers_ : 0.0;
  }
  /** A server starts a consultation of length d at `now`. */
  void start(double now, double d) {
    ++busy_;
    busy_seconds_ += std::max(0.0, std::min(now + d, to_) - std::max(now, from_));
  }
  /** A server ends its consultation. */
  void finish() { --busy_; }
  /** A server is taken for a time not known yet (a cabin held while its patient waits for
   *  a remote doctor); release() counts it. */
  void occupy() { ++busy_; }
  void release(double since, double now) {
    --busy_;
    busy_seconds_ += std::max(0.0, std::min(now, to_) - std::max(since, from_));
  }

  void join(std::uint32_t episode) { waiting_.push_back(episode); }
  bool empty() const { return waiting_.empty(); }
  std::size_t length() const { return waiting_.size(); }
  std::uint32_t next() {
    const auto e = waiting_.front();
    waiting_.pop_front();
    return e;
  }
  const std::deque<std::uint32_t>& waiting() const { return waiting_; }
  void clear() { waiting_.clear(); }
  /** Someone leaves the queue before being seen (reneging); false if not in it. */
  bool remove(std::uint32_t episode) {
    const auto it = std::find(waiting_.begin(), waiting_.end(), episode);
    if (it == waiting_.end()) return false;
    waiting_.erase(it);
    return true;
  }

  const WeeklyCalendar& hours() const { return hours_; }
  int servers() const { return servers_; }
  void measure_between(double from, double to) { from_ = from, to_ = to; }
  /** Consultation time within the measured period; consultations started before closing
   *  run to their end, so busy time can exceed the open time (overtime). */
  double busy_seconds() const { return busy_seconds_; }
  double capacity_seconds() const { return servers_ * hours_.open_seconds(from_, to_); }

private:
  const WeeklyCalendar& hours_;
  int servers_;
  int busy_ = 0;
  std::deque<std::uint32_t> waiting_;
  double from_ = 0.0, to_ = kNever, busy_seconds_ = 0.0;
};

}  // namespace maillage
