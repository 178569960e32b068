#pragma once
// Mitigations and acceptances: which threats each covers, the resulting threat status, and the
// warnings an auditor would want (expired acceptances, targets that cover nothing, overdue work).
#include "analyzer/analysis.hpp"

namespace moat {

/// Ordinals of enum mitigation_status and assumption_status (checked by compiler/builtins).
inline constexpr std::uint8_t kImplemented = builtin::kImplemented.ordinal;
inline constexpr std::uint8_t kAssumptionVerified = builtin::kAssumptionVerified.ordinal;

/// Sets each threat's mitigations, acceptance and status.
void apply_assurance(const ModelGraph& g, std::int64_t today, IdVector<ThreatId, Threat>& threats,
                     DiagnosticSink& diags);

/// True when the mitigation rests on an assumption that is not verified: one it names in
/// `assumes`, or one that affects an element whose threat it covers.
bool rests_on_unverified(const ModelGraph& g, const IdVector<ThreatId, Threat>& threats,
                         MitigationId mitigation);

/// Does a target naming `named` reach element `e`: the element itself, or the reverse direction
/// of the two-way flow `named`?
bool names_element(const ModelGraph& g, ElementId named, ElementId e);

/// Does `target` cover a threat of `rule` on `element`?
bool covers(const ModelGraph& g, const TargetRef& target, RuleId rule, ElementId element);
/// The same for a raised threat: a category target by the threat's own category, and a target
/// ELEMENT.RULE.SCANNER_RULE only the threat of that scanner rule.
bool covers(const ModelGraph& g, const TargetRef& target, const Threat& th);

}  // namespace moat
