#pragma once
// SOC 2 status from scanner evidence (docs/evidence.md): a criterion an open high or critical
// threat raised from scanner results blocks cites those results in its reason; a declared scan
// of a kind the criterion's `scans` names (stdlib/soc2.moat) whose log has a date an auditor can
// check (an invocation end time, or its last commit) within max_age, no failed run, covered the
// model's code, and has no open result at or above its `threshold`, supports it (cited, status
// unchanged). A missing or stale scan counts for nothing.
#include "analyzer/analysis.hpp"

namespace moat {

/// Applies the evidence to `c`, after its status was decided from the threats and before
/// attestations: cites blocking results and lists the scans that support it
/// (ControlResult::scans). A scan supports a criterion, never decides its status.
void apply_scan_evidence(const ModelGraph& g, const Analysis& a, const ScanEvidence& evidence,
                         ControlResult& c);

/// Why declared scan `d` is not evidence for a criterion naming its kind ("" when it is): it has
/// open results at or above its threshold, its log shows no coverage (ScanLog::not_counted), a
/// run failed or it has no date an auditor can check (ScanLog::not_evidence), or it covered no
/// element's code.
std::string scan_not_counted(const ModelGraph& g, const ScanEvidence& evidence,
                             const DeclaredScan& d);

/// The open results of declared scan `d` at or above its threshold.
std::size_t scan_gaps(const ModelGraph& g, const ScanEvidence& evidence, const DeclaredScan& d);

}  // namespace moat
