#pragma once
// A rule's `mitigated_by = [ATTRIBUTE, ...]`: the attributes that control its threat. The rule's
// `when` says when the threat applies (its exposure); an attribute listed here, when set on the
// element, does not hide the threat but marks it mitigated by that attribute, so reports can say
// that the threat was considered and what answers it.
#include <string_view>
#include <vector>

#include "compiler/ast.hpp"
#include "compiler/graph.hpp"

namespace moat {

/// The rule attribute that lists the controlling attributes.
inline constexpr std::string_view kMitigatedBy = "mitigated_by";

/// `attrs` without `mitigated_by`, which is compiled apart from the rule's other attributes.
std::vector<ast::Attribute> without_mitigated_by(const std::vector<ast::Attribute>& attrs);

/// Compiles the `mitigated_by` attribute of `decl` into `rec.mitigated_by`, for every kind the
/// rule applies to: each entry names a boolean attribute, as a `when` would (`encodes_output`,
/// `target.rate_limited`). Errors go to `diags`, with the entry's position.
void compile_rule_controls(const ast::RuleDecl& decl, RuleRec& rec, const ModelGraph& g,
                           DiagnosticSink& diags);

}  // namespace moat
