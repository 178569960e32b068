#include "compiler/weaknesses.hpp"

#include <unordered_map>

#include "compiler/attrs.hpp"

namespace moat {

void index_weaknesses(ModelGraph& g, std::size_t rule_count) {
  g.weaknesses.clear();
  g.rule_weakness.clear();
  std::unordered_map<std::string, std::uint32_t> seen;
  for (std::size_t i = 0; i < g.rules.size(); ++i) {
    const RuleRec& r = g.rules[i];
    std::string name = i < rule_count ? Attrs{g, DeclKind::Rule, r.attrs}.str("weakness") : "";
    if (name.empty()) name = r.id;
    auto [it, fresh] = seen.emplace(name, static_cast<std::uint32_t>(g.weaknesses.size()));
    if (fresh) g.weaknesses.push_back(name);
    g.rule_weakness.push_back(it->second);
  }
}

std::int32_t find_weakness(const ModelGraph& g, std::string_view name) {
  for (std::size_t i = 0; i < g.weaknesses.size(); ++i) {
    if (g.weaknesses[i] == name) return static_cast<std::int32_t>(i);
  }
  return -1;
}

bool rule_can_raise_on(const ModelGraph& g, std::uint32_t r, ElementId e) {
  const RuleRec& rule = g.rules[r];
  if (rule.expert()) return rule.expert_on == e;
  const int k = static_cast<int>(g.elements[e].kind);
  return (rule.applies & (1u << k)) && rule.when[k].valid();
}

}  // namespace moat
