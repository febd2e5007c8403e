#include <catch2/catch.hpp>

#include "engine/agenda.hpp"
#include "engine/random_stream.hpp"

#include <cmath>
#include <iterator>
#include <limits>
#include <set>
#include <utility>

using namespace maillage;

namespace {
/** An agenda and the ordered set of (time, insertion) it must pop as, pushed alike. */
struct Mirrored {
  Agenda a;
  std::set<std::pair<double, std::uint32_t>> ref;
  std::uint32_t next = 0;
  void push(double t) {
    a.push(t, 0, next);
    ref.insert({t, next++});
  }
  /** What Loir-et-Cher pushes after an event at `now`: the source's next arrival, at times
   *  events at once and soon (the current bucket), now and then a clump of hundreds of walk-in
   *  patients at the next opening. Returns the uniform that chose. */
  double push_after(double now, RandomStream& rng) {
    const double u = rng.uniform();
    push(now + std::floor(rng.exponential(3600.0)));            // the source's next arrival
    if (u < 0.3) push(now);                                     // at once: the current bucket
    if (u < 0.3) push(now + std::floor(rng.uniform() * 60.0));  // soon: often the current bucket
    if (u < 0.02) {                                             // a clump at the next opening
      const double opens = (std::floor(now / 86400.0) + 1.0) * 86400.0 + 28800.0;
      const int n = 1 + static_cast<int>(rng.below(400));
      for (int k = 0; k < n; ++k) push(opens);
    }
    return u;
  }
};
}  // namespace

TEST_CASE("agenda pops events in time order and ties in insertion order", "[engine]") {
  Agenda a;
  a.push(5.0, 1, 0);
  a.push(1.0, 2, 0);
  a.push(5.0, 3, 0);
  a.push(0.5, 4, 0);
  a.push(5.0, 5, 0);
  std::vector<std::uint32_t> kinds;
  while (!a.empty()) kinds.push_back(a.pop().kind);
  CHECK(kinds == std::vector<std::uint32_t>{4, 2, 1, 3, 5});
}

TEST_CASE("agenda stays ordered under a random mix of pushes and pops", "[engine]") {
  Agenda a;
  RandomStream rng(7, 1, "agenda-test");
  double last = -1;
  std::uint64_t popped = 0;
  for (int i = 0; i < 100000; ++i) {
    // Schedule in the future of the last popped time, as a simulation does.
    a.push(std::max(last, 0.0) + rng.exponential(10.0), 0, static_cast<std::uint32_t>(i), static_cast<std::uint64_t>(i));
    if (rng.uniform() < 0.45 && !a.empty()) {
      const Event e = a.pop();
      REQUIRE(e.time >= last);
      last = e.time;
      ++popped;
    }
  }
  while (!a.empty()) {
    const Event e = a.pop();
    REQUIRE(e.time >= last);
    last = e.time;
    ++popped;
  }
  CHECK(popped == 100000);
}

TEST_CASE("agenda matches a sorted reference under pushes pops and peeks with many ties", "[engine]") {
  // The agenda settles a pop lazily (the next push may fill the root's slot): whatever the
  // mix of operations, it must pop exactly what an ordered set of (time, insertion) pops.
  Agenda a;
  std::set<std::pair<double, std::uint32_t>> ref;
  RandomStream rng(11, 1, "agenda-reference");
  std::uint32_t next = 0;
  double now = 0;
  for (int i = 0; i < 200000; ++i) {
    const double u = rng.uniform();
    if (u < 0.5 || ref.empty()) {
      const double t = now + std::floor(rng.uniform() * 20.0);  // coarse times: many ties
      a.push(t, 0, next);
      ref.insert({t, next++});
    } else if (u < 0.9) {
      const Event e = a.pop();
      REQUIRE(std::make_pair(e.time, e.target) == *ref.begin());
      ref.erase(ref.begin());
      now = e.time;
    } else {
      REQUIRE(std::make_pair(a.top().time, a.top().target) == *ref.begin());
    }
    REQUIRE(a.size() == ref.size());
    REQUIRE(a.empty() == ref.empty());
  }
}

TEST_CASE("agenda of many events spread over time buckets pops as a sorted reference", "[engine]") {
  // Beyond Agenda::kSpill events the agenda keeps later buckets unsorted in a ring and the
  // farthest in a second heap: the order must still be (time, insertion), with ties, events
  // far past the ring, events at the current instant and events at the end of time.
  Agenda a;
  std::set<std::pair<double, std::uint32_t>> ref;
  RandomStream rng(13, 1, "agenda-buckets");
  std::uint32_t next = 0;
  double now = 0;
  auto push = [&](double t) {
    a.push(t, 0, next);
    ref.insert({t, next++});
  };
  // 20,000 sources with very different rates, each holding its next event, as demand does.
  std::vector<double> gap;
  for (int s = 0; s < 20000; ++s) gap.push_back(std::pow(10.0, 1 + 5 * rng.uniform()));
  for (double g : gap) push(std::floor(rng.exponential(g)));  // whole seconds: ties
  push(std::numeric_limits<double>::infinity());
  CHECK(!a.bucketed());
  int seconds = 0;
  for (int i = 0; i < 300000; ++i) {
    const double u = rng.uniform();
    if (u < 0.02) {
      REQUIRE(std::make_pair(a.top().time, a.top().target) == *ref.begin());
      continue;
    }
    if (u < 0.2) {  // the hint of the event after next, when there is one, is that event
      a.top();
      if (const Event* s = a.second()) {
        REQUIRE(std::make_pair(s->time, s->target) == *std::next(ref.begin()));
        ++seconds;
      }
    }
    const Event e = a.pop();
    REQUIRE(std::make_pair(e.time, e.target) == *ref.begin());
    ref.erase(ref.begin());
    now = e.time;
    if (u < 0.05) push(now);                                  // at once
    if (u < 0.06) push(now + 1e9 * rng.uniform());            // far past the ring
    if (!std::isinf(now)) push(now + std::floor(rng.exponential(gap[rng.below(gap.size())])));
    REQUIRE(a.size() == ref.size());
  }
  CHECK(a.bucketed());
  // The hint is only looked for in the current bucket: here buckets are 1 s wide (sized
  // from the first, densest events), so it is there about a quarter of the times asked.
  CHECK(seconds > 10000);
  while (!ref.empty()) {
    const Event e = a.pop();
    REQUIRE(std::make_pair(e.time, e.target) == *ref.begin());
    ref.erase(ref.begin());
  }
  CHECK(a.empty());
}

TEST_CASE("agenda of many events at one instant stays a single heap and ordered", "[engine]") {
  Agenda a;
  for (std::uint32_t i = 0; i < 3 * Agenda::kSpill; ++i) a.push(5.0, 0, i);
  for (std::uint32_t i = 0; i < 3 * Agenda::kSpill; ++i) {
    const Event e = a.pop();
    REQUIRE(e.target == i);
    if (i % 2 == 0) a.push(5.0, 0, 3 * Agenda::kSpill + i);
  }
  CHECK(!a.bucketed());
  std::uint32_t last = 0;
  while (!a.empty()) {
    const Event e = a.pop();
    REQUIRE(e.target > last);
    last = e.target;
  }
}

TEST_CASE("the agenda's hint of the event after next is that event or nothing", "[engine]") {
  // A single heap (few events, as the examples): second() after top() is the ordered set's
  // second element whenever the heap holds two events or more.
  Agenda a;
  std::set<std::pair<double, std::uint32_t>> ref;
  RandomStream rng(19, 1, "agenda-second");
  std::uint32_t next = 0;
  double now = 0;
  for (int i = 0; i < 100000; ++i) {
    if (rng.uniform() < 0.5 || ref.empty()) {
      const double t = now + std::floor(rng.uniform() * 10.0);  // ties
      a.push(t, 0, next);
      ref.insert({t, next++});
    } else {
      const Event e = a.pop();
      REQUIRE(std::make_pair(e.time, e.target) == *ref.begin());
      ref.erase(ref.begin());
      now = e.time;
    }
    if (ref.empty()) continue;
    a.top();
    const Event* s = a.second();
    REQUIRE((s != nullptr) == (ref.size() >= 2));
    if (s) REQUIRE(std::make_pair(s->time, s->target) == *std::next(ref.begin()));
  }
}

TEST_CASE("agenda with clumps at one instant and pushes into the current bucket pops as a sorted reference", "[engine]") {
  // As Loir-et-Cher's walk-in patients waiting for a practice to open: hundreds of events at
  // one instant, pushed ahead, among sources' arrivals. A bucket that comes is a sorted run,
  // events pushed into it afterwards a heap: pops, peeks and the hint must follow the
  // ordered set across both, ties included.
  Mirrored m;
  Agenda& a = m.a;
  auto& ref = m.ref;
  RandomStream rng(23, 1, "agenda-clumps");
  for (int s = 0; s < 1500; ++s) m.push(std::floor(rng.exponential(3600.0)));
  int seconds = 0, from_both = 0;
  for (int i = 0; i < 200000; ++i) {
    const Event e = a.pop();
    REQUIRE(std::make_pair(e.time, e.target) == *ref.begin());
    ref.erase(ref.begin());
    m.push_after(e.time, rng);
    while (ref.size() > 3000) {  // keep it about Loir-et-Cher's size
      const Event f = a.pop();
      REQUIRE(std::make_pair(f.time, f.target) == *ref.begin());
      ref.erase(ref.begin());
    }
    REQUIRE(std::make_pair(a.top().time, a.top().target) == *ref.begin());
    if (const Event* s = a.second()) {
      REQUIRE(std::make_pair(s->time, s->target) == *std::next(ref.begin()));
      ++seconds;
      if (s->time == a.top().time && s->target > a.top().target + 1) ++from_both;
    }
    REQUIRE(a.size() == ref.size());
  }
  CHECK(a.bucketed());
  CHECK(seconds > 100000);
  CHECK(from_both > 0);
  while (!ref.empty()) {
    const Event e = a.pop();
    REQUIRE(std::make_pair(e.time, e.target) == *ref.begin());
    ref.erase(ref.begin());
  }
  CHECK(a.empty());
}

TEST_CASE("agenda next and pop_next follow a sorted reference from the run and from the heap", "[engine]") {
  // The run loop's pair (Kernel::run): next() peeks and remembers whether the run or the heap
  // holds the event, pop_next() takes it. Mixed with plain pops and pushes, across the
  // spill into buckets (the first pop_next of 1,500 pending events), clumps and the empty end.
  Mirrored m;
  Agenda& a = m.a;
  auto& ref = m.ref;
  CHECK(a.next() == nullptr);
  RandomStream rng(29, 1, "agenda-next");
  for (int s = 0; s < 1500; ++s) m.push(std::floor(rng.exponential(3600.0)));
  int from_heap = 0;
  for (int i = 0; i < 100000; ++i) {
    const Event* top = a.next();
    REQUIRE(top != nullptr);
    REQUIRE(std::make_pair(top->time, top->target) == *ref.begin());
    const Event e = rng.uniform() < 0.8 ? a.pop_next() : a.pop();
    REQUIRE(std::make_pair(e.time, e.target) == *ref.begin());
    ref.erase(ref.begin());
    // An event at once lands in the current bucket's heap, after its run.
    if (m.push_after(e.time, rng) < 0.3 && a.next() && a.next()->time == e.time) ++from_heap;
  }
  CHECK(a.bucketed());
  CHECK(from_heap > 1000);
  while (const Event* top = a.next()) {
    REQUIRE(std::make_pair(top->time, top->target) == *ref.begin());
    const Event e = a.pop_next();
    REQUIRE(e.target == top->target);
    ref.erase(ref.begin());
  }
  CHECK(ref.empty());
  CHECK(a.empty());
}

TEST_CASE("agenda buckets widen with the events pending so that the ring holds most sources", "[engine]") {
  // France: 70,000 demand sources, each holding its next arrival. Buckets of a few events
  // would span a few minutes of the ring and push most arrivals past it, into the far heap
  // (a heap again, and a slower one): with 20,000 sources the ring must hold most of them.
  Agenda a;
  RandomStream rng(29, 1, "agenda-sources");
  std::vector<double> gap;
  for (int s = 0; s < 20000; ++s) gap.push_back(std::pow(10.0, 1 + 5 * rng.uniform()));
  for (std::uint32_t s = 0; s < gap.size(); ++s) a.push(rng.exponential(gap[s]), 0, s);
  double last = 0;
  for (int i = 0; i < 300000; ++i) {
    const Event e = a.pop();
    REQUIRE(e.time >= last);
    last = e.time;
    a.push(e.time + rng.exponential(gap[e.target]), 0, e.target);
  }
  CHECK(a.bucketed());
  CHECK(a.size() == gap.size());
  CHECK(a.beyond_ring() < a.size() * 2 / 5);  // 25% here; 57% with buckets of 16 events
}

TEST_CASE("agenda buckets of hundreds of events with ties pop as a sorted reference", "[engine]") {
  // France's buckets hold about a thousand events and are sorted by counting on the time
  // (sort_run): distinct times may share a key, equal times must stay in insertion order.
  // Sources as in the test above, 20,000 of them (buckets of about 300 events), against the
  // ordered set.
  Mirrored m;
  RandomStream rng(31, 1, "agenda-counting");
  std::vector<double> gap;
  for (int s = 0; s < 20000; ++s) gap.push_back(std::pow(10.0, 1 + 4 * rng.uniform()));
  std::vector<std::uint32_t> source;  // by insertion number
  for (std::uint32_t s = 0; s < gap.size(); ++s) {
    source.push_back(s);
    m.push(std::floor(rng.exponential(gap[s])));
  }
  // Half the sources on whole seconds (equal times), half anywhere (distinct times that
  // share a key, which only the insertion pass puts in order).
  auto next_time = [&](double now, std::uint32_t s) {
    const double t = now + rng.exponential(gap[s]);
    return s % 2 ? t : std::floor(t);
  };
  int ties = 0;
  double last = -1;
  for (int i = 0; i < 400000; ++i) {
    const Event e = m.a.pop();
    REQUIRE(std::make_pair(e.time, e.target) == *m.ref.begin());
    m.ref.erase(m.ref.begin());
    ties += e.time == last;
    last = e.time;
    const std::uint32_t s = source[e.target];
    source.push_back(s);
    m.push(next_time(e.time, s));
  }
  CHECK(m.a.bucketed());
  CHECK(ties > 10000);
}
