#pragma once
// Tele-expertise (télé-expertise) as a service: a case handed on by the professional who
// saw the patient (a practice, a bus stop) is uploaded over that site's line to the care
// type's specialist pool; after the specialist's delay the case is opened, and the answer
// comes then, or, when the care type gives a `reading` time, once one of the pool's
// specialists has read it: readings queue first come first served for the pool's doctors,
// within its hours. The patient never travels to the specialist.
#include <cstdint>
#include <vector>

#include "engine/random_stream.hpp"
#include "models/service.hpp"
#include "models/walk_in_queue.hpp"

namespace maillage {

class TeleExpertiseService : public Service {
public:
  explicit TeleExpertiseService(Simulation& sim);

  /** The case of an episode whose `site` is the network site it leaves from and
   *  `seen_in` the commune the patient was seen in. */
  void receive(std::uint32_t id) override;
  void handle(std::uint32_t kind, std::uint32_t target, std::uint64_t data) override;
  void start() override;
  /** The pools whose specialists read: their doctors' time (the remote care service
   *  leaves these pools' rows to this one). */
  void utilisation(UtilisationRows& rows) const override;

private:
  enum Kind : std::uint32_t { kUploaded, kAnswer, kOpened, kRead, kPoolChange };
  /** The specialists of a pool that reads, and what their readings took. */
  struct Readers {
    std::uint32_t pool = 0;
    WalkInQueue queue;
    RandomStream rng;  ///< reading times, in the order readings start
    std::uint64_t readings = 0;  ///< started within the measured period
    double wait_seconds = 0;     ///< their time in the queue, from opening to reading
  };
  void open_case(std::uint32_t id);
  void start_reading(Readers& r, std::uint32_t id);
  void answer(std::uint32_t id);

  std::vector<Readers> readers_;
  std::vector<int> reader_of_;  ///< per pool: index in readers_, -1 when it does not read
};

}  // namespace maillage
