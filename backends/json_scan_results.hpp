#pragma once
// The `scan_results` member of a model's JSON document (docs/json-output.md): every result read
// from the --evidence files, the elements each landed on, and those outside the model.
#include <nlohmann/json.hpp>

#include "analyzer/analysis.hpp"

namespace moat {

nlohmann::ordered_json scan_results_json(const ModelGraph& g, const Analysis& analysis);

/// A criterion's scanner evidence: the declared scans that count for it (`scans`, their ids) and
/// the open results of the scan-result threats linked to it (`results`, indices into
/// scan_results.results).
nlohmann::ordered_json control_scan_evidence(const ModelGraph& g, const Analysis& analysis,
                                             const ControlResult& c);

}  // namespace moat
