#pragma once
// A service of the care pathway (practices, remote care, hospitals, hotlines, buses,
// tele-expertise): it owns its providers' state, its own events and its utilisation rows.
// The Simulation only routes: an episode to the service behind each pathway option, an
// event to the service that scheduled it. Services never include one another; one hands
// an episode on to another by name (Simulation::hand_over).
//
// Adding a kind of care: a class deriving from Service in its own file pair, one line in
// Simulation's constructor that registers it, its YAML section in scenarios/, its tests.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/result_table.hpp"
#include "models/care_type.hpp"
#include "models/episode.hpp"
#include "models/reach_table.hpp"

namespace maillage {

class Simulation;
class Service;

/** A place the generalised-cost choice could take, quoted without booking. */
struct Quote {
  std::uint8_t option = 0;   ///< index of the pathway option that offers it
  std::uint32_t provider = 0, sub = 0;
  double seconds = 0;        ///< one-way travel
  double start = 0;          ///< when the patient would be seen (kNever: not at all)
  Service* service = nullptr;
};

/** What some resources add to their utilisation row: video sessions (cabins, pools) and
 *  tele-expertise readings (pools whose specialists read). NaN and "": not applicable. */
struct UtilisationDetail {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  double sessions = kNone;  ///< video sessions ended within the measured period
  double sessions_degraded_share = kNone, sessions_failed_share = kNone;
  /** Of the degraded or failed sessions, the direction that was worse most often
   *  ("upload": from the patient's site, "download": towards it), the site's technology
   *  then, and that technology's nominal rate that way. */
  std::string limited_by, technology;
  double limiting_line_mbps = kNone;
  double video_mbps = kNone;  ///< the video rate the sessions asked (the highest, over care types)
  double readings = kNone;                 ///< readings started within the measured period
  double reading_wait_hours_mean = kNone;  ///< their mean wait for a specialist
};

/** Rows of the utilisation table, in the order services add them. */
struct UtilisationRows {
  ResultTable& table;
  const std::string& plan;
  const std::string& replication;
  /** Gives the table its columns. */
  static void set_columns(ResultTable& table);
  /** A resource busy `busy` s out of `capacity` s open within the measured period. */
  void add(const std::string& id, const std::string& kind, const std::string& insee, double busy, double capacity,
           double queue_at_end, const UtilisationDetail& detail = {});
};

class Service {
public:
  Service(Simulation& sim, std::string name) : sim_(sim), name_(std::move(name)) {}
  virtual ~Service() = default;
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  /** Its name, by which other services hand episodes to it. */
  const std::string& name() const { return name_; }
  /** The pathway options it answers. */
  virtual std::vector<PathwayOption> options() const { return {}; }
  /** Offered an episode by one of its options: true when it took it (booked, on its way,
   *  queuing, or handed on); otherwise it notes why on the episode and returns false. */
  virtual bool offer(PathwayOption, std::uint32_t /*episode*/) { return false; }
  /** For the generalised-cost choice: the places an option offers, without booking. */
  virtual void quote(PathwayOption, std::uint8_t /*option_index*/, std::uint32_t /*episode*/,
                     std::vector<Quote>& /*out*/) {}
  /** Takes a quoted place if it still can. */
  virtual bool take(const Quote&, std::uint32_t /*episode*/) { return false; }
  /** An episode handed on by another service (Simulation::hand_over), at the time set. */
  virtual void receive(std::uint32_t /*episode*/) {}
  /** One of its own events (kinds are its own). */
  virtual void handle(std::uint32_t /*kind*/, std::uint32_t /*target*/, std::uint64_t /*data*/) {}
  /** Schedules its first events, before the run. */
  virtual void start() {}
  /** The nearest in-person provider of this care type for a commune's residents, if this
   *  service is the one that gives it in person (practices: care types without a specialty;
   *  hospitals: those with one): the reference of travel avoided and detour. */
  virtual const Reach* reference(std::size_t /*commune*/, const CareType&) const { return nullptr; }
  /** Adds its resources' rows to the utilisation table. */
  virtual void utilisation(UtilisationRows&) const {}
  /** A hint: a need of this care type will arise in this commune next; the service may
   *  start fetching what it will read for it into the cache. Changes nothing. `early`: the
   *  need after next, whose addresses may be fetched but not yet read (their reads would
   *  wait for memory now); the same need comes again later without it. */
  virtual void prefetch(std::size_t /*commune*/, std::uint16_t /*care_type*/, bool /*early*/) const {}

  /** Set by the Simulation when it registers the service. */
  void set_index(std::uint32_t i) { index_ = i; }
  std::uint32_t index() const { return index_; }

protected:
  /** Schedules one of its own events. */
  void schedule(double time, std::uint32_t kind, std::uint32_t target, std::uint64_t data = 0);
  Simulation& sim_;

private:
  std::string name_;
  std::uint32_t index_ = 0;
};

}  // namespace maillage
