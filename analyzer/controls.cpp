#include "analyzer/controls.hpp"

#include <algorithm>

#include "analyzer/readiness.hpp"
#include "analyzer/scan_controls.hpp"
#include "compiler/parallel.hpp"

namespace moat {

namespace {

/// Links each criterion in scope to the threats whose rules name it (primarily or as support)
/// and to the mitigations naming it.
void link(const ModelGraph& g, Analysis& a) {
  IdVector<CriterionId, std::int32_t> result_of(g.criteria.size(), -1);
  for (CriterionId c : g.criteria.ids()) {
    if (!(g.model.soc2_scope & (1u << g.criteria[c].category))) continue;
    result_of[c] = static_cast<std::int32_t>(a.controls.size());
    ControlResult r;
    r.criterion = c;
    a.controls.push_back(std::move(r));
  }
  for (ThreatId t : a.threats.ids()) {
    const RuleRec& rule = g.rules[a.threats[t].rule];
    for (CriterionId c : rule.controls) {
      if (result_of[c] >= 0) a.controls[result_of[c]].threats.push_back(t);
    }
    for (CriterionId c : rule.supports) {
      // A criterion a rule names both ways is primary.
      const bool primary =
          std::find(rule.controls.begin(), rule.controls.end(), c) != rule.controls.end();
      if (result_of[c] >= 0 && !primary) a.controls[result_of[c]].supporting.push_back(t);
    }
  }
  for (MitigationId m : g.mitigations.ids()) {
    for (CriterionId c : g.mitigations[m].controls) {
      if (result_of[c] >= 0) a.controls[result_of[c]].mitigations.push_back(m);
    }
  }
}

/// The former names passing, warning and failing (ordinals 4-6 of enum control_status) read
/// as met, partially met and not met.
ControlStatus attested_status(std::uint8_t ordinal) {
  constexpr std::uint8_t kLegacy = builtin::kControlLegacyFirst.ordinal;
  return static_cast<ControlStatus>(ordinal >= kLegacy ? ordinal - kLegacy : ordinal);
}

void apply_attestations(const ModelGraph& g, Analysis& a) {
  for (const AttestRec& at : g.attestations) {
    for (ControlResult& c : a.controls) {
      if (c.criterion != at.criterion) continue;
      c.status = attested_status(at.status);
      c.manual = true;
      c.basis = c.status == ControlStatus::Met ? ControlBasis::Attested : ControlBasis::None;
      c.blocking.clear();
      c.reason = "attested by " + at.owner + (at.note.empty() ? "" : ": " + at.note);
    }
  }
}

}  // namespace

void compute_controls(const ModelGraph& g, Analysis& a, const ThreatRanks& order,
                      const ScanEvidence* evidence) {
  link(g, a);
  const MitigationBases bases = mitigation_bases(g, a);
  // Each criterion is judged on its own (it reads the threats, writes only its result): on a
  // large model the criteria share the cores.
  const std::size_t threads = a.threats.size() >= kParallelItems ? worker_threads() : 1;
  for_each_piece(a.controls.size(), threads, [&](std::size_t i) {
    ControlResult& c = a.controls[i];
    decide_readiness(g, a, bases, order, c);
    if (evidence) apply_scan_evidence(g, a, *evidence, c);
  });
  apply_attestations(g, a);
  for (std::uint8_t cat = 0; cat < builtin::kSoc2Categories.size(); ++cat) {
    if (!(g.model.soc2_scope & (1u << cat))) continue;
    CategorySummary s;
    s.category = cat;
    bool any = false;
    for (const ControlResult& c : a.controls) {
      if (g.criteria[c.criterion].category != cat) continue;
      any = true;
      switch (c.status) {
        case ControlStatus::Met:
          ++s.met;
          s.met_evidenced += c.basis != ControlBasis::Claimed;
          break;
        case ControlStatus::PartiallyMet:
          ++s.partially_met;
          break;
        case ControlStatus::NotMet:
          ++s.not_met;
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
