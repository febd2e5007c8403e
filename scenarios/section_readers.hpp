#pragma once
// The readers of a scenario file's sections, one file each (territory_reader.cpp,
// cabin_reader.cpp...). Each checks its part of the YAML tree, records every problem in
// the context's diagnostics, and adds what is valid to the Scenario being built.
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/loader_context.hpp"
#include "scenarios/scenario_loader.hpp"

namespace maillage::loader {

void read_scenario_section(LoaderContext& ctx, const YAML::Node& n);
void read_territory(LoaderContext& ctx, const YAML::Node& n);  // communes and roads
void read_network(LoaderContext& ctx, const YAML::Node& n, const Path& path);
void read_outlines(LoaderContext& ctx, const YAML::Node& n, const Path& path);  // outline_reader.cpp
void read_ages(LoaderContext& ctx, const YAML::Node& territory, const Path& path);  // age_reader.cpp
void read_demand(LoaderContext& ctx, const YAML::Node& n);  // care types and their distributions
void read_supply(LoaderContext& ctx, const YAML::Node& n);  // every supply list, in dependency order
void read_plans(LoaderContext& ctx, const YAML::Node& n);
void read_site_selection(LoaderContext& ctx, const YAML::Node& n);

// One supply list each, read with `r` (the reader of the file the list is in).
void read_practices(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r);
void read_remote_pools(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r);
void read_cabins(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r);
void read_ehpads(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r);
void read_hospitals(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r);
void read_hotlines(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r);
void read_buses(LoaderContext& ctx, const YAML::Node& n, const Path& path, YamlReader& r);

// What every supply item has (supply_reader.cpp).
/** The items of a supply list: checks it is a list and each item a mapping of the allowed
 *  and required keys, reads its id (unique across the supply: plans remove items by id),
 *  skips the items the plan removes and calls read_item(item, its path, its id or nothing
 *  when invalid) on the others. False when it is not a list. */
using ItemReader = std::function<void(const YAML::Node&, const Path&, const std::optional<std::string>& id)>;
bool read_items(LoaderContext& ctx, YamlReader& r, const YAML::Node& n, const Path& path,
                std::initializer_list<const char*> allowed, std::initializer_list<const char*> required,
                const ItemReader& read_item);
/** Opening hours: `always` or {mon-fri: "08:30-12:30, 14:00-19:00", sat: ...}. */
std::optional<WeeklyCalendar> read_hours(const YAML::Node& n, const Path& path, YamlReader& r);
/** A resource's `cost: {capital: 360000 EUR, per_year: 12000 EUR}`; false after an error. */
bool read_cost(const YAML::Node& x, const Path& p, YamlReader& r, Cost& out);

/** Applies overrides (KEY=VALUE) to the tree before it is read (overrides.cpp). */
void apply_overrides(LoaderContext& ctx, YAML::Node& root, const std::vector<Override>& overrides);

/** One new site of a site-selection option: the template's keys (sharing its nodes, so
 *  errors point into the template) with the candidate's id, commune and, when it has one, cost. */
YAML::Node site_item(const YAML::Node& tmpl, const SiteCandidate& c, const std::string& insee);

}  // namespace maillage::loader
