#include "analyzer/assurance.hpp"

#include <unordered_map>

#include "compiler/literals.hpp"

namespace moat {

bool covers(const ModelGraph& g, const TargetRef& target, std::uint32_t rule, ElementId element) {
  if (target.element != element) return false;
  switch (target.form) {
    case TargetRef::Form::Element:
      return true;
    case TargetRef::Form::Category:
      return g.rules[rule].category == target.index;
    case TargetRef::Form::Rule:
      return target.index == rule;
  }
  return false;
}

namespace {

struct TargetUse {
  bool acceptance = false;
  std::uint32_t owner = 0;   ///< mitigation or acceptance index
  std::uint32_t target = 0;  ///< index in the mitigation's target list
};

std::string describe_target(const ModelGraph& g, const TargetRef& t) {
  const std::string& element = g.elements[t.element].id;
  switch (t.form) {
    case TargetRef::Form::Element:
      return "no rule raises a threat on '" + element + "'";
    case TargetRef::Form::Category:
      return "no rule raises a threat of category '" +
             category_name(g, static_cast<std::uint8_t>(t.index)) + "' on '" + element + "'";
    case TargetRef::Form::Rule:
      return "rule '" + g.rules[t.index].id + "' does not fire on '" + element + "'";
  }
  return {};
}

}  // namespace

void apply_assurance(const ModelGraph& g, std::int64_t today, std::vector<Threat>& threats,
                     DiagnosticSink& diags) {
  std::unordered_map<ElementId, std::vector<TargetUse>> by_element;
  for (std::uint32_t m = 0; m < g.mitigations.size(); ++m) {
    for (std::uint32_t t = 0; t < g.mitigations[m].targets.size(); ++t) {
      by_element[g.mitigations[m].targets[t].element].push_back({false, m, t});
    }
  }
  for (std::uint32_t a = 0; a < g.accepts.size(); ++a) {
    if (g.accepts[a].target.element != kNoElement)
      by_element[g.accepts[a].target.element].push_back({true, a, 0});
  }
  std::vector<std::vector<bool>> mitigation_used(g.mitigations.size());
  for (std::uint32_t m = 0; m < g.mitigations.size(); ++m)
    mitigation_used[m].assign(g.mitigations[m].targets.size(), false);
  std::vector<bool> accept_used(g.accepts.size(), false);

  for (Threat& th : threats) {
    auto it = by_element.find(th.element);
    if (it == by_element.end()) continue;
    bool mitigated = false, accepted = false;
    for (const TargetUse& use : it->second) {
      const TargetRef& target = use.acceptance ? g.accepts[use.owner].target
                                               : g.mitigations[use.owner].targets[use.target];
      if (!covers(g, target, th.rule, th.element)) continue;
      if (use.acceptance) {
        accept_used[use.owner] = true;
        const auto& expires = g.accepts[use.owner].expires;
        const bool expired = expires && *expires < today;
        if (th.acceptance < 0 || !expired) {
          th.acceptance = static_cast<std::int32_t>(use.owner);
          th.acceptance_expired = expired;
        }
        accepted = accepted || !expired;
        continue;
      }
      mitigation_used[use.owner][use.target] = true;
      if (th.mitigations.empty() || th.mitigations.back() != use.owner)
        th.mitigations.push_back(use.owner);
      mitigated = mitigated || g.mitigations[use.owner].status >= kImplemented;
    }
    th.status = mitigated  ? ThreatStatus::Mitigated
                : accepted ? ThreatStatus::Accepted
                           : ThreatStatus::Open;
  }

  for (std::uint32_t m = 0; m < g.mitigations.size(); ++m) {
    const MitigationRec& rec = g.mitigations[m];
    for (std::uint32_t t = 0; t < rec.targets.size(); ++t) {
      if (mitigation_used[m][t]) continue;
      diags.report(DiagKind::UnmatchedMitigation, rec.targets[t].span,
                   "'" + rec.targets[t].text + "' in mitigation '" + rec.id +
                       "' covers no threat: " + describe_target(g, rec.targets[t]));
    }
    if (rec.due && *rec.due < today && rec.status < kImplemented) {
      diags.report(DiagKind::OverdueItem, rec.id_span,
                   "mitigation '" + rec.id + "' was due on " + format_date(*rec.due) +
                       " and is not implemented yet");
    }
  }
  for (std::uint32_t a = 0; a < g.accepts.size(); ++a) {
    const AcceptRec& rec = g.accepts[a];
    if (rec.target.element == kNoElement) continue;
    if (rec.expires && *rec.expires < today) {
      diags.report(DiagKind::AcceptanceExpired, rec.target.span,
                   "the acceptance of '" + rec.target.text + "' expired on " +
                       format_date(*rec.expires) + "; its threats are open again");
    } else if (!accept_used[a]) {
      diags.report(DiagKind::UnmatchedAcceptance, rec.target.span,
                   "the acceptance of '" + rec.target.text +
                       "' covers no threat: " + describe_target(g, rec.target));
    }
  }
}

bool rests_on_unverified(const ModelGraph& g, const std::vector<Threat>& threats,
                         std::uint32_t mitigation) {
  const MitigationRec& m = g.mitigations[mitigation];
  for (std::uint32_t a : m.assumes) {
    if (g.assumptions[a].status != kAssumptionVerified) return true;
  }
  for (const AssumptionRec& a : g.assumptions) {
    if (a.status == kAssumptionVerified) continue;
    for (const Threat& t : threats) {
      bool covered = false;
      for (std::uint32_t x : t.mitigations) covered = covered || x == mitigation;
      if (!covered) continue;
      for (ElementId e : a.affects) {
        if (e == t.element) return true;
      }
    }
  }
  return false;
}

}  // namespace moat
