#include "analyzer/findings.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "analyzer/risk.hpp"

namespace moat {

namespace {

// The ordinals of the rule field `root_cause_at` (stdlib/prelude.moat, enum order).
constexpr int kAnchorSource = 1, kAnchorFlow = 2, kAnchorBoundary = 3;

/// A gap that one practice closes across a zone (restore drills, audit logging) is one finding
/// per boundary; an element outside every boundary, or a data asset, stays its own anchor.
ElementId zone_anchor(const ModelGraph& g, ElementId e) {
  const ElementId b = g.elements[e].boundary;
  return b == kNoElement || b == ModelGraph::kOutside ? e : b;
}

/// The anchor of a threat on `e` of a rule whose `root_cause_at` is `at`.
ElementId anchor_at(const ModelGraph& g, int at, ElementId e) {
  if (g.elements[e].kind != Kind::Flow) return at == kAnchorBoundary ? zone_anchor(g, e) : e;
  // Both halves of a two-way flow are one thing: anchor through the declared direction.
  const FlowRec* f = &g.flow(e);
  ElementId flow = e;
  if (f->reverse && f->partner != kNoElement) {
    flow = f->partner;
    f = &g.flow(flow);
  }
  switch (at) {
    case kAnchorSource:
      return f->source;
    case kAnchorFlow:
      return flow;
    case kAnchorBoundary:
      return zone_anchor(g, f->target);
    default:
      return f->target;
  }
}

}  // namespace

ElementId finding_anchor(const ModelGraph& g, const Threat& t) {
  return finding_anchor(g, t.rule, t.element);
}

ElementId finding_anchor(const ModelGraph& g, RuleId rule, ElementId e) {
  return anchor_at(g, rule_traits(g, rule).root_cause_at, e);
}

namespace {

/// Open while a member is open; accepted (dismissed) when every member is; else mitigated.
ThreatStatus combined_status(const Analysis& a, const Finding& f) {
  bool all_accepted = true, all_dismissed = true;
  for (ThreatId m : f.members) {
    const ThreatStatus s = a.threats[m].status;
    if (s == ThreatStatus::Open) return ThreatStatus::Open;
    all_accepted = all_accepted && s == ThreatStatus::Accepted;
    all_dismissed = all_dismissed && s == ThreatStatus::Dismissed;
  }
  if (all_accepted) return ThreatStatus::Accepted;
  return all_dismissed ? ThreatStatus::Dismissed : ThreatStatus::Mitigated;
}

void summarise(const IdVector<RuleId, RuleTraits>& traits, const Analysis& a, Finding& f) {
  f.lead = f.members.front();
  f.hygiene = true;
  for (ThreatId m : f.members) {
    if (a.threats[m].severity > a.threats[f.lead].severity) f.lead = m;
    f.hygiene = f.hygiene && traits[a.threats[m].rule].hygiene;
  }
  f.severity = a.threats[f.lead].severity;
  f.status = combined_status(a, f);
}

}  // namespace

void group_findings(const ModelGraph& g, Analysis& a) {
  a.findings.clear();
  // Each rule's traits once (rule_traits() reads the rule's attributes on every call), and
  // findings keyed by two numbers: the anchor and the weakness's index in g.weaknesses.
  IdVector<RuleId, RuleTraits> traits;
  traits.reserve(g.rules.size());
  for (RuleId r : g.rules.ids()) traits.push_back(rule_traits(g, r));
  // Each anchor's findings chained through `next` (newest first), a finding found by its
  // weakness along its anchor's chain: an anchor has a few weaknesses at most, and the chains
  // are flat arrays, where a hash map keyed by (anchor, weakness) missed the cache on every one
  // of the 878,000 threats of the 100k model (7.6 % of its check).
  constexpr std::uint32_t kNone = UINT32_MAX;
  IdVector<ElementId, std::uint32_t> head(g.elements.size(), kNone);
  std::vector<std::uint32_t> next;
  std::vector<WeaknessId> weakness_of;
  for (ThreatId i : a.threats.ids()) {
    Threat& t = a.threats[i];
    const ElementId anchor = anchor_at(g, traits[t.rule].root_cause_at, t.element);
    const WeaknessId weakness = g.rule_weakness[t.rule];
    std::uint32_t k = head[anchor];
    while (k != kNone && weakness_of[k] != weakness) k = next[k];
    if (k == kNone) {
      k = static_cast<std::uint32_t>(a.findings.size());
      next.push_back(head[anchor]);
      weakness_of.push_back(weakness);
      head[anchor] = k;
      Finding f;
      f.anchor = anchor;
      f.weakness = g.weaknesses[weakness];
      f.id = g.elements[anchor].id + "." + f.weakness;
      a.findings.push_back(std::move(f));
    }
    a.findings[k].members.push_back(i);
    t.finding = k;
  }
  for (Finding& f : a.findings) summarise(traits, a, f);
}

std::vector<const Finding*> ranked_open_findings(const Analysis& a) {
  std::vector<const Finding*> out;
  for (const Finding& f : a.findings) {
    if (f.status == ThreatStatus::Open) out.push_back(&f);
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding* x, const Finding* y) {
    if (x->hygiene != y->hygiene) return !x->hygiene;
    if (x->severity != y->severity) return x->severity > y->severity;
    if (x->members.size() != y->members.size()) return x->members.size() > y->members.size();
    return x->id < y->id;
  });
  return out;
}

std::string explain_finding(const ModelGraph& g, const Analysis& a, RuleId rule, ElementId e) {
  for (const Threat& t : a.threats) {
    if (t.rule != rule || t.element != e || t.finding >= a.findings.size()) continue;
    const Finding& f = a.findings[t.finding];
    std::string out = "finding " + f.id + " (" + severity_name(g, f.severity) + ", " +
                      threat_status_name(f.status) + "): weakness '" + f.weakness + "' on '" +
                      g.elements[f.anchor].id + "'";
    if (f.members.size() == 1) return out + ", this threat alone\n";
    out += ", " + std::to_string(f.members.size()) + " threats:";
    for (ThreatId m : f.members) out += " " + threat_id(g, a.threats[m]);
    return out + "\n";
  }
  return "";
}

}  // namespace moat
