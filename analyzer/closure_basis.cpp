#include "analyzer/closure_basis.hpp"

#include <algorithm>

#include "analyzer/assurance.hpp"

namespace moat {

MitigationBases mitigation_bases(const ModelGraph& g, const Analysis& a) {
  MitigationBases out(g.mitigations.size(), Basis::NotInPlace);
  for (MitigationId m : g.mitigations.ids()) {
    const MitigationRec& rec = g.mitigations[m];
    if (rec.status < kImplemented) continue;
    // Evidence is a location that exists, or a `@moat mitigation` annotation in the code.
    const std::size_t missing = a.missing_evidence.contains(m) ? a.missing_evidence[m].size() : 0;
    const bool annotated =
        a.mitigation_annotations.contains(m) && !a.mitigation_annotations[m].empty();
    const bool evidenced = rec.evidence.size() > missing || annotated;
    if (rests_on_unverified(g, a.threats, m))
      out[m] = Basis::Unverified;
    else if (evidenced)
      out[m] = Basis::Evidenced;
    else
      out[m] = missing > 0 ? Basis::MissingEvidence : Basis::Claimed;
  }
  return out;
}

Basis closure_basis(const ModelGraph& g, const MitigationBases& mitigations, const Threat& t) {
  switch (t.status) {
    case ThreatStatus::Open:
    case ThreatStatus::Dismissed:  // not a risk: neither in place nor evidence
      return Basis::NotInPlace;
    case ThreatStatus::Accepted:
      return Basis::Accepted;
    case ThreatStatus::Mitigated:
      break;
  }
  Basis best = Basis::NotInPlace;
  for (MitigationId m : t.mitigations) {
    if (g.mitigations[m].status >= kImplemented) best = std::max(best, mitigations[m]);
  }
  // Mitigated with no implemented mitigation behind it: closed by an attribute, a claim.
  return best == Basis::NotInPlace ? Basis::Claimed : best;
}

}  // namespace moat
