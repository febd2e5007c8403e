#pragma once
// A kind of care need (gp_acute, ophthalmology screening...): how often it arises, how
// long and how far a patient will go for it, and the pathway of options tried in order.
#include <string>
#include <vector>

#include "engine/distribution.hpp"

namespace maillage {

/** The options a pathway can list (SPEC.md "Pathway options"). */
enum class PathwayOption { OwnGp, AnyGp, Hotline, Cabin, HomeRemote, Bus, TeleExpertise, Hospital, Ed };

/** The YAML/CSV name of an option ("own_gp"...). */
const char* to_string(PathwayOption o);
/** Parses a name; false when unknown. */
bool parse_pathway_option(const std::string& name, PathwayOption& out);
/** All names, in SPEC order. */
std::vector<std::string> pathway_option_names();

/** Tele-expertise (télé-expertise): the local professional sends the case to a specialist
 *  pool, who answers after a delay; the patient never travels to the specialist. */
struct TeleExpertise {
  int pool = -1;            ///< index in the scenario's remote pools; -1: none
  double upload_bytes = 0;  ///< the case: images, documents
  Distribution delay;       ///< from the upload's arrival to the specialist opening the case
  /** The specialist's time on the case, taken from the pool's doctors (FIFO, in the pool's
   *  hours); without it the answer comes when the case is opened and takes nobody's time. */
  bool has_reading = false;
  Distribution reading;
};

/** A care type's name as a person reads it, per report language (the YAML `label:`); an
 *  empty one falls back to the other language's, then to the key. */
struct CareTypeLabel {
  std::string en, fr;
};

struct CareType {
  std::string name;
  double rate = 0.0;         ///< episodes per inhabitant (or resident) per second
  bool residents = false;    ///< a need of EHPAD residents, not of the communes' inhabitants
  std::string specialty;     ///< for the `hospital` option: the specialty that sees it
  /** The commune of the in-person provider that care served remotely would otherwise take
   *  the patient to (the YAML `reference:`); -1: the nearest practice (no specialty) or the
   *  nearest hospital with the specialty. The reference of travel avoided and detour. */
  long reference = -1;
  bool unscheduled = false;  ///< same-day needs (soins non programmés)
  double max_wait = 0.0;     ///< seconds from the need to the consultation's start
  double max_travel = 0.0;   ///< one-way seconds the patient accepts to drive
  Distribution duration;     ///< consultation length
  bool has_patience = false; ///< patients leave a walk-in queue after their patience
  Distribution patience;     ///< how long a patient queues at a walk-in site before leaving
  /** Booked ahead: the time from the request to the earliest date the patient takes (a
   *  check-up due in months, a practice that gives new patients no slot before some weeks).
   *  The request is booked then, and its wait counts from the request. */
  bool has_lead_time = false;
  Distribution lead_time;
  double remote_share = 0.0; ///< share of needs that remote care can serve
  double video_bps = 1.5e6;  ///< video rate a teleconsultation asks, each way
  double video_min_bps = 0.5e6;  ///< below it the session fails
  int home_pool = -1;        ///< remote pool for teleconsultation from home; -1: none
  TeleExpertise tele_expertise;
  std::vector<PathwayOption> pathway;
  /** How the patient chooses: false, the first feasible option in pathway order; true, the
   *  cheapest feasible place (of own_gp, any_gp, cabin, hospital) by generalised cost:
   *  cost_travel_min per minute of round trip + cost_wait_day per day of wait. */
  bool cost_choice = false;
  double cost_travel_min = 1.0, cost_wait_day = 0.0;
  // Cold, read by the reports only: last, after the fields the simulation reads.
  CareTypeLabel label;
};

/** The longest max_wait of the care types (seconds): how far past the horizon a need of the
 *  period may be booked. */
double longest_max_wait(const std::vector<CareType>& care_types);

}  // namespace maillage
