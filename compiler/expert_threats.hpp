#pragma once
// Expert-written threats: `threat ID "Title" { on = ELEMENT, category = ..., severity = ... }`,
// the threats a workshop found that no rule raises. Each becomes a RuleRec that fires on exactly
// one element (RuleRec::expert_on), so its threat id is ELEMENT.ID and every later stage —
// targets, acceptances, dismissals, SOC 2 links, reports, diff — treats it like a rule's threat.
#include "compiler/graph.hpp"
#include "compiler/values.hpp"

namespace moat {

/// Appends a RuleRec per `threat` declaration, after the rules, so targets can name its id.
/// An id that another threat or a rule already has is a DuplicateId error.
void declare_expert_threats(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                            DiagnosticSink& diags);

/// Fills those RuleRecs from their attributes (`on`, `category`, `severity`, `controls`, ...).
void build_expert_threats(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                          ValueConverter& values);

}  // namespace moat
