#include "compiler/weaknesses.hpp"

#include <unordered_map>

#include "compiler/attrs.hpp"

namespace moat {

void index_weaknesses(ModelGraph& g, std::size_t rule_count) {
  g.weaknesses.clear();
  g.rule_weakness.clear();
  std::unordered_map<std::string, WeaknessId> seen;
  for (const RuleId i : g.rules.ids()) {
    const RuleRec& r = g.rules[i];
    std::string name =
        i.index() < rule_count ? Attrs{g, DeclKind::Rule, r.attrs}.str("weakness") : "";
    if (name.empty()) name = r.id;
    auto [it, fresh] = seen.emplace(name, g.weaknesses.next_id());
    if (fresh) g.weaknesses.push_back(name);
    g.rule_weakness.push_back(it->second);
  }
}

WeaknessId find_weakness(const ModelGraph& g, std::string_view name) {
  for (const WeaknessId w : g.weaknesses.ids()) {
    if (g.weaknesses[w] == name) return w;
  }
  return WeaknessId::none();
}

bool rule_can_raise_on(const ModelGraph& g, RuleId r, ElementId e) {
  const RuleRec& rule = g.rules[r];
  if (rule.expert()) return rule.expert_on == e;
  const int k = static_cast<int>(g.elements[e].kind);
  return (rule.applies & (1u << k)) && rule.when[k].valid();
}

}  // namespace moat
