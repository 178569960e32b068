#pragma once
// SOC 2 readiness of one criterion: met, partially met, not met, decided from the threats
// linked to it primarily (rules' `controls`) and as support (rules' `supports`) and from the
// mitigations naming it, by the decision table of docs/soc2.md.
#include <vector>

#include "analyzer/closure_basis.hpp"
#include "analyzer/threat_order.hpp"

namespace moat {

/// Ordinal of severity `high` in enum severity (info, low, medium, high, critical).
inline constexpr std::uint8_t kHigh = 3;

/// Sets the status, basis, blocking threats (most severe first, then id) and reason of `c`,
/// whose links (threats, supporting, mitigations) are filled. Attestations are applied later.
/// `order` is threat_order(g, a) (analyzer/threat_order.hpp), computed once for every criterion.
void decide_readiness(const ModelGraph& g, const Analysis& a, const MitigationBases& bases,
                      const ThreatRanks& order, ControlResult& c);

/// For `moat explain`: one line per criterion in scope the threat is linked to, primarily or as
/// support, with the criterion's readiness and whether this threat blocks it; empty when none.
std::string threat_readiness_lines(const ModelGraph& g, const Analysis& a, ThreatId threat);

/// "api.sqli (high), db.tls (medium)": threats by id with their severity, at most ten, then
/// "and N more".
std::string threat_list(const ModelGraph& g, const Analysis& a,
                        const std::vector<ThreatId>& threats);

}  // namespace moat
