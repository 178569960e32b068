#include "analyzer/findings.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "analyzer/prefix_key.hpp"
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
  // weakness along its anchor's chain: an anchor usually has a few weaknesses, and the chains
  // are flat arrays, where a hash map keyed by (anchor, weakness) missed the cache on every one
  // of the 878,000 threats of the 100k model (7.6 % of its check). A model decides how many
  // weaknesses one anchor has (every rule without `weakness` is its own), so an anchor whose
  // chain grows past kChainLimit is looked up in a hash map instead: walking 100,000 of them per
  // threat made the check quadratic.
  constexpr std::uint32_t kNone = UINT32_MAX;
  constexpr std::uint32_t kChainLimit = 8;
  IdVector<ElementId, std::uint32_t> head(g.elements.size(), kNone);
  IdVector<ElementId, std::uint32_t> chain_length(g.elements.size(), 0);
  std::vector<std::uint32_t> next;
  std::vector<WeaknessId> weakness_of;
  std::unordered_map<std::uint64_t, std::uint32_t> long_chains;
  auto key = [](ElementId anchor, WeaknessId weakness) {
    return (std::uint64_t{anchor.index()} << 32) | weakness.index();
  };
  auto find = [&](ElementId anchor, WeaknessId weakness) {
    if (chain_length[anchor] > kChainLimit) {
      const auto it = long_chains.find(key(anchor, weakness));
      return it == long_chains.end() ? kNone : it->second;
    }
    std::uint32_t k = head[anchor];
    while (k != kNone && weakness_of[k] != weakness) k = next[k];
    return k;
  };
  auto add = [&](ElementId anchor, WeaknessId weakness, std::uint32_t k) {
    next.push_back(head[anchor]);
    weakness_of.push_back(weakness);
    head[anchor] = k;
    const std::uint32_t length = ++chain_length[anchor];
    if (length == kChainLimit + 1) {  // the chain moves to the map, this finding included
      for (std::uint32_t c = k; c != kNone; c = next[c])
        long_chains.emplace(key(anchor, weakness_of[c]), c);
    } else if (length > kChainLimit + 1) {
      long_chains.emplace(key(anchor, weakness), k);
    }
  };
  // First each threat's finding and each finding's size, then the members in place: one
  // allocation per finding's members instead of one per doubling.
  std::vector<std::uint32_t> sizes;
  for (ThreatId i : a.threats.ids()) {
    Threat& t = a.threats[i];
    const ElementId anchor = anchor_at(g, traits[t.rule].root_cause_at, t.element);
    const WeaknessId weakness = g.rule_weakness[t.rule];
    std::uint32_t k = find(anchor, weakness);
    if (k == kNone) {
      k = static_cast<std::uint32_t>(a.findings.size());
      add(anchor, weakness, k);
      Finding& f = a.findings.emplace_back();
      f.anchor = anchor;
      f.weakness = g.weaknesses[weakness];
      const std::string& element = g.elements[anchor].id;
      f.id.reserve(element.size() + 1 + f.weakness.size());
      f.id.append(element).append(1, '.').append(f.weakness);
      sizes.push_back(0);
    }
    ++sizes[k];
    t.finding = k;
  }
  for (std::uint32_t k = 0; k < a.findings.size(); ++k) a.findings[k].members.reserve(sizes[k]);
  for (ThreatId i : a.threats.ids()) a.findings[a.threats[i].finding].members.push_back(i);
  for (Finding& f : a.findings) summarise(traits, a, f);
}

std::vector<const Finding*> ranked_open_findings(const Analysis& a) {
  return ranked_open_findings(
      a, [](const Finding&) { return true; }, SIZE_MAX);
}

std::vector<const Finding*> ranked_open_findings(const Analysis& a,
                                                 const std::function<bool(const Finding&)>& keep,
                                                 std::size_t limit) {
  // Sorted by integer keys held in place, most comparisons without reading a Finding or its id:
  // the order, then the id's first bytes, then the id, then the finding's place in the model (a
  // stable sort's tie-break). A stable sort of the findings comparing the fields and the id
  // strings through pointers was about 3 % of the check of the 100k model.
  struct Ranked {
    std::uint64_t order;  ///< system-specific first, then most severe, then most members
    std::uint64_t prefix;
    const Finding* f;
  };
  std::vector<Ranked> ranked;
  for (const Finding& f : a.findings) {
    if (f.status != ThreatStatus::Open || !keep(f)) continue;
    const std::uint64_t members = std::min<std::uint64_t>(f.members.size(), UINT32_MAX);
    const std::uint64_t order = (std::uint64_t{f.hygiene} << 40) |
                                (std::uint64_t{0xffu - f.severity} << 32) | (UINT32_MAX - members);
    ranked.push_back({order, prefix_key(f.id), &f});
  }
  auto less = [](const Ranked& x, const Ranked& y) {
    if (x.order != y.order) return x.order < y.order;
    if (x.prefix != y.prefix) return x.prefix < y.prefix;
    if (const int c = x.f->id.compare(y.f->id); c != 0) return c < 0;
    return x.f < y.f;
  };
  if (limit < ranked.size()) {
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(limit),
                      ranked.end(), less);
    ranked.resize(limit);
  } else {
    std::sort(ranked.begin(), ranked.end(), less);
  }
  std::vector<const Finding*> out;
  out.reserve(ranked.size());
  for (const Ranked& r : ranked) out.push_back(r.f);
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
