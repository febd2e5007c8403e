#pragma once
// GP practices (cabinets, MSPs, centres de santé) as a service of the pathway: the
// médecin traitant (own_gp), any practice that takes the patient (any_gp), and the local
// consultation of tele-expertise, whose case then goes to the "tele_expertise" service.
// Appointment practices book the earliest free slot; walk-in ones are queues.
#include <cstdint>
#include <deque>
#include <vector>

#include "models/appointment_book.hpp"
#include "models/reach_table.hpp"
#include "models/service.hpp"
#include "models/walk_in_queue.hpp"

namespace maillage {

class Practices : public Service {
public:
  explicit Practices(Simulation& sim);

  std::vector<PathwayOption> options() const override;
  bool offer(PathwayOption option, std::uint32_t id) override;
  void quote(PathwayOption option, std::uint8_t index, std::uint32_t id, std::vector<Quote>& out) override;
  bool take(const Quote& q, std::uint32_t id) override;
  void handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) override;
  void start() override;
  /** The commune's nearest practice, for every care type (GP care). */
  const Reach* reference(std::size_t commune, const CareType& ct) const override;
  void utilisation(UtilisationRows& rows) const override;
  void prefetch(std::size_t commune, std::uint16_t care_type, bool early) const override;

private:
  enum Kind : std::uint32_t { kArrive, kEnd, kHoursChange, kRenege };
  /** Offers the episode to a practice; true when it took it (booked, or on its way). */
  bool try_practice(std::uint32_t id, std::uint32_t practice, double seconds, const Trip* trip = nullptr);
  bool try_any(std::uint32_t id);
  bool try_tele_expertise(std::uint32_t id);
  /** Whether the practice sees this patient: open to new patients, or their own (a
   *  practice closed to new patients sees only those whose médecin traitant it is). */
  bool sees(std::uint32_t p, const Episode& ep) const {
    return hot_[p].new_patients || (ep.has_own_gp && own_gp(ep).provider == p);
  }
  /** The practice of the patient's médecin traitant: their panel's, else the commune's nearest. */
  const Reach& own_gp(const Episode& ep) const;
  /** When the practice could see the patient (without booking). */
  double start_time(std::uint32_t practice, const Episode& ep, double seconds) const;
  void arrive(std::uint32_t practice, std::uint32_t id);
  void consult(std::uint32_t practice, std::uint32_t id);

  /** Books a slot of practice p's book and keeps its packed free time up to date. */
  void book(std::uint32_t p, const AppointmentBook::Slot& slot, double d);

  /** The distinct opening hours of the practices, which their books share: in France one
   *  week for 8,000 practices, in cache instead of a copy of it per practice. */
  std::deque<WeeklyCalendar> hours_;
  std::vector<AppointmentBook> books_;  // per practice (unused for walk-in ones)
  std::vector<WalkInQueue> queues_;     // per practice (unused for appointment ones)
  ReachTable reach_;
  /** What a row scan reads of each practice, packed (16 bytes) so that a walk over a
   *  commune's row stays within a small array instead of touching every book. */
  struct Hot {
    double free_from = kNever;  ///< books_[p].free_from(), kept equal at each booking
    std::uint32_t commune = 0;  ///< where it is: a booking ends served there (the scenario's record is a cache miss)
    bool new_patients = false;
    bool appointment = false;  ///< books appointments (else a walk-in queue)
  };
  std::vector<Hot> hot_;
  /** A full territory refused in O(1): per (commune, care type), a lower bound of when the
   *  diaries within max_travel are first free (kept where they all book appointments for
   *  new patients, so that each would refuse in the same way); a need whose deadline falls
   *  before it is refused at once, as trying each practice would conclude. */
  struct Row {
    std::uint32_t end = 0;   ///< row entries within the care type's max_travel
    bool uniform = false;    ///< all appointment practices open to new patients
    double free_from = 0.0;  ///< no diary of the row free before it
  };
  std::vector<Row> rows_;
  /** What an arrival reads of its commune first, in one cache line rather than three (a
   *  copy of reach_'s): the bounds of its row, its nearest practice and the trip from it. */
  struct alignas(64) Local {
    std::uint32_t begin = 0, end = 0;
    Reach nearest{kNoProvider, 0.0f, 0.0f};
    Trip nearest_trip;
  };
  std::vector<Local> local_;
  const Reach* row_begin(std::size_t c) const { return reach_.items.data() + local_[c].begin; }
  const Reach* row_end(std::size_t c) const { return reach_.items.data() + local_[c].end; }
};

}  // namespace maillage
