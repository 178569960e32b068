#include "analyzer/scan_controls.hpp"

#include <algorithm>

#include "analyzer/contradictions.hpp"
#include "analyzer/readiness.hpp"
#include "analyzer/scan_facts.hpp"
#include "compiler/excerpt.hpp"

namespace moat {

namespace {

constexpr std::size_t kCited = 5;

/// "Gitleaks aws-access-token at services/payments/settings.py:7 (value redacted)". The terminal
/// prints reasons: a scanner's control characters are shown as their pictures.
std::string cite(const ScanEvidence& evidence, std::uint32_t result) {
  return printable(cite_result(evidence, result)) +
         (evidence.results[result].redacted ? " (value redacted)" : "");
}

/// The results behind the open scan-result threats of high severity or above that block `c`.
std::string blocking_results(const Analysis& a, const ScanEvidence& evidence,
                             const ControlResult& c) {
  std::string out;
  std::size_t cited = 0, more = 0;
  for (const ThreatId t : c.blocking) {
    const Threat& th = a.threats[t];
    if (th.scan_results.empty() || th.severity < kHigh) continue;
    for (const std::uint32_t r : th.scan_results) {
      if (!result_open(evidence.results[r])) continue;
      if (cited == kCited) {
        ++more;
        continue;
      }
      out += (cited++ ? ", " : "") + cite(evidence, r);
    }
  }
  if (more > 0) out += ", and " + std::to_string(more) + " more";
  return out;
}

bool names_type(const CriterionRec& c, std::uint8_t type) {
  return std::find(c.scans.begin(), c.scans.end(), type) != c.scans.end();
}

/// "scan 'deps' (Trivy over the lock files)".
std::string scan_text(const ModelGraph& g, const DeclaredScan& d) {
  const ScanDeclRec& rec = g.scans[d.decl];
  return "scan '" + rec.id + "'" + (rec.title == rec.id ? "" : " (" + printable(rec.title) + ")");
}

/// The index in `evidence.files` of the declared scan's log; files.size() when it was not read.
std::size_t log_index(const ScanEvidence& evidence, const DeclaredScan& d) {
  const auto file = std::find(evidence.files.begin(), evidence.files.end(), d.path);
  return static_cast<std::size_t>(file - evidence.files.begin());
}

/// " covering web, payments (not db)": the elements with code the scan covered, and those it
/// did not.
std::string covering(const ModelGraph& g, const ScanEvidence& evidence, const DeclaredScan& d) {
  const std::vector<ElementId>& covered = evidence.covered[log_index(evidence, d)];
  std::string in, out;
  for (ElementId e : g.elements.ids_from(1)) {
    const bool is_covered = std::binary_search(covered.begin(), covered.end(), e);
    if (!is_covered && !has_code(g, e)) continue;
    std::string& list = is_covered ? in : out;
    list += (list.empty() ? "" : ", ") + g.elements[e].id;
  }
  return ", covering " + in + (out.empty() ? "" : " (not " + out + ")");
}

}  // namespace

std::size_t scan_gaps(const ModelGraph& g, const ScanEvidence& evidence, const DeclaredScan& d) {
  const std::size_t index = log_index(evidence, d);
  if (index == evidence.files.size()) return 0;
  const std::uint8_t threshold = g.scans[d.decl].threshold;
  return static_cast<std::size_t>(
      std::count_if(evidence.results.begin(), evidence.results.end(), [&](const SarifResult& r) {
        return r.file == index && result_open(r) && r.severity >= threshold;
      }));
}

std::string scan_not_counted(const ModelGraph& g, const ScanEvidence& evidence,
                             const DeclaredScan& d) {
  const std::size_t f = log_index(evidence, d);
  if (d.state != ScanState::Present || f >= evidence.logs.size())
    return std::string("its log is ") + scan_state_name(d.state);
  // Open results first: whatever the log says of its runs, they are what the team must fix.
  if (const std::size_t open = scan_gaps(g, evidence, d); open > 0)
    return "it has " + std::to_string(open) + " open result" + (open == 1 ? "" : "s") + " at " +
           severity_name(g, g.scans[d.decl].threshold) + " or above";
  if (!evidence.logs[f].not_counted.empty()) return evidence.logs[f].not_counted;
  if (!evidence.logs[f].not_evidence.empty()) return evidence.logs[f].not_evidence;
  if (f >= evidence.covered.size() || evidence.covered[f].empty())
    return "its log shows no file under any element's code";
  return "";
}

void apply_scan_evidence(const ModelGraph& g, const Analysis& a, const ScanEvidence& evidence,
                         ControlResult& c) {
  if (const std::string cited = blocking_results(a, evidence, c); !cited.empty())
    c.reason += "; scanner evidence: " + cited;
  const CriterionRec& criterion = g.criteria[c.criterion];
  std::string gaps, scans;
  for (std::uint32_t i = 0; i < evidence.declared.size(); ++i) {
    const DeclaredScan& d = evidence.declared[i];
    // A missing or stale scan has its own warning; it is not repeated in every criterion.
    if (d.state != ScanState::Present || !names_type(criterion, g.scans[d.decl].kind)) continue;
    if (const std::string why = scan_not_counted(g, evidence, d); !why.empty()) {
      gaps += (gaps.empty() ? "" : "; ") + scan_text(g, d) + ": " + why;
      continue;
    }
    c.scans.push_back(i);
    scans += (scans.empty() ? "" : ", ") + scan_text(g, d) + covering(g, evidence, d);
  }
  // A scan supports a criterion; it never decides it: a clean secrets scan shows no leaked key,
  // not that access is restricted (docs/soc2.md).
  if (!scans.empty()) c.reason += "; supported by evidence from " + scans;
  if (!gaps.empty()) c.reason += "; not counted as evidence: " + gaps;
}

}  // namespace moat
