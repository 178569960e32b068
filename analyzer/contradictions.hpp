#pragma once
// Claims contradicted by evidence: a scanner result whose `classify` row says which attribute
// its rule tests (`contradicts`, `shows`) lands on an element that claims the opposite, e.g.
// `encrypted_at_rest = true` on a store whose Terraform Checkov reports unencrypted. The claim
// is reported at the attribute, and the analysis takes the evidence over it (docs/evidence.md).
#include <optional>
#include <vector>

#include "analyzer/analysis.hpp"
#include "compiler/loader.hpp"

namespace moat {

/// Every contradiction, by element then row: for each open (unsuppressed) result attached to an
/// element and each row of its with `contradicts`, the element's attribute (for flow.ATTR: each
/// flow into the element) whose value is the opposite of what the result shows.
std::vector<Contradiction> find_contradictions(const Program& program, const ModelGraph& g,
                                               const ScanEvidence& evidence);

/// Reports each written claim a result disproves: "evidence contradicts this claim: Checkov
/// CKV_AWS_16 at infra/db.tf:12" (ContradictedClaim; an error when `strict`).
void report_contradictions(const ModelGraph& g, const ScanEvidence& evidence,
                           const std::vector<Contradiction>& found, bool strict,
                           DiagnosticSink& diags);

/// Links each contradiction to the threats it opened: those open in `after` (the analysis of the
/// model with the evidence applied) that were not open in `before`, on the contradicted element
/// or on an endpoint of the contradicted flow.
void link_opened_threats(const ModelGraph& g, const Analysis& before, const Analysis& after,
                         std::vector<Contradiction>& found);

/// Sets each contradicted attribute to what the evidence shows, so the analysis raises the
/// threats the claims were hiding.
void apply_contradictions(ModelGraph& g, const std::vector<Contradiction>& found);

/// The result's citation as the outputs show it: "Checkov CKV_AWS_16 at infra/db.tf:12".
std::string cite_result(const ScanEvidence& evidence, std::uint32_t result);

}  // namespace moat
