#pragma once
// Hospitals as a service of the pathway: specialists booked by the care type's specialty
// (hospital; long booking horizons), and emergency departments (ed), where patients come
// without booking to the nearest one whatever the distance: the fallback of last resort.
#include <cstdint>
#include <map>
#include <vector>

#include "models/appointment_book.hpp"
#include "models/reach_table.hpp"
#include "models/service.hpp"
#include "models/walk_in_queue.hpp"

namespace maillage {

class Hospitals : public Service {
public:
  explicit Hospitals(Simulation& sim);

  std::vector<PathwayOption> options() const override { return {PathwayOption::Hospital, PathwayOption::Ed}; }
  bool offer(PathwayOption option, std::uint32_t id) override;
  void quote(PathwayOption option, std::uint8_t index, std::uint32_t id, std::vector<Quote>& out) override;
  bool take(const Quote& q, std::uint32_t id) override { return try_specialty(id, q.provider, q.sub, q.seconds); }
  void handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) override;
  /** For a care type with a specialty: the nearest hospital that has it. */
  const Reach* reference(std::size_t commune, const CareType& ct) const override;
  void utilisation(UtilisationRows& rows) const override;

private:
  enum Kind : std::uint32_t { kEdArrive, kEdEnd };
  bool try_specialists(std::uint32_t id);
  bool try_specialty(std::uint32_t id, std::uint32_t hospital, std::size_t specialty, double seconds);
  bool try_emergency(std::uint32_t id);
  void ed_arrive(std::uint32_t hospital, std::uint32_t id);
  void start_emergency(std::uint32_t hospital, std::uint32_t id);

  const WeeklyCalendar always_ = WeeklyCalendar::always();
  std::vector<std::vector<AppointmentBook>> specialty_books_;  // per hospital, per specialty
  std::vector<WalkInQueue> ed_queues_;                         // per hospital (unused without an ED)
  std::vector<std::uint32_t> ed_hospital_;  // hospitals with an emergency department (ed_reach_ indices)
  ReachTable reach_, ed_reach_;
  std::map<std::string, ReachTable> specialty_nearest_;  // per specialty a care type names
};

}  // namespace maillage
