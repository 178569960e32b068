#pragma once
// What the rule language may ask about scanner evidence, computed once per model: per element,
// how many open results of each kind and severity land on it (`scan_results(...)`), and which
// kinds of scan covered its code (`scanned(...)`). Empty when no evidence was read.
#include <cstdint>
#include <vector>

#include "compiler/expr.hpp"
#include "evidence/scan_result.hpp"

namespace moat {

/// Severity ordinals of enum severity (builtin::kSeverities).
inline constexpr std::size_t kScanSeverities = 5;

struct ScanFacts {
  const ScanEvidence* evidence = nullptr;  ///< none: every count is 0 and nothing is scanned
  std::size_t kinds = 0;                   ///< members of enum scan_kind
  /// counts[(e * kinds + kind) * kScanSeverities + severity]: open results on element e.
  std::vector<std::uint32_t> counts;
  /// Per element: a bit per scan_type ordinal whose present, fresh, successful scan covered its
  /// code (ScanEvidence::covered).
  IdVector<ElementId, std::uint8_t> scanned;

  /// Open results of `kind` on `e` whose severity passes `cmp` against `floor` (any when < 0).
  std::uint32_t count(ElementId e, std::uint8_t kind, ast::CompareOp cmp, int floor) const;
  bool covered(ElementId e, std::uint8_t type) const {
    return scanned.contains(e) && (scanned[e] >> type) & 1u;
  }
};

/// True when the element names `code`: something a scan can cover.
bool has_code(const ModelGraph& g, ElementId e);

/// An open result: not suppressed, and not reported absent against the scanner's baseline.
bool result_open(const SarifResult& r);

/// The scan_type ordinals a log's results show it to be, as a bit set: a dependency scan for
/// vulnerable_dependency results, secrets for secret, iac for misconfiguration, sast for
/// code_weakness. A declared scan's type is the one it declares.
std::uint8_t scan_types_of_kind(const ModelGraph& g, std::uint8_t kind);

/// Per log file: the bit set of scan types it is, declared scans by their kind (when present),
/// logs given with --evidence by the kinds of their results.
std::vector<std::uint8_t> log_scan_types(const ModelGraph& g, const ScanEvidence& evidence);

ScanFacts compute_scan_facts(const ModelGraph& g, const ScanEvidence* evidence);

}  // namespace moat
