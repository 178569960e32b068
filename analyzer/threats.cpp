#include "analyzer/threats.hpp"

#include <string>

#include "analyzer/evaluator.hpp"
#include "analyzer/scan_threats.hpp"

namespace moat {

namespace {

void report_budget_spent(const ModelGraph& g, RuleId rule, ElementId e, DiagnosticSink& diags) {
  const RuleRec& r = g.rules[rule];
  diags
      .report(DiagKind::EvaluationLimit, r.when_span,
              "rule evaluation took more than " + std::to_string(evaluation_budget(g)) +
                  " quantifier steps, the limit for this model, in rule '" + r.id + "' on '" +
                  g.elements[e].id + "'; later rules and elements were not evaluated")
      .notes.push_back({{},
                        "nested 'any', 'all' and 'count' multiply the lengths of their lists: "
                        "nest fewer of them, or range over shorter lists"});
}

/// Marks the threat mitigated by each of its rule's controlling attributes that holds on it.
void apply_controls(const ModelGraph& g, Evaluator& eval, Threat& t) {
  const RuleRec& r = g.rules[t.rule];
  const int k = static_cast<int>(g.elements[t.element].kind);
  for (std::uint32_t i = 0; i < r.mitigated_by.size(); ++i) {
    if (!eval.holds(r.mitigated_by[i].expr[k], t.element)) continue;
    t.covered_by.push_back(Cover::of_attribute(t.rule, i));
    t.status = ThreatStatus::Mitigated;
  }
}

/// The path behind the first graph property (`reached_from`, `data_from`) that `when` reads on
/// the rule's own element, or none.
std::vector<ElementId> path_behind(const ModelGraph& g, const GraphFacts& facts,
                                   const CompiledExpr& when, ElementId e) {
  for (const ExprNode& n : when.nodes) {
    if (n.op != Op::Prop || n.base >= 0 || n.scope != 0) continue;
    if (n.prop == Computed::ReachedFrom) return facts.reached.path(g, e);
    if (n.prop == Computed::DataFrom) return facts.data.path(g, e);
  }
  return {};
}

}  // namespace

IdVector<ThreatId, Threat> raise_threats(const ModelGraph& g, const GraphFacts& facts,
                                         const ScanFacts& scans, std::size_t& evaluations,
                                         DiagnosticSink& diags) {
  // Per element kind, the rules that apply to it, so each element meets only its own rules.
  std::array<std::vector<RuleId>, kKindCount> rules_for;
  for (RuleId r : g.rules.ids()) {
    for (int k = 0; k < kKindCount; ++k) {
      if ((g.rules[r].applies & (1u << k)) && g.rules[r].when[k].valid()) rules_for[k].push_back(r);
    }
  }
  // Expert-written threats, by the element they are on: raised there after the rules' threats.
  IdVector<ElementId, std::vector<RuleId>> experts_on(g.elements.size());
  for (RuleId r : g.rules.ids()) {
    if (g.rules[r].expert()) experts_on[g.rules[r].expert_on].push_back(r);
  }
  Evaluator eval(g, &facts);
  eval.set_scans(&scans);
  IdVector<ThreatId, Threat> threats;
  evaluations = 0;
  // Element-major order gives threats in declaration order with no sort.
  for (ElementId e : g.elements.ids_from(1)) {
    const int k = static_cast<int>(g.elements[e].kind);
    for (RuleId r : rules_for[k]) {
      ++evaluations;
      const bool holds = eval.holds(g.rules[r].when[k], e);
      if (eval.exhausted()) {
        report_budget_spent(g, r, e, diags);
        return threats;
      }
      if (!holds) continue;
      if (g.rules[r].from_scans >= 0) {
        raise_scan_threats(g, scans, r, e, threats);
        continue;
      }
      Threat t;
      t.rule = r;
      t.element = e;
      t.category = g.rules[r].category;
      t.via = path_behind(g, facts, g.rules[r].when[k], e);
      // A direct caller is in the element's own flows already: only several hops are news.
      if (t.via.size() < 3) t.via.clear();
      apply_controls(g, eval, t);
      threats.push_back(std::move(t));
    }
    for (RuleId r : experts_on[e]) {
      Threat t;
      t.rule = r;
      t.element = e;
      t.category = g.rules[r].category;
      threats.push_back(std::move(t));
    }
  }
  return threats;
}

}  // namespace moat
