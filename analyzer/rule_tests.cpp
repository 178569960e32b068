#include "analyzer/rule_tests.hpp"

#include "analyzer/threats.hpp"
#include "compiler/compile.hpp"

namespace moat {

namespace {

/// The declarations a test inherits from a module: types, schema, rules and catalogs only.
ast::Module definitions_of(const ast::Module& m) {
  ast::Module d;
  d.file = m.file;
  d.enums = m.enums;
  d.schemas = m.schemas;
  d.rules = m.rules;
  d.criteria = m.criteria;
  return d;
}

/// A rule fires when it raises an open threat: one its controlling attributes (`mitigated_by`)
/// mitigate was considered, and the model answers it.
bool fired(const IdVector<ThreatId, Threat>& threats, RuleId rule, ElementId element) {
  for (const Threat& t : threats) {
    if (t.status == ThreatStatus::Mitigated) continue;
    if (t.rule == rule && (element == kNoElement || t.element == element)) return true;
  }
  return false;
}

void check_expectations(const ast::TestDecl& test, const ModelGraph& g,
                        const IdVector<ThreatId, Threat>& threats, DiagnosticSink& diags,
                        RuleCoverage& coverage) {
  for (const ast::Expectation& x : test.expectations) {
    RuleId rule;
    for (RuleId r : g.rules.ids()) {
      if (g.rules[r].id == x.rule.name) {
        rule = r;
        break;
      }
    }
    if (rule.is_none()) {
      diags.report(DiagKind::UnknownTarget, x.rule.span, "no rule '" + x.rule.name + "' is loaded");
      continue;
    }
    ElementId element = kNoElement;
    if (x.element) {
      element = g.find(x.element->name);
      if (element == kNoElement) {
        diags.report(DiagKind::UnknownElement, x.element->span,
                     "the test declares no element '" + x.element->name + "'");
        continue;
      }
    }
    const bool hit = fired(threats, rule, element);
    if (hit != x.negated) {
      auto& [fires, silent] = coverage.counts[x.rule.name];
      (x.negated ? silent : fires) += 1;
      continue;
    }
    const std::string on = x.element ? " on '" + x.element->name + "'" : "";
    diags.report(
        DiagKind::TestFailed, x.span,
        x.negated
            ? "rule '" + x.rule.name + "' fired" + on + ", but the test expects it not to"
            : "rule '" + x.rule.name + "' did not fire" + on + ", but the test expects it to");
  }
}

}  // namespace

std::vector<RuleTestResult> run_rule_tests(const Program& program, RuleCoverage& coverage) {
  std::vector<ast::Module> definitions;
  definitions.reserve(program.modules.size());
  for (const auto& m : program.modules) definitions.push_back(definitions_of(*m));
  std::vector<RuleTestResult> results;
  for (const auto& m : program.modules) {
    if (program.sources.file(m->file).is_stdlib) continue;
    for (const ast::TestDecl& test : m->tests) {
      std::vector<const ast::Module*> modules;
      for (const ast::Module& d : definitions) modules.push_back(&d);
      modules.push_back(test.body.get());
      ModelGraph g;
      DiagnosticSink diags;
      CompileOptions options;
      options.require_model = false;
      analyze_modules(modules, program.sources, g, diags, options);
      if (!diags.has_errors()) {
        std::size_t evaluations = 0;
        const GraphFacts facts = compute_graph_facts(g);
        const IdVector<ThreatId, Threat> threats =
            raise_threats(g, facts, ScanFacts{}, evaluations, diags);
        check_expectations(test, g, threats, diags, coverage);
      }
      results.push_back({test.title, test.keyword, !diags.has_errors(), diags.sorted()});
    }
  }
  return results;
}

}  // namespace moat
