#pragma once
// What a closed threat or an implemented mitigation rests on, for SOC 2 readiness: evidence
// that exists, a claim, or something that holds its criterion at partially met (evidence that
// does not exist, an unverified assumption). docs/soc2.md, "Claimed or evidenced".
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat {

/// Worst first, so the best of several is the largest.
enum class Basis : std::uint8_t {
  NotInPlace,       ///< planned or in progress; or the threat is open
  Unverified,       ///< implemented, but rests on an assumption that is not verified
  MissingEvidence,  ///< implemented, and every evidence location it names is missing
  Accepted,         ///< an accepted risk: a decision, neither a claim nor evidence
  Claimed,          ///< implemented with no evidence, or a threat mitigated by an attribute
  Evidenced,        ///< implemented, with a location that exists or a `@moat` annotation
};

/// The basis of each mitigation.
using MitigationBases = IdVector<MitigationId, Basis>;
MitigationBases mitigation_bases(const ModelGraph& g, const Analysis& a);

/// The basis of a threat's closure: the best basis of the implemented mitigations covering it;
/// Accepted when only an acceptance closes it; NotInPlace when it is open or dismissed. A threat
/// that is mitigated although no implemented mitigation covers it (mitigated by an attribute, issue
/// 11 item 8) is Claimed: an attribute is the model's word, not evidence.
Basis closure_basis(const ModelGraph& g, const MitigationBases& mitigations, const Threat& t);

}  // namespace moat
