#pragma once
// Claims a declared scan should back: a model that declares a dependency scan and writes
// `dependency_scanning = true` on a process says the scan is what the attribute stands for.
// When that scan's log is missing, stale or unreadable, nothing backs the claim: it is reported
// at the attribute (ContradictedClaim, an error with --strict-evidence) and the analysis takes
// the attribute as false, as it takes a contradicted claim (docs/evidence.md).
#include "compiler/loader.hpp"
#include "evidence/scan_result.hpp"

namespace moat {

/// Reports each claim no declared scan backs and sets it to false in `g`; returns how many.
std::size_t withdraw_unbacked_claims(const Program& program, ModelGraph& g,
                                     const ScanEvidence& evidence, bool strict,
                                     DiagnosticSink& diags);

}  // namespace moat
