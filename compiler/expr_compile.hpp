#pragma once
// Type-checks a rule's `when` expression against the schema of one element kind and compiles it
// into a CompiledExpr. Every name is resolved here, so a typo is an error at the rule.
#include "compiler/graph.hpp"

namespace moat {

/// Compiles `e` for elements of kind `kind`. Returns an invalid CompiledExpr after reporting
/// errors. `rule_id` names the rule in messages; `what` names the expression ("'when'", or a
/// `mitigated_by` entry) in the message for one that is not a boolean.
CompiledExpr compile_when(const ast::Expr& e, Kind kind, const ModelGraph& g,
                          const std::string& rule_id, DiagnosticSink& diags,
                          const std::string& what = "'when'");

}  // namespace moat
