#pragma once
// SOC 2 status from scanner evidence (docs/evidence.md): a criterion an open high or critical
// threat raised from scanner results blocks cites those results in its reason; a declared scan
// of a kind the criterion's `scans` names (stdlib/soc2.moat) that is present, fresh and has no
// open result at or above its `threshold` counts as evidence for it. A missing or stale scan
// counts for nothing.
#include "analyzer/analysis.hpp"

namespace moat {

/// Applies the evidence to `c`, after its status was decided from the threats and before
/// attestations: cites blocking results, lists the scans that evidence it (ControlResult::scans),
/// and makes a criterion nothing else assesses met on that evidence.
void apply_scan_evidence(const ModelGraph& g, const Analysis& a, const ScanEvidence& evidence,
                         ControlResult& c);

/// The open results of declared scan `d` at or above its threshold.
std::size_t scan_gaps(const ModelGraph& g, const ScanEvidence& evidence, const DeclaredScan& d);

}  // namespace moat
