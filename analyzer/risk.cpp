#include "analyzer/risk.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include <fmt/format.h>

#include "analyzer/risk_severities.hpp"
#include "compiler/attr_slot.hpp"
#include "compiler/attrs.hpp"
#include "compiler/parallel.hpp"

namespace moat {

const char* impact_name(Impact i) {
  static constexpr const char* kNames[] = {"low", "moderate", "high", "severe"};
  return kNames[static_cast<int>(i)];
}

const char* likelihood_name(Likelihood l) {
  static constexpr const char* kNames[] = {"unlikely", "possible", "likely", "very likely"};
  return kNames[static_cast<int>(l)];
}

RuleTraits rule_traits(const ModelGraph& g, RuleId rule) {
  const RuleRec& r = g.rules[rule];
  RuleTraits t;
  t.weakness = g.weaknesses[g.rule_weakness[rule]];  // compiler/weaknesses.hpp
  if (r.expert()) {
    // An expert-written threat: its own root cause, at the severity the expert gave it.
    t.fixed_severity = true;
    return t;
  }
  const Attrs f{g, DeclKind::Rule, r.attrs};
  t.root_cause_at = f.ordinal("root_cause_at");
  t.hygiene = f.flag("hygiene");
  t.fixed_severity = f.flag("fixed_severity");
  return t;
}

namespace {

constexpr std::uint8_t kUntrusted = builtin::kTrustUntrusted.ordinal;
constexpr std::uint8_t kPartner = builtin::kTrustPartner.ordinal;
constexpr std::uint8_t kConfidential = builtin::kClassificationConfidential.ordinal;
constexpr std::uint8_t kSecret = builtin::kClassificationSecret.ordinal;

/// The attributes the weighing reads, their slots resolved once per kind: looking each name up
/// in the kind's slot map for every element, flow and data asset weighed (`attrs_of(..).get`)
/// was about 6 % of the check of a 100k-element model.
class RiskSlots {
 public:
  enum Name { Holds, Carries, Classification, Pii, Credentials, Authn, kNames };

  explicit RiskSlots(const ModelGraph& g)
      : g_(g), slots_{AttrSlot(g, "holds"),          AttrSlot(g, "carries"),
                      AttrSlot(g, "classification"), AttrSlot(g, "pii"),
                      AttrSlot(g, "credentials"),    AttrSlot(g, "authn")} {}

  /// What attrs_of(g, e).get(name) reads.
  Val get(ElementId e, Name n) const { return slots_[n].of(g_, e); }
  bool flag(ElementId e, Name n) const { return slots_[n].flag(g_, e); }
  std::uint8_t ordinal(ElementId e, Name n) const {
    const Val v = get(e, n);
    return v.is_set() ? static_cast<std::uint8_t>(v.bits) : 0;
  }
  /// The items of a list attribute, as raw values (ids or ordinals).
  std::span<const Val> list(ElementId e, Name n) const {
    const Val v = get(e, n);
    if (!v.is_set()) return {};
    return {g_.list_items.data() + v.list_offset(), v.list_size()};
  }
  /// A data element's impact (weighed once each by remember_impacts()), or what an element of
  /// another kind listed as data would weigh.
  Impact impact(ElementId d) const;
  /// Weighs every data element's impact now, so impact() only reads: a data asset is carried by
  /// many flows, and threads weighing threats share these slots.
  void remember_impacts();

 private:
  const ModelGraph& g_;
  std::array<AttrSlot, kNames> slots_;  ///< in the order of Name
  /// Per data element: its impact; empty unless remember_impacts().
  IdVector<ElementId, std::int8_t> impact_;
};

/// A data element's impact: secret, credentials and confidential personal data are severe.
Impact impact_of_data(const RiskSlots& s, ElementId d) {
  const std::uint8_t cls = s.ordinal(d, RiskSlots::Classification);
  const bool pii = s.flag(d, RiskSlots::Pii);
  if (cls >= kSecret || s.flag(d, RiskSlots::Credentials) || (pii && cls >= kConfidential))
    return Impact::Severe;
  if (cls >= kConfidential || pii) return Impact::High;
  return cls > 0 ? Impact::Moderate : Impact::Low;
}

Impact RiskSlots::impact(ElementId d) const {
  // A model may declare `holds` on another kind, listing elements that are not data: weighed
  // here as data would be, without a slot kept for them.
  if (impact_.empty() || impact_[d] < 0) return impact_of_data(*this, d);
  return static_cast<Impact>(impact_[d]);
}

void RiskSlots::remember_impacts() {
  impact_.assign(g_.elements.size(), -1);
  for (ElementId d : g_.elements.ids()) {
    if (g_.elements[d].kind == Kind::Data)
      impact_[d] = static_cast<std::int8_t>(impact_of_data(*this, d));
  }
}

/// The most sensitive data at stake: carried by the element's flows, or held by it.
void assess_impact(const ModelGraph& g, const RiskSlots& s, ElementId e, RiskAssessment& r) {
  auto weigh = [&](ElementId d) {
    const Impact i = s.impact(d);
    if (r.impact_data == kNoElement || i > r.impact) {
      r.impact = i;
      r.impact_data = d;
    }
  };
  // In the order the data was listed: held, the element itself, then carried by each flow.
  for (const Val d : s.list(e, RiskSlots::Holds)) weigh(d.id<ElementId>());
  if (g.elements[e].kind == Kind::Data) weigh(e);
  auto carried = [&](ElementId f) {
    for (const Val d : s.list(f, RiskSlots::Carries)) weigh(d.id<ElementId>());
  };
  // Every flow into or out of `e` (inbound first), or `e` itself when it is a flow.
  if (g.elements[e].kind == Kind::Flow) {
    carried(e);
    return;
  }
  for (ElementId f : g.inbound_of(e)) carried(f);
  for (ElementId f : g.outbound_of(e)) carried(f);
}

/// Whether a call over `flow` must authenticate: on the flow, or at the process it reaches.
bool authenticated(const ModelGraph& g, const RiskSlots& s, ElementId flow) {
  const FlowRec& fr = g.flow(flow);
  // `authn` is a list of methods: any method but `none` (ordinal 0) authenticates.
  auto any_method = [&](ElementId e) {
    for (const Val m : s.list(e, RiskSlots::Authn))
      if (static_cast<std::uint8_t>(m.bits) != 0) return true;
    return false;
  };
  if (any_method(flow)) return true;
  return g.elements[fr.target].kind == Kind::Process && any_method(fr.target);
}

/// One inbound flow's exposure: how trusted its source is and whether it authenticates.
Likelihood exposure_of(const ModelGraph& g, const RiskSlots& s, ElementId flow,
                       std::uint8_t own_trust) {
  const std::uint8_t caller = g.elements[g.flow(flow).source].trust;
  const bool authn = authenticated(g, s, flow);
  if (caller == kUntrusted) return authn ? Likelihood::Likely : Likelihood::VeryLikely;
  if (caller == kPartner && !authn) return Likelihood::Likely;
  // Our own services in a less trusted internal zone (log and backup shipping into a
  // restricted account) are a step removed from an attacker; people and outside systems are not.
  const Kind kind = g.elements[g.flow(flow).source].kind;
  const bool outsider = kind == Kind::Actor || kind == Kind::External || caller <= kPartner;
  return caller < own_trust && outsider ? Likelihood::Possible : Likelihood::Unlikely;
}

/// The likelihood of `e`, with the reason in `r.exposure` when `reasons`.
void assess_likelihood(const ModelGraph& g, const RiskSlots& s, ElementId e, RiskAssessment& r,
                       bool reasons) {
  const ElementRec& el = g.elements[e];
  if (el.kind == Kind::Actor || el.kind == Kind::External) {
    // The element is the caller: its own trust says how far it stands from us.
    r.likelihood = el.trust == kUntrusted ? Likelihood::Likely
                   : el.trust == kPartner ? Likelihood::Possible
                                          : Likelihood::Unlikely;
    if (reasons)
      r.exposure =
          "'" + el.id + "' is itself a caller of trust " + member_name(g, "trust", el.trust);
    return;
  }
  std::vector<ElementId> inbound;
  std::uint8_t own = el.trust;
  if (el.kind == Kind::Flow) {
    inbound.push_back(e);
    own = g.elements[g.flow(e).target].trust;
  } else {
    const std::span<const ElementId> in = g.inbound_of(e);
    inbound.assign(in.begin(), in.end());
  }
  if (reasons) r.exposure = "no caller from a less trusted zone";
  for (ElementId f : inbound) {
    const Likelihood l = exposure_of(g, s, f, own);
    if (l <= r.likelihood) continue;
    r.likelihood = l;
    if (!reasons) continue;
    const ElementId source = g.flow(f).source;
    r.exposure = "flow '" + g.elements[f].id + "' from '" + g.elements[source].id + "' (trust " +
                 member_name(g, "trust", g.elements[source].trust) + ", " +
                 (authenticated(g, s, f) ? "authenticated" : "no authentication") + ")";
  }
}

/// What bounds a rule's severity by risk, read from its attributes once.
struct RuleBounds {
  bool fixed = false;     ///< the severity as written (rule_traits().fixed_severity)
  std::uint8_t base = 0;  ///< the rule's severity
  std::uint8_t low = 0;   ///< two steps below it at the least
  /// The highest severity risk may give: one step above the rule's; a hygiene rule's severity
  /// is a ceiling, so exposure ranks it but never raises it.
  std::uint8_t high = 0;
};

RuleBounds bounds_of(const ModelGraph& g, RuleId rule) {
  const RuleTraits t = rule_traits(g, rule);
  RuleBounds b;
  b.fixed = t.fixed_severity;
  b.base = g.rules[rule].severity;
  b.low = static_cast<std::uint8_t>(std::max(0, b.base - 2));
  b.high = static_cast<std::uint8_t>(std::min(4, b.base + (t.hygiene ? 0 : 1)));
  return b;
}

int ceiling(const ModelGraph& g, RuleId rule) {
  return bounds_of(g, rule).high;
}

/// Why rule `rule` on `e` keeps its severity as written; "" when risk decides it.
const char* why_fixed(const ModelGraph& g, RuleId rule, ElementId e) {
  if (rule_traits(g, rule).fixed_severity) {
    return g.rules[rule].expert() ? "an expert-written threat keeps the severity it was given"
                                  : "the rule sets fixed_severity = true";
  }
  const Kind kind = g.elements[e].kind;
  if (kind == Kind::Data || kind == Kind::Boundary) {
    return "a threat on a data or boundary element has no exposure to weigh";
  }
  return "";
}

/// The matrix cell kept within the rule's bounds: [its severity - 2, ceiling].
std::uint8_t bounded(const ModelGraph& g, RuleId rule, std::uint8_t cell) {
  const int low = std::max(0, g.rules[rule].severity - 2);
  return static_cast<std::uint8_t>(std::clamp(static_cast<int>(cell), low, ceiling(g, rule)));
}

}  // namespace

RiskAssessment assess_risk(const ModelGraph& g, RuleId rule, ElementId e) {
  RiskAssessment r;
  r.base = g.rules[rule].severity;
  r.severity = r.base;
  r.why_fixed = why_fixed(g, rule, e);
  if (!r.why_fixed.empty()) return r;
  r.derived = true;
  const RiskSlots slots(g);
  assess_impact(g, slots, e, r);
  assess_likelihood(g, slots, e, r, true);
  r.cell = kRiskMatrix[static_cast<int>(r.impact)][static_cast<int>(r.likelihood)];
  r.severity = bounded(g, rule, r.cell);
  return r;
}

namespace {

/// The severity of a threat of a rule bounded by `b` on `e`, as assess_risk() gives it; `cells`
/// keeps each element's matrix cell (-1 until weighed), which does not depend on the rule.
std::uint8_t risk_severity(const ModelGraph& g, std::optional<RiskSlots>& s, const RuleBounds& b,
                           ElementId e, IdVector<ElementId, std::int8_t>& cells) {
  const Kind kind = g.elements[e].kind;
  if (b.fixed || kind == Kind::Data || kind == Kind::Boundary) return b.base;  // why_fixed()
  if (cells[e] < 0) {
    RiskAssessment r;
    if (!s) s.emplace(g);  // only when an element is weighed
    assess_impact(g, *s, e, r);
    assess_likelihood(g, *s, e, r, false);
    cells[e] = static_cast<std::int8_t>(
        kRiskMatrix[static_cast<int>(r.impact)][static_cast<int>(r.likelihood)]);
  }
  return std::clamp(static_cast<std::uint8_t>(cells[e]), b.low, b.high);
}

/// Threats weighed per range when there are several ranges.
constexpr std::uint32_t kRiskRange = 16384;

/// Borders of ranges of about `size` threats (the first, ..., the end), each range starting at an
/// element's first threat.
std::vector<ThreatId> element_borders(const IdVector<ThreatId, Threat>& threats,
                                      std::uint32_t size) {
  std::vector<ThreatId> borders{ThreatId(0)};
  const auto end = static_cast<std::uint32_t>(threats.size());
  for (std::uint32_t i = size; i < end; i += size) {
    while (i < end && threats[ThreatId(i)].element == threats[ThreatId(i - 1)].element) ++i;
    if (i < end) borders.push_back(ThreatId(i));
  }
  borders.push_back(ThreatId(end));
  return borders;
}

}  // namespace

RiskCache::RiskCache(const ModelGraph& g) : g_(g), cells_(g.elements.size(), -1) {}

std::uint8_t RiskCache::severity(RuleId rule, ElementId e) {
  std::optional<RiskSlots> slots;
  return risk_severity(g_, slots, bounds_of(g_, rule), e, cells_);
}

void assign_risk_severities(const ModelGraph& g, IdVector<ThreatId, Threat>& threats) {
  // Each rule's bounds once: reading them from its attributes for every threat (by name, twice)
  // was a third of the analysis of a large model.
  IdVector<RuleId, RuleBounds> bounds;
  bounds.reserve(g.rules.size());
  for (RuleId r : g.rules.ids()) bounds.push_back(bounds_of(g, r));
  IdVector<ElementId, std::int8_t> cells(g.elements.size(), -1);
  std::optional<RiskSlots> slots(std::in_place, g);
  slots->remember_impacts();
  // Threats come in element order, and only an element's own threats weigh its cell: ranges
  // that start at an element's first threat can be weighed on their own threads.
  const std::vector<ThreatId> borders = element_borders(threats, kRiskRange);
  const std::size_t threads = borders.size() > 2 ? worker_threads() : 1;
  for_each_piece(borders.size() - 1, threads, [&](std::size_t i) {
    for (ThreatId t = borders[i]; t < borders[i + 1]; t = ThreatId(t.index() + 1)) {
      Threat& threat = threats[t];
      // A threat raised from scanner results has the severity the scanner gave (raise_threats).
      if (threat.scan_results.empty())
        threat.severity = risk_severity(g, slots, bounds[threat.rule], threat.element, cells);
    }
  });
}

std::string explain_risk(const ModelGraph& g, RuleId rule, ElementId e) {
  const RiskAssessment r = assess_risk(g, rule, e);
  const auto sev = [&](std::uint8_t s) { return member_name(g, "severity", s); };
  if (!r.derived) {
    return fmt::format("severity: {}, the rule's severity as written: {}\n", sev(r.severity),
                       r.why_fixed);
  }
  std::string out = fmt::format("severity: {} (by risk)\n", sev(r.severity));
  if (r.impact_data == kNoElement) {
    out += fmt::format("  impact {}: no data is carried, held or reachable here\n",
                       impact_name(r.impact));
  } else {
    const Attrs d = attrs_of(g, r.impact_data);
    out +=
        fmt::format("  impact {}: data '{}' (classification {}{}{}) is at stake\n",
                    impact_name(r.impact), g.elements[r.impact_data].id, d.member("classification"),
                    d.flag("pii") ? ", pii" : "", d.flag("credentials") ? ", credentials" : "");
  }
  out += fmt::format("  likelihood {}: {}\n", likelihood_name(r.likelihood), r.exposure);
  out += fmt::format("  matrix cell: {} impact x {} -> {}\n", impact_name(r.impact),
                     likelihood_name(r.likelihood), sev(r.cell));
  out += fmt::format("  rule severity {}: the result stays within {}..{}{}\n", sev(r.base),
                     sev(static_cast<std::uint8_t>(std::max(0, r.base - 2))),
                     sev(static_cast<std::uint8_t>(ceiling(g, rule))),
                     r.cell != r.severity ? ", so " + sev(r.severity) : "");
  return out;
}

}  // namespace moat
