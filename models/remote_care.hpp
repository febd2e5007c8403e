#pragma once
// Teleconsultation as a service of the pathway: cabins, kiosks and suitcases (and EHPAD
// carts, for their residents), teleconsultation from home, and the remote pools whose
// doctors consult over the network. A session is two flows, site to pool and back, sharing
// the lines with every other flow; it is degraded below the video rate and fails below the
// minimum.
#include <cstdint>
#include <vector>

#include "engine/flow_model.hpp"
#include "models/reach_table.hpp"
#include "models/service.hpp"
#include "models/walk_in_queue.hpp"

namespace maillage {

class RemoteCare : public Service {
public:
  explicit RemoteCare(Simulation& sim);

  std::vector<PathwayOption> options() const override { return {PathwayOption::Cabin, PathwayOption::HomeRemote}; }
  bool offer(PathwayOption option, std::uint32_t id) override;
  void quote(PathwayOption option, std::uint8_t index, std::uint32_t id, std::vector<Quote>& out) override;
  bool take(const Quote& q, std::uint32_t id) override { return try_cabin(id, q.provider, q.seconds); }
  void handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) override;
  void start() override;
  void utilisation(UtilisationRows& rows) const override;

private:
  enum Kind : std::uint32_t { kCabinArrive, kCabinChange, kPoolChange, kSessionProbe, kSessionEnd, kRenege };
  /** A video teleconsultation in progress: two flows, site to pool and back. */
  struct Session {
    std::uint32_t episode = 0, pool = 0;
    std::uint64_t serial = 0;  ///< stale probe/end events of a reused slot are ignored
    FlowModel::Flow up = 0, down = 0;
    double start = 0.0, latency = 0.0;
    std::uint16_t technology = 0;  ///< the patient's site's, as the session started
    bool alive = false;
  };
  /** Sessions of a cabin or a pool and, for the degraded or failed ones, which way and on
   *  which technology the worse direction was. */
  struct SessionCount {
    std::uint64_t sessions = 0, degraded = 0, failed = 0;
    double video_bps = 0;  ///< the highest rate the sessions asked
    std::vector<std::uint64_t> limited;  ///< [direction (0 upload, 1 download) x technology]
  };

  bool try_cabins(std::uint32_t id);
  bool try_cabin(std::uint32_t id, std::uint32_t cabin, double seconds);
  bool try_home(std::uint32_t id);
  void cabin_arrive(std::uint32_t cabin, std::uint32_t id);
  void enter_cabin(std::uint32_t cabin, std::uint32_t id);
  void leave_cabin(std::uint32_t cabin, double since);
  void request_pool(std::uint32_t pool, std::uint32_t id);
  void start_session(std::uint32_t pool, std::uint32_t id);
  /** Mean delivered rates since the session started, bits/s: from the site, to it. */
  struct Rates {
    double up, down;
    double worse() const { return up < down ? up : down; }
  };
  Rates session_rates(const Session& s);
  /** Counts a session ending, in measured time: `limited` when degraded or failed. */
  void count_session(const Session& s, const Rates& r, bool degraded, bool failed);
  UtilisationDetail detail(const SessionCount& c) const;
  void probe_session(std::uint32_t slot, std::uint64_t serial);
  void end_session(std::uint32_t slot, std::uint64_t serial);
  /** Frees the session's doctor and cabin, and lets the next ones in. */
  void close_session(std::uint32_t slot);

  std::vector<WalkInQueue> cabin_queues_;  // one place per cabin
  std::vector<WalkInQueue> pool_queues_;   // the pools' doctors
  ReachTable reach_;
  std::vector<SessionCount> cabin_sessions_, pool_sessions_;
  std::vector<bool> pool_reads_;  ///< its rows belong to tele-expertise (its specialists read)
  std::vector<Session> sessions_;
  std::vector<std::uint32_t> free_sessions_;
  std::uint64_t next_serial_ = 1;
};

}  // namespace maillage
