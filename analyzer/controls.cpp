#include "analyzer/controls.hpp"

#include "analyzer/assurance.hpp"

namespace moat {

namespace {

// The rules of docs/soc2.md, in order: a manual attestation wins; nothing linked is not
// assessed; an open threat of medium or above fails; all threats closed with at least one
// implemented, evidenced mitigation on solid assumptions passes; anything else is a warning.
void judge(const ModelGraph& /*g*/, const Analysis& a, const std::vector<bool>& solid,
           ControlResult& c) {
  std::size_t open = 0, open_serious = 0, dismissed = 0;
  for (std::uint32_t t : c.threats) {
    const Threat& th = a.threats[t];
    dismissed += th.status == ThreatStatus::Dismissed;
    if (th.status != ThreatStatus::Open) continue;
    ++open;
    open_serious += th.severity >= kMedium;
  }
  std::size_t good = 0, weak = 0;
  for (std::uint32_t m : c.mitigations) (solid[m] ? good : weak)++;
  if (c.threats.empty() && c.mitigations.empty()) {
    c.status = ControlStatus::NotAssessed;
    c.reason = "nothing in the model is linked to this criterion";
  } else if (dismissed == c.threats.size() && c.mitigations.empty()) {
    // A dismissed threat is not a risk: it neither blocks the criterion nor shows it is met.
    c.status = ControlStatus::NotAssessed;
    c.reason = "every linked threat was dismissed as not applicable or a false positive";
  } else if (open_serious > 0) {
    c.status = ControlStatus::Failing;
    c.reason = std::to_string(open_serious) + " open threat" + (open_serious == 1 ? "" : "s") +
               " of medium severity or higher";
  } else if (open == 0 && good > 0) {
    c.status = ControlStatus::Passing;
    c.reason = "every linked threat is mitigated or accepted, and " + std::to_string(good) +
               (good == 1 ? " implemented mitigation with evidence names it"
                          : " implemented mitigations with evidence name it");
  } else {
    c.status = ControlStatus::Warning;
    c.reason =
        open > 0 ? std::to_string(open) + " open low-severity threat" + (open == 1 ? "" : "s")
        : good == 0
            ? "no implemented mitigation with evidence names it"
            : "linked mitigations are planned, lack evidence or rest on unverified assumptions";
    if (open == 0 && good == 0 && weak > 0) {
      c.reason =
          "its mitigations are planned or in progress, lack evidence, or rest on unverified "
          "assumptions";
    }
  }
}

/// For a criterion at passing or warning: the evidence its implemented mitigations name but
/// that does not exist, where that was all their evidence (they are claimed, not evidenced).
std::string missing_evidence(const ModelGraph& g, const Analysis& a,
                             const std::vector<bool>& claimed, const ControlResult& c) {
  if (c.status != ControlStatus::Passing && c.status != ControlStatus::Warning) return {};
  std::string out;
  for (std::uint32_t m : c.mitigations) {
    if (!claimed[m]) continue;
    std::string paths;
    for (std::uint32_t i : a.missing_evidence[m])
      paths += (paths.empty() ? "" : ", ") + g.mitigations[m].evidence[i];
    out += (out.empty() ? "" : "; ") + paths + " (mitigation " + g.mitigations[m].id + ")";
  }
  return out.empty() ? out : "; evidence that does not exist: " + out;
}

}  // namespace

void compute_controls(const ModelGraph& g, Analysis& a) {
  // A mitigation is solid when implemented or verified, evidenced, and on verified assumptions;
  // claimed when implemented but every evidence location it names is missing.
  std::vector<bool> solid(g.mitigations.size()), claimed(g.mitigations.size());
  for (std::uint32_t m = 0; m < g.mitigations.size(); ++m) {
    const MitigationRec& rec = g.mitigations[m];
    // Evidence is a location that exists, or a `@moat mitigation` annotation in the code.
    const std::size_t missing = a.missing_evidence[m].size();
    const bool evidenced = rec.evidence.size() > missing || !a.mitigation_annotations[m].empty();
    claimed[m] = rec.status >= kImplemented && !evidenced && missing > 0;
    solid[m] = rec.status >= kImplemented && evidenced && !rests_on_unverified(g, a.threats, m);
  }
  std::vector<std::int32_t> result_of(g.criteria.size(), -1);
  for (std::uint32_t c = 0; c < g.criteria.size(); ++c) {
    if (!(g.model.soc2_scope & (1u << g.criteria[c].category))) continue;
    result_of[c] = static_cast<std::int32_t>(a.controls.size());
    a.controls.push_back({c, ControlStatus::NotAssessed, false, {}, {}, {}});
  }
  for (std::uint32_t t = 0; t < a.threats.size(); ++t) {
    for (std::uint32_t c : g.rules[a.threats[t].rule].controls) {
      if (result_of[c] >= 0) a.controls[result_of[c]].threats.push_back(t);
    }
  }
  for (std::uint32_t m = 0; m < g.mitigations.size(); ++m) {
    for (std::uint32_t c : g.mitigations[m].controls) {
      if (result_of[c] >= 0) a.controls[result_of[c]].mitigations.push_back(m);
    }
  }
  for (ControlResult& c : a.controls) {
    judge(g, a, solid, c);
    c.reason += missing_evidence(g, a, claimed, c);
  }
  for (const AttestRec& at : g.attestations) {
    if (result_of[at.criterion] < 0) continue;
    ControlResult& c = a.controls[result_of[at.criterion]];
    c.status = static_cast<ControlStatus>(at.status);
    c.manual = true;
    c.reason = "attested by " + at.owner + (at.note.empty() ? "" : ": " + at.note);
  }
  for (std::uint8_t cat = 0; cat < 5; ++cat) {
    if (!(g.model.soc2_scope & (1u << cat))) continue;
    CategorySummary s;
    s.category = cat;
    bool any = false;
    for (const ControlResult& c : a.controls) {
      if (g.criteria[c.criterion].category != cat) continue;
      any = true;
      switch (c.status) {
        case ControlStatus::Passing:
          ++s.passing;
          break;
        case ControlStatus::Warning:
          ++s.warning;
          break;
        case ControlStatus::Failing:
          ++s.failing;
          break;
        case ControlStatus::NotAssessed:
          ++s.not_assessed;
          break;
      }
    }
    if (any) a.categories.push_back(s);
  }
}

}  // namespace moat
