#pragma once
// Scanner results on the model: each result belongs to the most specific elements whose `code`
// locations cover one of its locations (the matcher of analyzer/locations.hpp); a result that lands
// on no element, or has no location at all, is outside the model — code the threat model does not
// cover, which is itself something for the reviewer (docs/evidence.md).
#include "evidence/scan_result.hpp"

namespace moat {

/// Fills `evidence.attached` (sorted by element, then result), `evidence.outside`, and
/// `evidence.covered` (what each log's runs that did not fail covered).
void attach_scan_results(const ModelGraph& g, ScanEvidence& evidence);

}  // namespace moat
