#pragma once
// SOC 2 control status: links each criterion of a category in scope to its threats and
// mitigations, decides met, partially met, not met or not assessed (readiness.hpp), applies
// attestations and sums the categories.
#include "analyzer/analysis.hpp"
#include "analyzer/threat_order.hpp"

namespace moat {

/// `order`: threat_order() of the analysis. `evidence`, when read: declared scans count as
/// evidence, and scanner results are cited (scan_controls.hpp).
void compute_controls(const ModelGraph& g, Analysis& analysis, const ThreatRanks& order,
                      const ScanEvidence* evidence);

}  // namespace moat
