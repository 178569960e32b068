#include "analyzer/threats.hpp"

#include <algorithm>

#include "analyzer/evaluator.hpp"

namespace moat {

std::vector<Threat> raise_threats(const ModelGraph& g, std::size_t& evaluations) {
  // Elements by kind once, so each rule walks only the kinds it applies to.
  std::array<std::vector<ElementId>, kKindCount> by_kind;
  for (ElementId e = 1; e < g.elements.size(); ++e) {
    by_kind[static_cast<int>(g.elements[e].kind)].push_back(e);
  }
  Evaluator eval(g);
  std::vector<Threat> threats;
  evaluations = 0;
  for (std::uint32_t r = 0; r < g.rules.size(); ++r) {
    const RuleRec& rule = g.rules[r];
    for (int k = 0; k < kKindCount; ++k) {
      const CompiledExpr& when = rule.when[k];
      if (!(rule.applies & (1u << k)) || !when.valid()) continue;
      for (ElementId e : by_kind[k]) {
        ++evaluations;
        if (!eval.holds(when, e)) continue;
        Threat t;
        t.rule = r;
        t.element = e;
        t.id = g.elements[e].id + "." + rule.id;
        threats.push_back(std::move(t));
      }
    }
  }
  std::sort(threats.begin(), threats.end(),
            [](const Threat& a, const Threat& b) { return a.id < b.id; });
  return threats;
}

}  // namespace moat
