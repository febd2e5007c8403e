#pragma once
// One care need of one patient. Plain data kept in a pool, never an actor: a
// département-year has millions of them. It ends served or unserved, never lost.
#include <cstdint>

namespace maillage {

/** Why an episode ended without care, from the farthest from care to the closest: when
 *  several options failed, the reason reported is the closest one. `too_long` is closest:
 *  some provider would have seen the patient, only too late; `capacity` means a provider in
 *  reach had nothing left at all (a walk-in site full until it closed). */
enum class UnservedReason : std::uint8_t { None = 0, TooFar, Network, Capacity, TooLong };

const char* to_string(UnservedReason r);

/** How the episode is being served, once an option took it. */
enum class Mode : std::uint8_t { InPerson, Cabin, Home, TeleExpertise, Emergency };

struct Episode {
  double arose = 0.0;         ///< when the need arose (s)
  double duration = 0.0;      ///< consultation length drawn when it arose (s)
  double delay = 0.0;         ///< tele-expertise: the specialist's delay, drawn when it arose
  double since = 0.0;         ///< when it took its current place (cabin entered, consultation started)
  double patience = 0.0;      ///< how long it will queue at a walk-in site, drawn when it arose
  std::uint32_t ticket = 0;   ///< its place in a queue, so that a stale departure is ignored
  std::uint32_t commune = 0;  ///< where the patient lives
  std::uint16_t care_type = 0;
  std::uint8_t next_option = 0;  ///< index in the care type's pathway of the next option to try
  UnservedReason closest = UnservedReason::None;
  std::uint8_t taken_option = 0;  ///< index of the option that took it (to retry after a turn-away)
  Mode mode = Mode::InPerson;
  bool has_own_gp = false;
  bool remote_ok = false;    ///< remote care can serve this need (drawn from remote_share)
  bool turned_away = false;  ///< sent away by a walk-in site: walk-in sites are no longer tried
  bool queued = false;       ///< waiting in a walk-in queue (practice or cabin)
  bool counted = false;   ///< arose after the warm-up, so it counts in the measures
  bool mobile = false;    ///< tele-expertise: the patient was seen at a mobile unit's stop
  /** The provider it is queuing at or travelling to; for tele-expertise, the network site
   *  (AccessLinks) the case is sent from. */
  std::uint32_t site = 0;
  std::uint32_t seen_in = 0;  ///< tele-expertise: the commune where the patient was seen
  std::int32_t ehpad = -1; ///< the EHPAD the patient lives in; -1: at home
  /** With panels (models/panels.hpp): the patient's registration, an index into the
   *  simulation's panel entries; max: the commune's nearest practice (per-need draw). */
  std::uint32_t gp = UINT32_MAX;
  /** Booked ahead (a care type's lead_time): seconds from the request (arose) to the date
   *  it is booked for; the weekly series counts it in that week. In the tail padding. */
  float lead = 0.0f;
};

}  // namespace maillage
