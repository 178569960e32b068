#pragma once
// Declarations other than elements: the model, control catalogs, rules, assumptions,
// mitigations, acceptances and attestations, each checked against its schema.
#include "compiler/graph.hpp"
#include "compiler/values.hpp"

namespace moat {

struct Attrs;

/// The target of an `accept` or `dismiss` (`what`), resolved; element kNoElement when it names
/// nothing (reported).
TargetRef decision_target(ValueConverter& values, const ast::Value& target, const char* what);
/// The fields a rule and an expert-written threat share: category, severity, controls, cwe,
/// advice and description.
void fill_threat_fields(const Attrs& f, RuleRec& rec);

/// `criterion` declarations: the control catalog that control ids are checked against.
void declare_criteria(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      ValueConverter& values, DiagnosticSink& diags);
/// Rule ids first (so targets can name them), then their attributes and `when` expressions.
void declare_rules(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                   ModelGraph& g, ValueConverter& values, DiagnosticSink& diags);
void build_rules(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                 ValueConverter& values, DiagnosticSink& diags);
/// Model, assumptions, mitigations, acceptances and attestations.
void build_model_info(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      ValueConverter& values, DiagnosticSink& diags, bool require_model,
                      Span root_start);
void build_assurance(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                     ValueConverter& values, DiagnosticSink& diags);

}  // namespace moat
