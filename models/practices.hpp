#pragma once
// GP practices (cabinets, MSPs, centres de santé) as a service of the pathway: the
// médecin traitant (own_gp), any practice that takes the patient (any_gp), and the local
// consultation of tele-expertise, whose case then goes to the "tele_expertise" service.
// Appointment practices book the earliest free slot; walk-in ones are queues.
#include <cstdint>
#include <vector>

#include "models/appointment_book.hpp"
#include "models/free_slot_index.hpp"
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
  /** Tests only: walk every entry of a reach row without the free-slot index's bounds,
   *  the reference whose outcomes the index must reproduce exactly. */
  static inline bool exhaustive_search = false;
  /** The commune's nearest practice, for every care type (GP care). */
  const Reach* reference(std::size_t commune, const CareType& ct) const override;
  void utilisation(UtilisationRows& rows) const override;

private:
  enum Kind : std::uint32_t { kArrive, kEnd, kHoursChange, kRenege };
  /** Offers the episode to a practice; true when it took it (booked, or on its way). */
  bool try_practice(std::uint32_t id, std::uint32_t practice, double seconds, const Trip* trip = nullptr);
  bool try_any(std::uint32_t id);
  bool try_tele_expertise(std::uint32_t id);
  /** Whether the practice sees this patient: open to new patients, or their own (a
   *  practice closed to new patients sees only those whose médecin traitant it is). */
  bool sees(std::uint32_t p, const Episode& ep) const {
    return diaries_[p].new_patients || (ep.has_own_gp && own_gp(ep).provider == p);
  }
  /** The practice of the patient's médecin traitant: their panel's, else the commune's nearest. */
  const Reach& own_gp(const Episode& ep) const;
  /** When the practice could see the patient (without booking). */
  double start_time(std::uint32_t practice, const Episode& ep, double seconds) const;
  void arrive(std::uint32_t practice, std::uint32_t id);
  void consult(std::uint32_t practice, std::uint32_t id);

  std::vector<AppointmentBook> books_;  // per practice (unused for walk-in ones)
  std::vector<WalkInQueue> queues_;     // per practice (unused for appointment ones)
  ReachTable reach_;
  /** What the row scans read of a practice, packed (one cache line for three). */
  struct Diary {
    double free_from = 0.0;  ///< AppointmentBook::free_from()
    /** The hours' next opening from free_from: no consultation starts before it when one
     *  fits in the practice's longest opening (fit_length_). */
    double opens = 0.0;
    /** opens for an appointment practice open to new patients, else -infinity: what the
     *  free-slot index bounds (a block with anything else in it is always walked). */
    double key = 0.0;
    bool appointment = false, new_patients = false;
  };
  std::vector<Diary> diaries_;
  /** Refreshes diaries_[p] after a booking. */
  void refresh(std::uint32_t p);
  /** Whether a consultation of length d fits in an opening of every appointment practice:
   *  then a diary whose `opens` is past a deadline has no slot before it (else the calendar
   *  search might find no fit at all, a capacity refusal, not too_long). */
  bool bounded(double d) const { return d <= fit_length_ && !exhaustive_search; }
  double fit_length_ = 0.0;
  /** Per (commune, care type): the row entries within max_travel, and a lower bound of
   *  the keys of all of them (-infinity until the row has been walked to its end). A need
   *  whose deadline falls before it is refused at once, as trying each would conclude. */
  struct Row {
    std::uint32_t end = 0;
    double bound = 0.0;
  };
  std::vector<Row> rows_;
  FreeSlotIndex index_;  ///< over reach_'s rows, cut at each care type's end
};

}  // namespace maillage
