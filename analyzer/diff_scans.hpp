#pragma once
// `moat diff` with scanner evidence on either side (--old-evidence, --evidence): per tool, the
// open results that are new and those that are fixed — "Gitleaks: 2 secrets fixed; Trivy: 1 new
// critical". A result is the same on both sides when its tool, rule id and fingerprints are
// (SARIF `fingerprints`), or, without fingerprints, its tool, rule id, first file and message:
// not its line, so a result that moved is neither fixed nor new.
#include <string>
#include <utility>
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat {

struct ScanToolChange {
  std::string tool;
  /// Fixed results by kind ("secrets", "vulnerable dependencies"), in scan_kind order.
  std::vector<std::pair<std::string, std::size_t>> fixed;
  /// New results by severity ("critical"), most severe first.
  std::vector<std::pair<std::string, std::size_t>> added;
  /// "Gitleaks: 2 secrets fixed, 1 new critical".
  std::string text() const;
};

/// The tools whose open results changed, in order of first appearance (old side, then new).
std::vector<ScanToolChange> diff_scan_results(const ModelGraph& before_graph,
                                              const ScanEvidence& before,
                                              const ModelGraph& after_graph,
                                              const ScanEvidence& after);

}  // namespace moat
