#pragma once
// Threats raised from scanner results: a rule with `from_scans = KIND` (stdlib/stride.evidence
// .moat) raises, on an element where its `when` holds, one threat per scanner rule whose open
// results of that kind land on the element; the threat lists every result of that rule there.
// Its id is ELEMENT.RULE.SCANNER_RULE, its severity the highest its open results have, its STRIDE
// category theirs (the CWE table), else the rule's (docs/evidence.md).
#include <span>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"
#include "analyzer/scan_facts.hpp"

namespace moat {

/// Hex digits of the SHA-256 of a rule id that `scan_key` appends when it had to change the id.
inline constexpr std::size_t kScanKeyHash = 6;

/// A scanner rule id as the last part of a threat id: lowercase letters, digits and '_',
/// prefixed with "r_" when it would not start with a letter, "unnamed" when empty (or when no
/// letter or digit is left: then hashed, as below). An id already
/// in that form is kept ("cve_2021_23337"); one that changes gets "_" and the first 6 hex digits
/// of its SHA-256 ("CVE-2021-23337" -> "cve_2021_23337_" + 6 digits), so ids that differ only in
/// case or punctuation never share a threat id. "unnamed" is kept for the empty id: a rule id
/// written "unnamed" is hashed like a changed one, so it never shares the results without one.
std::string scan_key(const std::string& rule_id);

/// The threats `rule` (a `from_scans` rule) raises on `e`, appended to `out` in scanner-rule
/// order. A result whose `classify` row contradicts an attribute of `e` (or of the flows into it)
/// is left out: it changes the model's attribute instead, and the rules judge that
/// (analyzer/contradictions.hpp), so it is not raised twice. A scanner rule whose results are
/// all suppressed raises nothing: the results stay listed as suppressed.
void raise_scan_threats(const ModelGraph& g, const ScanFacts& facts, RuleId rule, ElementId e,
                        IdVector<ThreatId, Threat>& out);

/// At most this many of a threat's scanner results are cited by an output; the rest are counted.
inline constexpr std::size_t kCitedScanResults = 50;

/// The results of `t` the outputs cite: the first kCitedScanResults, in reading order.
std::span<const std::uint32_t> cited_scan_results(const Threat& t);

/// "and 3 more results": the results of a threat past those cited.
std::string more_results_text(std::size_t more);

/// Each cited result of a threat raised from scanner results, as the outputs list it: "Gitleaks
/// aws-access-token at services/payments/settings.py:7 (high; value redacted)", every location of
/// the result, a suppressed one "(suppressed: JUSTIFICATION)"; past kCitedScanResults, a last
/// line "and N more results". No message or snippet: a secret's matched text never travels.
std::vector<std::string> scan_result_citations(const ModelGraph& g, const ScanEvidence& scans,
                                               const Threat& t);

/// The scanner rule named by a target `ELEMENT.RULE.SCANNER_RULE`, or "" for any other target.
std::string_view target_scan_key(const TargetRef& target);

}  // namespace moat
