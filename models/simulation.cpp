#include "models/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/stable_sort.hpp"
#include "models/accessibility.hpp"
#include "models/buses.hpp"
#include "models/hospitals.hpp"
#include "models/hotlines.hpp"
#include "models/practices.hpp"
#include "models/remote_care.hpp"
#include "models/tele_expertise_service.hpp"

namespace maillage {
namespace {
std::vector<std::string> care_type_names(const Scenario& sc) {
  std::vector<std::string> names;
  for (const auto& ct : sc.care_types) names.push_back(ct.name);
  return names;
}
constexpr std::size_t kOptions = static_cast<std::size_t>(PathwayOption::Ed) + 1;
// How long past the horizon the needs still under way may take to end; one still under
// way then (a queue that never opens again) is counted in progress.
constexpr double kDrainLimit = 365 * kDay;
}  // namespace

static_assert(sizeof(RandomStream) + sizeof(double) <= 64, "a demand source no longer fits one cache line");

template <class S>
void Simulation::add() {
  services_.push_back(std::make_unique<S>(*this));
  Service& s = *services_.back();
  s.set_index(static_cast<std::uint32_t>(services_.size() - 1));
  for (PathwayOption o : s.options()) by_option_[static_cast<std::size_t>(o)] = &s;
}

Simulation::Simulation(const Scenario& sc, std::uint64_t seed, int replication)
    : sc_(sc), seed_(seed), replication_(replication), kernel_(*this),
      measures_(sc.communes.size(), care_type_names(sc)), series_(sc.horizon, care_type_names(sc)), links_(sc, kernel_) {
  // Sources of needs: every (commune, care type), then every (EHPAD, care type); a care
  // type arises among inhabitants or among residents.
  const std::size_t n_c = sc.communes.size(), n_ct = sc.care_types.size();
  auto source = [&](const std::string& name, double people, const CareType& ct, bool residents) {
    // Streams are named, not numbered: adding a commune or a care type leaves the others'
    // draws unchanged, which keeps plans on common random numbers.
    const double rate = ct.residents == residents ? people * ct.rate : 0.0;
    sources_.push_back(Source{RandomStream(seed, static_cast<std::uint64_t>(replication), "demand/" + name + "/" + ct.name),
                              rate > 0 ? 1.0 / rate : 0.0});
  };
  for (std::size_t c = 0; c < n_c; ++c)
    for (std::size_t k = 0; k < n_ct; ++k) source(sc.communes[c].insee, sc.communes[c].population, sc.care_types[k], false);
  for (const auto& e : sc.ehpads)
    for (std::size_t k = 0; k < n_ct; ++k) source("ehpad/" + e.id, e.residents, sc.care_types[k], true);
  hints_ = sources_.size() >= kHintSources;
  without_gp_.assign(sc.communes.size(), sc.without_gp_share);
  for (const auto& [c, share] : sc.without_gp_by_commune) without_gp_[c] = share;
  for (const auto& ct : sc.care_types) reach_limit_ = std::max(reach_limit_, ct.max_travel);
  if (sc.panels) panels_ = Panels::allocate(sc, reach_limit_);

  // The services, in the order their utilisation rows are written. A new kind of care is
  // one more line here.
  by_option_.assign(kOptions, nullptr);
  add<Practices>();
  add<RemoteCare>();
  add<Hospitals>();
  add<Buses>();
  add<Hotlines>();
  add<TeleExpertiseService>();

  // The in-person reference of each care type, once: a place the scenario states, or the
  // nearest provider of the service that gives that care in person.
  reference_.assign(n_c * n_ct, Reach{kNoProvider, 0, 0});
  for (std::size_t k = 0; k < n_ct; ++k) {
    const CareType& ct = sc.care_types[k];
    for (std::size_t c = 0; c < n_c; ++c) {
      Reach& ref = reference_[c * n_ct + k];
      if (ct.reference >= 0) {
        const Trip t = sc.roads->trip(static_cast<std::size_t>(ct.reference), c);
        if (std::isfinite(t.seconds)) ref = Reach{0, static_cast<float>(t.seconds), static_cast<float>(t.metres)};
        continue;
      }
      for (const auto& s : services_)
        if (const Reach* r = s->reference(c, ct)) {
          ref = *r;
          break;
        }
    }
  }
}

Simulation::~Simulation() = default;

std::uint32_t Simulation::new_episode() {
  if (!free_ids_.empty()) {
    const auto id = free_ids_.back();
    free_ids_.pop_back();
    alive_[id] = 1;
    return id;
  }
  episodes_.emplace_back();
  alive_.push_back(1);
  return static_cast<std::uint32_t>(episodes_.size() - 1);
}

void Simulation::free_episode(std::uint32_t id) {
  alive_[id] = 0;
  alive_counted_ -= episodes_[id].counted;
  free_ids_.push_back(id);
}

void Simulation::handle(const Event& e) {
  if (const std::uint32_t s = e.kind >> kServiceShift) {
    services_[s - 1]->handle(e.kind & ((1u << kServiceShift) - 1), e.target, e.data);
    return;
  }
  switch (e.kind) {
    case kArrival: arrival(e.target); break;
    case kHandOver: services_[e.target]->receive(static_cast<std::uint32_t>(e.data)); break;
    case kRollout:
      links_.flows().sync();  // the lines change now, in SimGrid's time too
      links_.rollout(e.target);
      break;
    default: break;
  }
}

void Simulation::hand_over(const std::string& service, std::uint32_t id, double time) {
  for (const auto& s : services_)
    if (s->name() == service) return kernel_.schedule(time, kHandOver, s->index(), id);
  throw std::logic_error("no service named " + service);
}

void Simulation::arrival(std::uint32_t source) {
  if (draining_) return;  // past the horizon: no new need, and the source stops
  const double now = kernel_.now();
  const std::size_t n_ct = sc_.care_types.size();
  RandomStream& rng = sources_[source].rng;
  const auto id = new_episode();
  Episode& ep = episodes_[id];
  ep = Episode{};
  ep.arose = now;
  ep.care_type = static_cast<std::uint16_t>(source % n_ct);
  const std::size_t place = source / n_ct;  // a commune, or past them an EHPAD
  if (place < sc_.communes.size()) {
    ep.commune = static_cast<std::uint32_t>(place);
  } else {
    ep.ehpad = static_cast<std::int32_t>(place - sc_.communes.size());
    ep.commune = static_cast<std::uint32_t>(sc_.ehpads[static_cast<std::size_t>(ep.ehpad)].commune);
  }
  // Everything about the patient is drawn here, from the commune's own stream, so that
  // every plan sees the same patients with the same needs.
  const CareType& ct = sc_.care_types[ep.care_type];
  ep.duration = ct.duration.draw(rng);
  const double registered = rng.uniform();
  if (panels_) {
    const Panels::Entry* gp = panels_->draw(ep.commune, registered);
    ep.has_own_gp = gp != nullptr;
    if (gp) ep.gp = panels_->index(gp);
  } else {
    ep.has_own_gp = registered >= without_gp_[ep.commune];
  }
  ep.remote_ok = rng.uniform() < ct.remote_share;
  if (ct.tele_expertise.pool >= 0) ep.delay = ct.tele_expertise.delay.draw(rng);
  if (ct.has_patience) ep.patience = ct.patience.draw(rng);
  // Booked ahead: this arrival is the date the patient takes, asked for a lead time earlier.
  // Shifting a Poisson stream by independent delays leaves it a Poisson stream of the same
  // rate, so the books see requests in date order and none is pending at the horizon.
  if (ct.has_lead_time) {
    ep.lead = static_cast<float>(ct.lead_time.draw(rng));
    ep.arose = now - ep.lead;
  }
  ep.counted = now >= sc_.warmup;
  alive_counted_ += ep.counted;
  if (ep.counted) measures_.arisen(ep.commune, ep.care_type);
  series_.arisen(now, ep.care_type);  // booked-ahead needs in the week of their booking, complete and level
  kernel_.schedule(now + rng.exponential(sources_[source].mean_gap), kArrival, source);
  // The agenda's next event is known now: when it is an arrival, its data is fetched while
  // this episode is served. Only a hint to the cache: the order of events is untouched.
  // The one after it too, two steps behind: its addresses now, what they point to when
  // it is next.
  if (hints_) {
    const Event& next = kernel_.agenda().top();
    if (next.kind == kArrival) prefetch_arrival(next.target, false);
    if (const Event* after = kernel_.agenda().second(); after && after->kind == kArrival)
      prefetch_arrival(after->target, true);
  }
  advance(id);
}

void Simulation::prefetch_arrival(std::uint32_t source, bool early) const {
  const std::size_t n_ct = sc_.care_types.size();
  __builtin_prefetch(&sources_[source]);
  const std::size_t place = source / n_ct;
  if (place >= sc_.communes.size()) return;  // an EHPAD's: rare
  const auto k = static_cast<std::uint16_t>(source % n_ct);
  // The cell's hot lines (Measures::Cell): what arisen() and served() touch.
  const char* cell = reinterpret_cast<const char*>(&measures_.cell(static_cast<std::uint32_t>(place), k));
  __builtin_prefetch(cell);
  __builtin_prefetch(cell + 64);
  __builtin_prefetch(&without_gp_[place]);
  __builtin_prefetch(&reference_[place * n_ct + k]);
  const auto& pathway = sc_.care_types[k].pathway;
  if (!pathway.empty())
    if (const Service* s = by_option_[static_cast<std::size_t>(pathway.front())]) s->prefetch(place, k, early);
}

void Simulation::advance(std::uint32_t id) {
  if (!try_options(id)) end_unserved(id);
}

bool Simulation::try_options(std::uint32_t id) {
  const CareType& ct = sc_.care_types[episodes_[id].care_type];
  if (ct.cost_choice && episodes_[id].next_option == 0 && try_cheapest(id)) return true;
  while (episodes_[id].next_option < ct.pathway.size()) {
    Episode& ep = episodes_[id];
    const PathwayOption option = ct.pathway[ep.next_option++];
    ep.taken_option = static_cast<std::uint8_t>(ep.next_option - 1);
    Service* s = by_option_[static_cast<std::size_t>(option)];
    if (s && s->offer(option, id)) return true;
  }
  return false;
}

bool Simulation::try_cheapest(std::uint32_t id) {
  const Episode& ep = episodes_[id];
  const CareType& ct = sc_.care_types[ep.care_type];
  const double deadline = ep.arose + ct.max_wait;
  // Scratch lists kept from call to call (no allocation per need); one pair per depth, as a
  // take() may turn the patient away into another choice before this one is done.
  if (cheapest_depth_ == cheapest_scratch_.size()) cheapest_scratch_.emplace_back();
  CheapestScratch& scratch = cheapest_scratch_[cheapest_depth_];
  std::vector<Quote>& quotes = scratch.quotes;
  std::vector<Priced>& priced = scratch.priced;
  quotes.clear();
  priced.clear();
  for (std::uint8_t i = 0; i < ct.pathway.size(); ++i)
    if (Service* s = by_option_[static_cast<std::size_t>(ct.pathway[i])]) {
      const std::size_t from = quotes.size();
      s->quote(ct.pathway[i], i, id, quotes);
      for (std::size_t k = from; k < quotes.size(); ++k) quotes[k].service = s;
    }
  for (const Quote& q : quotes)
    if (q.start <= deadline && q.seconds <= ct.max_travel)
      priced.push_back({ct.cost_travel_min * 2 * q.seconds / 60.0 + ct.cost_wait_day * (q.start - ep.arose) / kDay, &q});
  // Cheapest first; ties keep the pathway's order (stable).
  stable_sort_short(priced.begin(), priced.end(), [](const Priced& a, const Priced& b) { return a.cost < b.cost; });
  ++cheapest_depth_;
  struct Leave {
    std::size_t& depth;
    ~Leave() { --depth; }
  } leave{cheapest_depth_};
  for (const Priced& p : priced) {
    episodes_[id].next_option = static_cast<std::uint8_t>(p.quote->option + 1);
    episodes_[id].taken_option = p.quote->option;
    if (p.quote->service->take(*p.quote, id)) return true;
  }
  episodes_[id].next_option = 0;  // nothing quoted was feasible: the pathway in order, reasons noted
  return false;
}

// ---- walk-in sites ----

Simulation::WalkInPlan Simulation::walk_in_plan(const Episode& ep, const WalkInQueue& q, double seconds) const {
  // A patient looks at the queue before going: if it means being seen after closing, they
  // come at the next opening instead.
  const double now = kernel_.now();
  double opens = q.hours().next_open(now + seconds);
  if (opens == kNever) return {kNever, kNever};
  double wait = opens == now + seconds ? q.expected_wait(sc_.care_types[ep.care_type].duration.mean) : 0.0;
  if (wait > 0 && opens + wait >= q.hours().open_until(opens)) {
    opens = q.hours().next_open(q.hours().open_until(opens));
    wait = 0.0;
  }
  return {opens, opens + wait};
}

double Simulation::walk_in_time(std::uint32_t id, const WalkInQueue& q, double seconds) {
  // Not worth going if they would be seen after max_wait.
  Episode& ep = episodes_[id];
  const WalkInPlan plan = walk_in_plan(ep, q, seconds);
  if (plan.arrive == kNever) {
    note(ep, UnservedReason::Capacity);
    return kNever;
  }
  if (plan.start > ep.arose + sc_.care_types[ep.care_type].max_wait) {
    note(ep, UnservedReason::TooLong);
    return kNever;
  }
  return plan.arrive;
}

bool Simulation::full_or_closed(const WalkInQueue& q, const Episode& ep) const {
  // Arrived as it closed, or the queue at the door will not be seen before closing.
  const double now = kernel_.now();
  const double mean = sc_.care_types[ep.care_type].duration.mean;
  return !q.hours().is_open(now) || now + q.expected_wait(mean) >= q.hours().open_until(now);
}

void Simulation::turn_away(const Service& s, const WalkInQueue& q, std::uint32_t arrive_kind, std::uint32_t site,
                           std::uint32_t id) {
  Episode& ep = episodes_[id];
  // First the same option again without walk-in sites (book elsewhere), then the options
  // after it; with nothing there, back to this site at its next opening within max_wait.
  ep.turned_away = true;
  ep.next_option = ep.taken_option;
  if (try_options(id)) return;
  const WeeklyCalendar& h = q.hours();
  const double now = kernel_.now();
  const double back = h.is_open(now) ? h.next_open(h.open_until(now)) : h.next_open(now);
  if (back <= ep.arose + sc_.care_types[ep.care_type].max_wait) {
    ep.site = site;
    schedule(s, back, arrive_kind, site, id);
    return;
  }
  note(ep, UnservedReason::TooLong);
  end_unserved(id);
}

void Simulation::join_queue(const Service& s, WalkInQueue& q, std::uint32_t id, std::uint32_t renege_kind) {
  Episode& ep = episodes_[id];
  q.join(id);
  ep.queued = true;
  ep.ticket = next_ticket_++;
  if (sc_.care_types[ep.care_type].has_patience) schedule(s, kernel_.now() + ep.patience, renege_kind, ep.ticket, id);
}

bool Simulation::still_queued(std::uint32_t ticket, std::uint32_t id) const {
  // Seen, turned away, or another episode in the same slot now: the departure is stale.
  return alive_[id] && episodes_[id].ticket == ticket && episodes_[id].queued;
}

void Simulation::abandon(std::uint32_t id) {
  Episode& ep = episodes_[id];
  ep.queued = false;
  if (ep.counted) measures_.cell(ep.commune, ep.care_type).abandoned++;
  note(ep, UnservedReason::TooLong);  // it would have been seen, later than the patient would wait
  advance(id);
}

void Simulation::schedule_change(const Service& s, const WeeklyCalendar& h, std::uint32_t kind, std::uint32_t target) {
  const double now = kernel_.now();
  const double next = h.is_open(now) ? h.open_until(now) : h.next_open(now);
  if (next < kNever && next <= sc_.horizon + kDrainLimit) schedule(s, next, kind, target, 0);
}

void Simulation::hours_change(const Service& s, WalkInQueue& q, std::uint32_t kind, std::uint32_t target,
                              const std::function<void(std::uint32_t)>& start,
                              const std::function<void(std::uint32_t)>& leave) {
  if (q.hours().is_open(kernel_.now())) {
    while (!q.empty() && q.has_free_server()) start(q.next());
  } else {
    // Closing: who is still waiting leaves.
    const std::deque<std::uint32_t> waiting = q.waiting();
    q.clear();
    for (auto id : waiting) {
      episodes_[id].queued = false;
      leave(id);
    }
  }
  schedule_change(s, q.hours(), kind, target);
}

// ---- ends, and the run ----

void Simulation::end_served(std::uint32_t id, long commune, double start, Visit visit, const Trip* carried) {
  const Episode& ep = episodes_[id];
  // A need is followed to its end (a cohort): one booked for a slot past the horizon is served
  // then, and its wait is known now. Leaving it out would drop the longest waits (a diary full
  // for weeks books the needs of the last weeks past the end) and bias the mean low.
  series_.served(ep.arose + ep.lead, start - ep.arose, ep.mode == Mode::Emergency, ep.care_type);
  if (ep.counted) {
    Trip trip;
    // A carried trip within the reach limit is the very one trip_within would return (the
    // same bounded Dijkstra from the provider's commune filled both).
    if (commune >= 0 && static_cast<std::size_t>(commune) != ep.commune && carried && carried->seconds <= reach_limit_)
      trip = *carried;
    else if (commune >= 0)
      trip = sc_.roads->trip_within(static_cast<std::size_t>(commune), ep.commune, reach_limit_);
    measures_.served(ep.commune, ep.care_type, start - ep.arose, 2 * trip.metres, 2 * trip.seconds);
    // Against the round trip to the in-person reference of this care: what remote care and
    // mobile units spare, what in-person care costs beyond it (full diaries nearby).
    const Reach& ref = reference_[ep.commune * sc_.care_types.size() + ep.care_type];
    const bool has_ref = ref.provider != kNoProvider;
    const bool avoided =
        visit == Visit::Remote || (visit == Visit::MobileUnit && (!has_ref || trip.seconds < ref.seconds));
    measures_.against_reference(ep.commune, ep.care_type, avoided, has_ref,
                                2 * (ref.metres - trip.metres), 2 * (ref.seconds - trip.seconds));
    if (ep.mode == Mode::Emergency) measures_.cell(ep.commune, ep.care_type).ed_visits++;
  }
  free_episode(id);
}

void Simulation::end_unserved(std::uint32_t id) {
  const Episode& ep = episodes_[id];
  series_.unserved(ep.arose + ep.lead, ep.care_type);
  // No option even applied (e.g. a pathway of options this scenario has no provider for):
  // nothing was left to serve it.
  if (ep.counted)
    measures_.unserved(ep.commune, ep.care_type,
                       ep.closest == UnservedReason::None ? UnservedReason::Capacity : ep.closest);
  free_episode(id);
}

ResultSet Simulation::run(const std::string& plan, bool verbose) {
  for (std::uint32_t s = 0; s < sources_.size(); ++s)
    if (sources_[s].mean_gap > 0) kernel_.schedule(sources_[s].rng.exponential(sources_[s].mean_gap), kArrival, s);
  for (const auto& s : services_) s->start();
  for (std::uint32_t r = 0; r < sc_.network.rollout.size(); ++r)
    if (sc_.network.rollout[r].at <= sc_.horizon) kernel_.schedule(sc_.network.rollout[r].at, kRollout, r);

  kernel_.run_simulation(sc_.horizon, [this] { return links_.build(); }, verbose, [this] { drain(); });

  for (std::uint32_t id = 0; id < episodes_.size(); ++id)
    if (alive_[id] && episodes_[id].counted) measures_.in_progress(episodes_[id].commune, episodes_[id].care_type);
  std::vector<std::string> codes;
  for (const auto& c : sc_.communes) codes.push_back(c.insee);
  measures_.check_conservation(codes);
  return tables(plan);
}

void Simulation::drain() {
  // The queues as they stand at the horizon, for utilisation's queue_at_end.
  ResultTable util;
  UtilisationRows::set_columns(util);
  const std::string none;
  UtilisationRows rows{util, none, none};
  for (const auto& s : services_) s->utilisation(rows);
  const auto queue = static_cast<std::size_t>(util.value_index("queue_at_end"));
  for (const auto& row : util.rows) queue_at_horizon_.push_back(row.values[queue]);
  // A need under way at the horizon (a walk-in queue, a consultation, a case waiting for
  // its reading, a bus visit booked) would otherwise be left out of the waits: the longest.
  // No need arises now: those under way see the capacity that later needs would have
  // shared with them only where they would not have gone first (a queue is first come,
  // first served), so a reading queue's last cases end at most a little early.
  draining_ = true;
  const double limit = sc_.horizon + kDrainLimit;
  for (double t = sc_.horizon; alive_counted_ > 0 && t < limit;) {
    t = std::min(limit, t + kDay);
    kernel_.run(t);
  }
}

ResultSet Simulation::tables(const std::string& plan) const {
  ResultSet out;
  const std::string rep = std::to_string(replication_);
  ResultTable& summary = out.table("summary");
  summary.key_columns = {"plan", "replication"};
  // Counts are over the measured period (horizon - warm-up): every row says how long it is.
  const double period_days = (sc_.horizon - sc_.warmup) / kDay;
  summary.value_columns = measures_.columns();
  summary.value_columns.push_back("period_days");
  summary.rows.push_back({{plan, rep}, measures_.territory_row()});
  summary.rows.back().values.push_back(period_days);
  // With panels: residents without a médecin traitant (from the allocation, the same in every
  // replication) — the figure an ARS watches when GPs retire.
  std::vector<double> without(sc_.communes.size(), 0.0);
  if (panels_) {
    double people = 0, none = 0;
    for (std::size_t c = 0; c < sc_.communes.size(); ++c) {
      without[c] = sc_.communes[c].population * panels_->without_share(c);
      people += sc_.communes[c].population;
      none += without[c];
    }
    summary.value_columns.insert(summary.value_columns.end(), {"without_gp_residents", "without_gp_share"});
    summary.rows.back().values.insert(summary.rows.back().values.end(), {none, people > 0 ? none / people : 0.0});
  }

  ResultTable& by_commune = out.table("by_commune");
  by_commune.key_columns = {"plan", "replication", "insee", "name"};
  by_commune.value_columns = measures_.columns();
  by_commune.value_columns.push_back("period_days");
  by_commune.value_columns.push_back("apl");  // the static E2SFCA index, beside the simulated measures
  if (panels_) by_commune.value_columns.insert(by_commune.value_columns.end(), {"without_gp_residents", "without_gp_share"});
  const std::vector<double> apl = accessibility_index(sc_);
  for (std::size_t c = 0; c < sc_.communes.size(); ++c) {
    std::vector<double> values = measures_.commune_row(c);
    values.push_back(period_days);
    values.push_back(apl[c]);
    if (panels_) values.insert(values.end(), {without[c], panels_->without_share(c)});
    by_commune.rows.push_back({{plan, rep, sc_.communes[c].insee, sc_.communes[c].name}, std::move(values)});
  }

  out.table("timeseries") = series_.table(plan, rep);

  ResultTable& util = out.table("utilisation");
  UtilisationRows::set_columns(util);
  UtilisationRows rows{util, plan, rep};
  for (const auto& s : services_) s->utilisation(rows);
  // Busy hours are counted to the horizon; the queues are read as they stood there.
  const auto queue = static_cast<std::size_t>(util.value_index("queue_at_end"));
  for (std::size_t i = 0; i < util.rows.size() && i < queue_at_horizon_.size(); ++i)
    util.rows[i].values[queue] = queue_at_horizon_[i];

  links_.tables(out, plan, rep);
  return out;
}

}  // namespace maillage
