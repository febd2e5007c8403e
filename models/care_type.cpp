#include "models/care_type.hpp"

#include <algorithm>

namespace maillage {
namespace {
struct Named {
  PathwayOption option;
  const char* name;
};
constexpr Named kOptions[] = {
    {PathwayOption::OwnGp, "own_gp"},       {PathwayOption::AnyGp, "any_gp"},
    {PathwayOption::Hotline, "hotline"},    {PathwayOption::Cabin, "cabin"},
    {PathwayOption::HomeRemote, "home_remote"}, {PathwayOption::Bus, "bus"},
    {PathwayOption::TeleExpertise, "tele_expertise"}, {PathwayOption::Hospital, "hospital"},
    {PathwayOption::Ed, "ed"},
};
}  // namespace

const char* to_string(PathwayOption o) {
  for (const auto& n : kOptions)
    if (n.option == o) return n.name;
  return "?";
}

bool parse_pathway_option(const std::string& name, PathwayOption& out) {
  for (const auto& n : kOptions)
    if (name == n.name) {
      out = n.option;
      return true;
    }
  return false;
}

std::vector<std::string> pathway_option_names() {
  std::vector<std::string> names;
  for (const auto& n : kOptions) names.emplace_back(n.name);
  return names;
}

double longest_max_wait(const std::vector<CareType>& care_types) {
  double longest = 0.0;
  for (const auto& ct : care_types) longest = std::max(longest, ct.max_wait);
  return longest;
}

}  // namespace maillage
