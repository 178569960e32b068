#include "analyzer/findings.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>

#include "analyzer/finding_index.hpp"
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

/// What summarising a finding needs of one member, copied in one read of the threats: read
/// where they are (about 200 bytes each, in member order) each cost a cache miss.
struct Member {
  ThreatId threat;
  std::uint8_t severity = 0;
  ThreatStatus status = ThreatStatus::Open;
  bool hygiene = false;
};

/// The lead (most severe, then first), severity and hygiene of `f`, and its status: open while a
/// member is open; accepted (dismissed) when every member is; else mitigated.
void summarise(std::span<const Member> members, Finding& f) {
  const Member* lead = &members.front();
  bool hygiene = true, open = false, all_accepted = true, all_dismissed = true;
  for (const Member& m : members) {
    if (m.severity > lead->severity) lead = &m;
    hygiene = hygiene && m.hygiene;
    open = open || m.status == ThreatStatus::Open;
    all_accepted = all_accepted && m.status == ThreatStatus::Accepted;
    all_dismissed = all_dismissed && m.status == ThreatStatus::Dismissed;
  }
  f.lead = lead->threat;
  f.severity = lead->severity;
  f.hygiene = hygiene;
  if (open)
    f.status = ThreatStatus::Open;
  else if (all_accepted)
    f.status = ThreatStatus::Accepted;
  else
    f.status = all_dismissed ? ThreatStatus::Dismissed : ThreatStatus::Mitigated;
}

/// Fills in `f`, the finding numbered `k` by `index`, its members `members`.
void make_finding(const ModelGraph& g, const FindingIndex& index, std::uint32_t k,
                  std::span<const Member> members, Finding& f) {
  f.anchor = index.anchor(k);
  f.weakness = g.weaknesses[index.weakness(k)];
  const std::string& element = g.elements[f.anchor].id;
  f.id.reserve(element.size() + 1 + f.weakness.size());
  f.id.append(element).append(1, '.').append(f.weakness);
  f.members.reserve(members.size());
  for (const Member& m : members) f.members.push_back(m.threat);
  summarise(members, f);
}

}  // namespace

void group_findings(const ModelGraph& g, Analysis& a) {
  // Each rule's traits once (rule_traits() reads the rule's attributes on every call).
  IdVector<RuleId, RuleTraits> traits;
  traits.reserve(g.rules.size());
  for (RuleId r : g.rules.ids()) traits.push_back(rule_traits(g, r));
  // One read of the threats: each one's finding, and what summarising the finding needs of it.
  FindingIndex index(g.elements.size());
  std::vector<Member> by_threat(a.threats.size());
  std::vector<std::uint32_t> finding_of(a.threats.size());
  std::vector<std::uint32_t> sizes;
  for (ThreatId i : a.threats.ids()) {
    Threat& t = a.threats[i];
    const ElementId anchor = anchor_at(g, traits[t.rule].root_cause_at, t.element);
    const std::uint32_t k = index.number(anchor, g.rule_weakness[t.rule]);
    if (k == sizes.size()) sizes.push_back(0);  // a new pair: number() gave the next number
    ++sizes[k];
    t.finding = k;
    finding_of[i.index()] = k;
    by_threat[i.index()] = {i, t.severity, t.status, traits[t.rule].hygiene};
  }
  // Each finding's members side by side, in threat order (a stable counting sort by finding),
  // then the findings made in order, each once: no vector of findings grown and moved.
  std::vector<std::uint32_t> start(sizes.size() + 1, 0);
  for (std::uint32_t k = 0; k < sizes.size(); ++k) start[k + 1] = start[k] + sizes[k];
  std::vector<Member> grouped(by_threat.size());
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < by_threat.size(); ++i) grouped[next[finding_of[i]]++] = by_threat[i];
  a.findings.clear();
  a.findings.reserve(sizes.size());
  constexpr std::uint32_t kAhead = 16;
  for (std::uint32_t k = 0; k < sizes.size(); ++k) {
    // The anchors are in no order, and each one's record (its id) was a cache miss: a third
    // of the time of this loop on the 100k model. Ask for a later one's record now.
    if (k + kAhead < sizes.size()) {
      const char* id = reinterpret_cast<const char*>(&g.elements[index.anchor(k + kAhead)].id);
      __builtin_prefetch(id);
      __builtin_prefetch(id + sizeof(std::string) - 1);
    }
    const std::span<const Member> members(grouped.data() + start[k], sizes[k]);
    make_finding(g, index, k, members, a.findings.emplace_back());
  }
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
