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
  for (const std::uint32_t t : c.blocking) {
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

/// "scan 'deps' (Trivy over the lock files)". Not its date: without an end time in the log it
/// is the file's, which changes with every checkout.
std::string scan_text(const ModelGraph& g, const DeclaredScan& d) {
  const ScanDeclRec& rec = g.scans[d.decl];
  return "scan '" + rec.id + "'" + (rec.title == rec.id ? "" : " (" + printable(rec.title) + ")");
}

}  // namespace

std::size_t scan_gaps(const ModelGraph& g, const ScanEvidence& evidence, const DeclaredScan& d) {
  const auto file = std::find(evidence.files.begin(), evidence.files.end(), d.path);
  if (file == evidence.files.end()) return 0;
  const auto index = static_cast<std::uint32_t>(file - evidence.files.begin());
  const std::uint8_t threshold = g.scans[d.decl].threshold;
  return static_cast<std::size_t>(
      std::count_if(evidence.results.begin(), evidence.results.end(), [&](const SarifResult& r) {
        return r.file == index && result_open(r) && r.severity >= threshold;
      }));
}

void apply_scan_evidence(const ModelGraph& g, const Analysis& a, const ScanEvidence& evidence,
                         ControlResult& c) {
  if (const std::string cited = blocking_results(a, evidence, c); !cited.empty())
    c.reason += "; scanner evidence: " + cited;
  const CriterionRec& criterion = g.criteria[c.criterion];
  std::string gaps;
  for (std::uint32_t i = 0; i < evidence.declared.size(); ++i) {
    const DeclaredScan& d = evidence.declared[i];
    if (d.state != ScanState::Present || !names_type(criterion, g.scans[d.decl].kind)) continue;
    if (const std::size_t open = scan_gaps(g, evidence, d); open > 0) {
      gaps += (gaps.empty() ? "" : ", ") + scan_text(g, d) + " has " + std::to_string(open) +
              " open result" + (open == 1 ? "" : "s") + " at " +
              severity_name(g, g.scans[d.decl].threshold) + " or above";
      continue;
    }
    c.scans.push_back(i);
  }
  if (!c.scans.empty()) {
    std::string scans;
    for (const std::uint32_t i : c.scans)
      scans += (scans.empty() ? "" : ", ") + scan_text(g, evidence.declared[i]);
    if (c.status == ControlStatus::NotAssessed) {
      c.status = ControlStatus::Met;
      c.basis = ControlBasis::Evidenced;
      c.reason = "evidenced by " + scans + ": present, fresh, no open result at its threshold";
    } else {
      c.reason += "; evidence from " + scans;
    }
  }
  if (!gaps.empty()) c.reason += "; not counted as evidence: " + gaps;
}

}  // namespace moat
