#include "analyzer/readiness.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>

#include "analyzer/assurance.hpp"
#include "analyzer/summary.hpp"

namespace moat {

namespace {

std::uint8_t severity_of(const ModelGraph& /*g*/, const Analysis& a, ThreatId t) {
  return a.threats[t].severity;  // derived from risk (analyzer/risk.*), as --fail-on uses it
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// What the criterion rests on. A unit is a closed linked threat (its closure basis) or an
/// implemented mitigation naming the criterion that closes none of its linked threats.
struct Grounds {
  std::array<std::size_t, 6> units{};                 ///< by Basis ordinal
  std::array<std::set<MitigationId>, 6> mitigations;  ///< those that gave a unit its basis
  std::set<MitigationId> broken;  ///< involved mitigations whose evidence is all missing
  /// Threats closed with no mitigation behind them: ids written only if the reason names them.
  std::vector<ThreatId> attribute_claims;

  void add(Basis b) { ++units[static_cast<int>(b)]; }
  std::size_t count(Basis b) const { return units[static_cast<int>(b)]; }
  const std::set<MitigationId>& of(Basis b) const { return mitigations[static_cast<int>(b)]; }
  bool in_place() const {
    return std::any_of(units.begin() + 1, units.end(), [](auto n) { return n > 0; });
  }
};

void add_threat(const ModelGraph& g, const Analysis& a, const MitigationBases& bases, ThreatId t,
                Grounds& out, std::set<MitigationId>& covering) {
  const Threat& th = a.threats[t];
  const Basis b = closure_basis(g, bases, th);
  if (b == Basis::NotInPlace) return;
  out.add(b);
  bool any = false;
  for (MitigationId m : th.mitigations) {
    if (g.mitigations[m].status < kImplemented) continue;
    covering.insert(m);
    if (bases[m] == Basis::MissingEvidence) out.broken.insert(m);
    if (bases[m] != b) continue;
    out.mitigations[static_cast<int>(b)].insert(m);
    any = true;
  }
  if (!any && b == Basis::Claimed) out.attribute_claims.push_back(t);
}

Grounds gather(const ModelGraph& g, const Analysis& a, const MitigationBases& bases,
               const ControlResult& c) {
  Grounds out;
  std::set<MitigationId> covering;
  for (ThreatId t : c.threats) add_threat(g, a, bases, t, out, covering);
  for (ThreatId t : c.supporting) add_threat(g, a, bases, t, out, covering);
  for (MitigationId m : c.mitigations) {
    if (bases[m] == Basis::NotInPlace || covering.count(m)) continue;
    out.add(bases[m]);
    out.mitigations[static_cast<int>(bases[m])].insert(m);
    if (bases[m] == Basis::MissingEvidence) out.broken.insert(m);
  }
  return out;
}

std::string mitigation_ids(const ModelGraph& g, const std::set<MitigationId>& ms) {
  std::string out;
  for (MitigationId m : ms) out += (out.empty() ? "" : ", ") + g.mitigations[m].id;
  return out;
}

/// "src/gone.ts:9 (mitigation fix); a.ts, b.ts (mitigation other)".
std::string missing_evidence(const ModelGraph& g, const Analysis& a,
                             const std::set<MitigationId>& ms) {
  std::string out;
  for (MitigationId m : ms) {
    std::string paths;
    for (std::uint32_t i : a.missing_evidence[m])
      paths += (paths.empty() ? "" : ", ") + g.mitigations[m].evidence[i];
    out += (out.empty() ? "" : "; ") + paths + " (mitigation " + g.mitigations[m].id + ")";
  }
  return out;
}

/// Met, and on what: evidence only, or some claims (listed).
void judge_met(const ModelGraph& g, const Analysis& a, const Grounds& gr, ControlResult& c) {
  c.status = ControlStatus::Met;
  const auto& claimed = gr.of(Basis::Claimed);
  if (gr.count(Basis::Claimed) == 0) {
    c.basis = ControlBasis::Evidenced;
    c.reason = "every linked threat is mitigated or accepted, with evidence (" +
               mitigation_ids(g, gr.of(Basis::Evidenced)) + ")";
    return;
  }
  c.basis = ControlBasis::Claimed;
  c.reason = "every linked threat is mitigated or accepted, but some only on the model's word";
  if (!claimed.empty()) c.reason += "; mitigations without evidence: " + mitigation_ids(g, claimed);
  if (!gr.attribute_claims.empty()) {
    std::string ids;
    for (ThreatId t : gr.attribute_claims)
      ids.append(ids.empty() ? "" : ", ").append(threat_id(g, a.threats[t]));
    c.reason += "; threats mitigated by attributes: " + ids;
  }
}

/// Rows 8-11 of the decision table (docs/soc2.md): no threat blocks the criterion; what is in place
/// decides.
void judge_grounds(const ModelGraph& g, const Analysis& a, const Grounds& gr, ControlResult& c) {
  if (gr.count(Basis::Unverified) > 0 || gr.count(Basis::MissingEvidence) > 0) {
    c.status = ControlStatus::PartiallyMet;
    c.reason = "no open threat blocks it, but some of its mitigations cannot be relied on";
    if (!gr.of(Basis::Unverified).empty())
      c.reason +=
          "; resting on assumptions not verified: " + mitigation_ids(g, gr.of(Basis::Unverified));
  } else if (gr.count(Basis::Claimed) == 0 && gr.count(Basis::Evidenced) == 0) {
    c.status = ControlStatus::PartiallyMet;
    c.reason = "its linked threats are accepted risks; no implemented mitigation is in place";
  } else {
    judge_met(g, a, gr, c);
  }
  if (!gr.broken.empty())
    c.reason += "; evidence that does not exist: " + missing_evidence(g, a, gr.broken);
}

/// The open threats linked primarily, and those linked as support at `high` or above.
void find_blocking(const ModelGraph& g, const Analysis& a, ControlResult& c) {
  for (ThreatId t : c.threats) {
    if (a.threats[t].status == ThreatStatus::Open) c.blocking.push_back(t);
  }
  for (ThreatId t : c.supporting) {
    if (a.threats[t].status == ThreatStatus::Open && severity_of(g, a, t) >= kHigh)
      c.blocking.push_back(t);
  }
}

/// Open supporting threats below `high`: they do not block, the reason still names them.
std::vector<ThreatId> open_support(const ModelGraph& g, const Analysis& a, const ThreatRanks& order,
                                   const ControlResult& c) {
  std::vector<ThreatId> out;
  for (ThreatId t : c.supporting) {
    if (a.threats[t].status == ThreatStatus::Open && severity_of(g, a, t) < kHigh) out.push_back(t);
  }
  sort_by_order(order, out);
  return out;
}

/// Rows 3-5 of the decision table: open threats block the criterion.
void judge_blocked(const ModelGraph& g, const Analysis& a, ControlResult& c) {
  std::size_t primary = 0, serious = 0;
  for (ThreatId t : c.threats) {
    if (a.threats[t].status != ThreatStatus::Open) continue;
    ++primary;
    serious += severity_of(g, a, t) >= kHigh;
  }
  const std::size_t support = c.blocking.size() - primary;
  auto verb = [](std::size_t n, const char* one, const char* many) { return n == 1 ? one : many; };
  if (serious > 0) {
    c.status = ControlStatus::NotMet;
    c.reason = plural(serious, "open threat", "open threats") + " of high severity or above " +
               verb(serious, "links", "link") + " to it primarily";
  } else if (primary > 0) {
    c.status = ControlStatus::PartiallyMet;
    c.reason = plural(primary, "open threat", "open threats") + " below high severity " +
               verb(primary, "links", "link") + " to it primarily";
  } else {
    c.status = ControlStatus::PartiallyMet;
    c.reason = plural(support, "open threat", "open threats") + " of high severity or above " +
               verb(support, "supports", "support") + " it";
    return;
  }
  if (support > 0)
    c.reason += ", and " + std::to_string(support) + " of high severity or above " +
                verb(support, "supports", "support") + " it";
}

bool all_dismissed(const Analysis& a, const std::vector<ThreatId>& threats) {
  return std::all_of(threats.begin(), threats.end(),
                     [&](ThreatId t) { return a.threats[t].status == ThreatStatus::Dismissed; });
}

}  // namespace

std::string threat_list(const ModelGraph& g, const Analysis& a,
                        const std::vector<ThreatId>& threats) {
  constexpr std::size_t kListed = 10;
  std::string out;
  for (std::size_t i = 0; i < threats.size() && i < kListed; ++i) {
    const ThreatId t = threats[i];
    out += (i ? ", " : "") + threat_id(g, a.threats[t]) + " (" +
           severity_name(g, severity_of(g, a, t)) + ")";
  }
  if (threats.size() > kListed)
    out += ", and " + std::to_string(threats.size() - kListed) + " more";
  return out;
}

std::string threat_readiness_lines(const ModelGraph& g, const Analysis& a, ThreatId threat) {
  std::string out;
  auto has = [&](const std::vector<ThreatId>& v) {
    return std::find(v.begin(), v.end(), threat) != v.end();
  };
  for (const ControlResult& c : a.controls) {
    const bool primary = has(c.threats);
    if (!primary && !has(c.supporting)) continue;
    out += "  " + g.criteria[c.criterion].id + (primary ? " primarily: " : " as support: ") +
           control_label(c.status, c.basis) + (has(c.blocking) ? "; this threat blocks it" : "") +
           "\n";
  }
  return out.empty() ? out : "soc2:\n" + out;
}

void decide_readiness(const ModelGraph& g, const Analysis& a, const MitigationBases& bases,
                      const ThreatRanks& order, ControlResult& c) {
  if (c.threats.empty() && c.supporting.empty() && c.mitigations.empty()) {
    c.status = ControlStatus::NotAssessed;
    c.reason = "nothing in the model is linked to this criterion";
    return;
  }
  if (c.mitigations.empty() && all_dismissed(a, c.threats) && all_dismissed(a, c.supporting)) {
    // A dismissed threat is not a risk: it neither blocks the criterion nor shows it is met.
    c.status = ControlStatus::NotAssessed;
    c.reason = "every linked threat was dismissed as not applicable or a false positive";
    return;
  }
  find_blocking(g, a, c);
  const Grounds grounds = gather(g, a, bases, c);
  const std::vector<ThreatId> support = open_support(g, a, order, c);
  if (!c.blocking.empty()) {
    judge_blocked(g, a, c);
  } else if (!grounds.in_place() && !c.mitigations.empty()) {
    c.status = ControlStatus::NotMet;
    c.reason = "no mitigation naming it is implemented yet (planned or in progress: " +
               mitigation_ids(g, {c.mitigations.begin(), c.mitigations.end()}) + ")";
  } else if (!grounds.in_place()) {
    // Only open supporting threats below high: they hold it at partially met, never below.
    c.blocking = support;
    c.status = ControlStatus::PartiallyMet;
    c.reason = "nothing linked to it is in place yet";
  } else {
    judge_grounds(g, a, grounds, c);
  }
  sort_by_order(order, c.blocking);
  if (!c.blocking.empty()) c.reason += "; blocking: " + threat_list(g, a, c.blocking);
  if (!support.empty() && c.blocking != support)
    c.reason += "; open on supporting links: " + threat_list(g, a, support);
}

}  // namespace moat
