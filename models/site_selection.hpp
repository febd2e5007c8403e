#pragma once
// Site selection: which candidate hosts should receive new sites (cabins, or practices such
// as MSPs). First an analytic screen on the road graph (p-median or maximal covering, see
// location_problem.hpp) proposes a few options; then each option is simulated on common
// random numbers and the options are ranked by the simulated measure, with intervals.
// The screen sees distance only; the simulation sees congestion, hours, pathways and the
// network, so it may overturn the screen's order, and the ranking says when it does.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/result_table.hpp"
#include "models/care_type.hpp"
#include "models/cost.hpp"
#include "models/location_problem.hpp"

namespace maillage {

struct Scenario;

/** What the options compete on; `ed_visits` (emergency visits, the measure same-day care
 *  programmes are judged by) extends SPEC's four. */
enum class SiteObjective { Unserved, Travel, Wait, CoverageWithin, EdVisits };
const char* to_string(SiteObjective o);

/** What kind of site the template opens: a teleconsultation device or a GP practice. */
enum class SiteKind { Cabin, Practice };

struct SiteCandidate {
  std::string id;           ///< the new site's id when chosen
  std::size_t commune = 0;  ///< index in the territory's communes
  std::string host;         ///< host type: msp, centre_sante, hospital, cabinet, ccas, france_services...
  std::string name;         ///< the host's name, for the output
  Cost cost;                ///< the candidate's own cost; not given: the template's
  /** The site's own position (WGS84), when the candidates give it; else the commune's. */
  std::optional<double> lat, lon;
};

struct SiteSelection {
  std::vector<SiteCandidate> candidates;
  SiteKind kind = SiteKind::Cabin;
  Cost template_cost;  ///< the template's cost, for candidates without their own
  int open = 0;        ///< how many to open; 0: as many as the budget buys
  double budget = std::numeric_limits<double>::infinity();  ///< euros a year (capital annualised)
  SiteObjective objective = SiteObjective::Unserved;
  double within = 0.0;  ///< seconds: the radius of coverage_within
  int options = 4;      ///< how many options the simulation re-ranks
  /** The sequential ranking's indifference zone (KN++): 0 = off (a fixed number of
   *  replications); a share of the best's mean when equivalent_relative, else a value in the
   *  objective's unit. */
  double equivalent_within = 0.0;
  bool equivalent_relative = false;
  int max_replications = 200;  ///< the sequential ranking's cap per option
  /** Ids of the base's sites the chosen ones replace (the baseline keeps them). */
  std::vector<std::string> replaces;
  /** Host types in order of preference: of the candidates in one commune the screen takes
   *  the host listed first (unlisted hosts after), then the cheapest, then the first listed. */
  std::vector<std::string> prefer_hosts;
  LocationOptions solver;
  /** The care types the new sites serve (site_care_types), in the scenario's order: select's
   *  wait is theirs, one care type at a time, never a mean over care types the sites do not
   *  serve (an ophthalmologist's months would drown a same-day GP wait). */
  std::vector<std::string> care_types;

  /** A candidate's annual cost: its own, else the template's. */
  double annual_cost(const SiteCandidate& c) const { return (c.cost.given() ? c.cost : template_cost).annual(); }
};

/** One option of the screen: a set of candidates to open. */
struct SiteOption {
  std::string name;                 ///< "option-1"... (the plan's name in the simulation)
  std::vector<std::size_t> sites;   ///< candidate indices, ascending
  int analytic_rank = 0;            ///< 1 = the screen's best
  double analytic_value = 0.0;      ///< in the screen model's unit (SiteScreen::radius_minutes says which)
  std::string found_by;             ///< which model, how (exact or heuristic) and its gap
  double annual_cost = 0.0;
  double other_value = 0.0;         ///< the other model's value 
};

/** What the screen assumed or merged, as data: scenarios/ words it in the reader's language. */
struct ScreenNote {
  enum class Kind {
    AsideForHost,         ///< `count` candidates set aside for a host earlier in prefer_hosts
    AsideForCost,         ///< `count` set aside for a cheaper one of the same host type
    TieInCommune,         ///< `count` tie with another of their commune (`by_hosts`: on host and cost)
    CoverageCannotRank,   ///< every need within `minutes` with the best options: ranked by travel
    NoStaticCounterpart,  ///< the objective (wait, ED visits) has none: the screen places by travel
    UnservedWithin,       ///< the screen counts the need within `minutes`, the simulation the unserved
  };
  Kind kind;
  double count = 0;
  double minutes = 0;
  bool by_hosts = false;  ///< TieInCommune: prefer_hosts is set
  SiteObjective objective = SiteObjective::Unserved;  ///< NoStaticCounterpart
};

struct SiteScreen {
  LocationModel model = LocationModel::PMedian;
  /** The reach the screen counts in (minutes): analytic_value is the share of the need
   *  within it (covering) or the mean travel to the nearest site capped at it (p-median);
   *  other_value the other. */
  double radius_minutes = 0;
  std::vector<SiteOption> options;  ///< by analytic rank
  std::vector<ScreenNote> notes;    ///< what the screen assumed or merged
  /** Per candidate: the other candidates of its commune equal to it by the rule (host
   *  preference and cost), which the screen did not consider: where it opens, they could. */
  std::vector<std::vector<std::size_t>> alternates;
};

/** The analytic screen for the scenario's site_selection (which must be set): demand per
 *  commune (inhabitants x the rates of the care types that can use the site), road travel
 *  times, the base's remaining sites of that kind counted as open. Throws
 *  std::invalid_argument when the problem has no feasible option. */
SiteScreen screen_sites(const Scenario& scenario);

/** The care types a site of `kind` serves: those whose pathway can use it (own_gp or any_gp
 *  for a practice; cabin, with a remote_share, for a device), EHPAD residents' excepted. */
std::vector<std::string> site_care_types(const std::vector<CareType>& care_types, SiteKind kind);

/** The simulated measure the selection is ranked by (lower is better). For `wait`, the mean
 *  wait of the care types the sites serve: `wait_days_mean.<care type>` for one,
 *  `site_wait_days_mean` (their served needs' mean wait) for several, the overall
 *  `wait_days_mean` only when the selection names none. */
std::string objective_measure(const SiteSelection& selection);

/** The wait columns of the ranking: `wait_days_mean.<care type>` per care type the sites
 *  serve (the overall `wait_days_mean` when it names none). */
std::vector<std::string> site_wait_measures(const SiteSelection& selection);

/** The objective's simulated value in one row of a summary (derived measures computed). */
double objective_of(const SiteSelection& selection, const ResultTable& summary, const ResultTable::Row& row);

/** The ranking: one row per plan of `summary` (the baseline and the options), best first by
 *  the objective's simulated measure, with its interval, the main measures, the screen's
 *  rank and value, and the paired difference to the winner. */
ResultTable rank_options(const SiteSelection& selection, const SiteScreen& screen, const ResultTable& summary);

/** The verdict as data (scenarios/ words it, in English or French): who wins by how much
 *  and whether the margin is sure, and whether the simulation confirms or overturns the
 *  screen's order. Values are in the objective's unit. */
struct SelectionVerdict {
  std::string measure;  ///< objective_measure
  /** The care type's label when the measure is one care type's wait (empty otherwise, or
   *  when the scenario labels none): the sentences name the wait by it. */
  CareTypeLabel measure_label;
  std::string winner;   ///< the ranking's first (may be the baseline)
  double mean = 0, low = 0, high = 0;  ///< the winner's objective and interval
  /** The runner-up: its paired difference to the winner (positive: the winner is better). */
  std::string second;
  double diff = 0, diff_low = 0, diff_high = 0, replications = 0;
  bool tie = false;  ///< identical in every replication: the measure does not separate them
  /** The margin's interval reaches zero (with a fixed number of replications): how many
   *  would separate them if the difference is what it seems; NaN when unknown. */
  bool not_sure = false;
  double replications_needed = 0;
  bool no_option_better = false;  ///< the winner is the current placement
  enum class Screen { None, Confirmed, Overturned, NotOverturned };
  Screen screen = Screen::None;
  std::string screen_first;  ///< the screen's first choice
  int screen_rank = 0;       ///< its simulated rank
  double screen_diff = 0, screen_low = 0, screen_high = 0;  ///< its paired difference to the winner
  std::vector<ScreenNote> notes;
};
SelectionVerdict selection_verdict(const SiteSelection& selection, const SiteScreen& screen, const ResultTable& ranking);

/** The sites of every option: option, candidate id, INSEE code, commune, host, name, the
 *  candidates equal to it by the rule (alternates), lat/lon (WGS84: the site's own, else
 *  its commune's point) and annual cost. */
ResultTable option_sites(const Scenario& scenario, const SiteScreen& screen);

}  // namespace maillage
