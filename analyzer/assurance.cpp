#include "analyzer/assurance.hpp"

#include <algorithm>
#include <unordered_map>

#include "analyzer/findings.hpp"
#include "analyzer/scan_threats.hpp"
#include "compiler/literals.hpp"
#include "compiler/suggest.hpp"

namespace moat {

bool names_element(const ModelGraph& g, ElementId named, ElementId e) {
  if (named == e) return true;
  if (g.elements[e].kind != Kind::Flow) return false;
  const FlowRec& f = g.flow(e);
  return f.reverse && f.partner == named;
}

bool covers(const ModelGraph& g, const TargetRef& target, RuleId rule, ElementId element) {
  // A finding covers its members: the threats of its weakness anchored where it is.
  if (target.form == TargetRef::Form::Finding)
    return g.rule_weakness[rule] == target.weakness &&
           finding_anchor(g, rule, element) == target.element;
  if (!names_element(g, target.element, element)) return false;
  switch (target.form) {
    case TargetRef::Form::Element:
      return true;
    case TargetRef::Form::Category:
      return g.rules[rule].category == target.category;
    case TargetRef::Form::Rule:
      return target.rule == rule;
    case TargetRef::Form::Finding:
      break;  // above
  }
  return false;
}

bool covers(const ModelGraph& g, const TargetRef& target, const Threat& th) {
  // A threat raised from scanner results: its own category, and the scanner rule if named.
  if (target.form == TargetRef::Form::Category)
    return names_element(g, target.element, th.element) && th.category == target.category;
  const std::string_view key = target_scan_key(target);
  if (!key.empty() && key != th.scan_rule) return false;
  return covers(g, target, th.rule, th.element);
}

namespace {

std::string describe_target(const ModelGraph& g, const TargetRef& t) {
  const std::string& element = g.elements[t.element].id;
  switch (t.form) {
    case TargetRef::Form::Element:
      return "no rule raises a threat on '" + element + "'";
    case TargetRef::Form::Category:
      return "no rule raises a threat of category '" + category_name(g, t.category) + "' on '" +
             element + "'";
    case TargetRef::Form::Rule:
      if (const std::string_view key = target_scan_key(t); !key.empty())
        return "no open result of scanner rule '" + std::string(key) + "' raises '" +
               g.rules[t.rule].id + "' on '" + element + "'";
      return "rule '" + g.rules[t.rule].id + "' does not fire on '" + element + "'";
    case TargetRef::Form::Finding: {
      // A rule's id is its weakness when it names none: say why it was not read as the rule.
      const std::string& w = g.weaknesses[t.weakness];
      const bool rule =
          std::any_of(g.rules.begin(), g.rules.end(), [&](const RuleRec& r) { return r.id == w; });
      return (rule ? "rule '" + w + "' does not apply to '" + element + "', and " : "") +
             "no finding '" + t.text + "': no threat of weakness '" + w + "' is anchored to '" +
             element + "'";
    }
  }
  return {};
}

/// An unmatched finding target: the finding ids of its weakness that do exist, the closest
/// proposed ("did you mean"); a note when no rule raised that weakness at all.
void suggest_finding(const ModelGraph& g, const IdVector<ThreatId, Threat>& threats,
                     const TargetRef& t, Diagnostic& d) {
  std::vector<std::string> ids;
  for (const Threat& th : threats) {
    if (g.rule_weakness[th.rule] == t.weakness)
      ids.push_back(g.elements[finding_anchor(g, th)].id + "." + g.weaknesses[t.weakness]);
  }
  if (ids.empty()) {
    d.notes.push_back(
        {{},
         "no rule raises a threat of weakness '" + g.weaknesses[t.weakness] + "' in this model"});
    return;
  }
  const std::vector<std::string_view> names(ids.begin(), ids.end());
  DiagnosticSink::suggest(d, closest_match(t.text, names));
}

/// "WHAT covers no threat: why", with a finding's "did you mean" when the target is a finding.
void report_unmatched(const ModelGraph& g, const IdVector<ThreatId, Threat>& threats, DiagKind kind,
                      const TargetRef& t, const std::string& what, DiagnosticSink& diags) {
  Diagnostic& d = diags.report(kind, t.span, what + " covers no threat: " + describe_target(g, t));
  if (t.form == TargetRef::Form::Finding) suggest_finding(g, threats, t, d);
}

/// Every mitigation target and acceptance, as Covers, by the element whose threats they can
/// cover; and, per target, the rules of the threats it does cover (filled by apply_assurance).
class TargetIndex {
 public:
  explicit TargetIndex(const ModelGraph& g) {
    first_accept_ = 0;
    for (MitigationId m : g.mitigations.ids()) {
      first_target_.push_back(first_accept_);
      const std::vector<TargetRef>& targets = g.mitigations[m].targets;
      for (std::uint32_t t = 0; t < targets.size(); ++t)
        add(g, targets[t], Cover::of_mitigation(m, t));
      first_accept_ += static_cast<std::uint32_t>(targets.size());
    }
    for (AcceptId a : g.accepts.ids()) add(g, g.accepts[a].target, Cover::of_acceptance(a));
    first_dismissal_ = first_accept_ + static_cast<std::uint32_t>(g.accepts.size());
    for (DismissId d : g.dismissals.ids()) add(g, g.dismissals[d].target, Cover::of_dismissal(d));
    rules_.resize(first_dismissal_ + g.dismissals.size());
  }

  /// The targets that may cover the threat: those naming its element and the finding targets
  /// anchored where its finding is, in declaration order (mitigations, acceptances, dismissals).
  std::vector<Cover> candidates(const ModelGraph& g, const Threat& th) const {
    std::vector<Cover> out;
    if (auto it = by_element_.find(th.element); it != by_element_.end()) out = it->second;
    if (!by_anchor_.empty()) {
      if (auto it = by_anchor_.find(finding_anchor(g, th)); it != by_anchor_.end()) {
        out.insert(out.end(), it->second.begin(), it->second.end());
        std::stable_sort(out.begin(), out.end(),
                         [&](const Cover& a, const Cover& b) { return slot(a) < slot(b); });
      }
    }
    return out;
  }
  void covered(const Cover& c, RuleId rule) { rules_[slot(c)].push_back(rule); }
  /// The distinct rules whose threats `c` covers, in rule declaration order.
  std::vector<RuleId>& rules(const Cover& c) {
    std::vector<RuleId>& r = rules_[slot(c)];
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
  }

 private:
  void add(const ModelGraph& g, const TargetRef& t, Cover c) {
    const ElementId e = t.element;
    if (e == kNoElement) return;
    if (t.form == TargetRef::Form::Finding) {
      by_anchor_[e].push_back(c);  // a finding is anchored through the declared direction
      return;
    }
    by_element_[e].push_back(c);
    // A target naming a two-way flow names both of its directions.
    if (g.elements[e].kind == Kind::Flow && !g.flow(e).reverse && g.flow(e).partner != kNoElement)
      by_element_[g.flow(e).partner].push_back(c);
  }
  std::size_t slot(const Cover& c) const {
    if (c.dismissal) return first_dismissal_ + c.dismiss.index();
    return c.acceptance ? first_accept_ + c.accept.index() : first_target_[c.mitigation] + c.target;
  }

  std::unordered_map<ElementId, std::vector<Cover>> by_element_;
  std::unordered_map<ElementId, std::vector<Cover>> by_anchor_;  ///< finding targets
  IdVector<MitigationId, std::uint32_t> first_target_;  ///< per mitigation: its first target's slot
  std::uint32_t first_accept_ = 0;                      ///< the slot of the first acceptance
  std::uint32_t first_dismissal_ = 0;                   ///< the slot of the first dismissal
  std::vector<std::vector<RuleId>> rules_;              ///< per slot
};

/// Records which targets cover the threat and sets its status.
void cover_threat(const ModelGraph& g, std::int64_t today, TargetIndex& index, Threat& th) {
  const std::vector<Cover> candidates = index.candidates(g, th);
  if (candidates.empty()) return;
  // A controlling attribute (raise_threats) mitigates whatever else covers the threat.
  bool mitigated = th.status == ThreatStatus::Mitigated, accepted = false;
  for (const Cover& c : candidates) {
    if (!covers(g, cover_target(g, c), th)) continue;
    index.covered(c, th.rule);
    th.covered_by.push_back(c);
    if (c.dismissal) {
      if (th.dismissal.is_none()) th.dismissal = c.dismiss;
      continue;
    }
    if (c.acceptance) {
      const auto& expires = g.accepts[c.accept].expires;
      const bool expired = expires && *expires < today;
      if (th.acceptance.is_none() || !expired) {
        th.acceptance = c.accept;
        th.acceptance_expired = expired;
      }
      accepted = accepted || !expired;
      continue;
    }
    if (th.mitigations.empty() || th.mitigations.back() != c.mitigation)
      th.mitigations.push_back(c.mitigation);
    mitigated = mitigated || g.mitigations[c.mitigation].status >= kImplemented;
  }
  // A dismissal says the threat is not real here: that outranks any control claimed for it.
  th.status = !th.dismissal.is_none() ? ThreatStatus::Dismissed
              : mitigated             ? ThreatStatus::Mitigated
              : accepted              ? ThreatStatus::Accepted
                                      : ThreatStatus::Open;
}

/// A target covering the threats of several rules: the model claims more than it may mean.
void report_broad(const ModelGraph& g, const TargetRef& t, const std::string& owner,
                  const std::vector<RuleId>& rules, DiagnosticSink& diags,
                  const char* decision = "accept") {
  // A finding groups threats of one root cause: naming it is exact, however many rules it spans.
  if (t.form == TargetRef::Form::Finding) return;
  constexpr std::size_t kListed = 20;
  // The element's current id: a target written with an earlier id (`was`) gets today's names.
  const std::string& head = g.elements[t.element].id;
  std::string list;
  for (std::size_t i = 0; i < rules.size() && i < kListed; ++i)
    list += (i ? ", " : "") + head + "." + g.rules[rules[i]].id;
  if (rules.size() > kListed) list += ", and " + std::to_string(rules.size() - kListed) + " more";
  const bool decided = owner.empty();
  const std::string verb = decision;
  const std::string noun = verb == "accept" ? "acceptance" : "dismissal";
  Diagnostic& d = diags.report(DiagKind::BroadTarget, t.span,
                               (decided ? "the " + noun + " of '" + t.text + "'"
                                        : "'" + t.text + "' in mitigation '" + owner + "'") +
                                   " covers the threats of " + std::to_string(rules.size()) +
                                   " rules: " + list);
  d.notes.push_back({{},
                     decided
                         ? "to " + verb + " exactly what you mean, " + verb +
                               " each threat on its own (" + verb + " ELEMENT.RULE): " + list
                         : "to claim exactly what '" + owner + "' mitigates, replace '" + t.text +
                               "' with the threats it addresses (ELEMENT.RULE): " + list});
}

void check_dismissals(const ModelGraph& g, const IdVector<ThreatId, Threat>& threats,
                      TargetIndex& index, DiagnosticSink& diags) {
  for (DismissId i : g.dismissals.ids()) {
    const DismissRec& rec = g.dismissals[i];
    if (rec.target.element == kNoElement) continue;
    const std::vector<RuleId>& rules = index.rules(Cover::of_dismissal(i));
    if (rules.size() > 1) report_broad(g, rec.target, "", rules, diags, "dismiss");
    if (!rules.empty()) continue;
    report_unmatched(g, threats, DiagKind::UnmatchedDismissal, rec.target,
                     "the dismissal of '" + rec.target.text + "'", diags);
  }
}

}  // namespace

void apply_assurance(const ModelGraph& g, std::int64_t today, IdVector<ThreatId, Threat>& threats,
                     DiagnosticSink& diags) {
  TargetIndex index(g);
  for (Threat& th : threats) cover_threat(g, today, index, th);
  check_dismissals(g, threats, index, diags);

  for (MitigationId m : g.mitigations.ids()) {
    const MitigationRec& rec = g.mitigations[m];
    for (std::uint32_t t = 0; t < rec.targets.size(); ++t) {
      const std::vector<RuleId>& rules = index.rules(Cover::of_mitigation(m, t));
      if (rules.size() > 1) report_broad(g, rec.targets[t], rec.id, rules, diags);
      if (!rules.empty()) continue;
      report_unmatched(g, threats, DiagKind::UnmatchedMitigation, rec.targets[t],
                       "'" + rec.targets[t].text + "' in mitigation '" + rec.id + "'", diags);
    }
    if (rec.due && *rec.due < today && rec.status < kImplemented) {
      diags.report(DiagKind::OverdueItem, rec.id_span,
                   "mitigation '" + rec.id + "' was due on " + format_date(*rec.due) +
                       " and is not implemented yet");
    }
  }
  for (AcceptId a : g.accepts.ids()) {
    const AcceptRec& rec = g.accepts[a];
    if (rec.target.element == kNoElement) continue;
    const std::vector<RuleId>& rules = index.rules(Cover::of_acceptance(a));
    if (rules.size() > 1) report_broad(g, rec.target, "", rules, diags);
    if (rec.expires && *rec.expires < today) {
      diags.report(DiagKind::AcceptanceExpired, rec.target.span,
                   "the acceptance of '" + rec.target.text + "' expired on " +
                       format_date(*rec.expires) + "; its threats are open again");
    } else if (rules.empty()) {
      report_unmatched(g, threats, DiagKind::UnmatchedAcceptance, rec.target,
                       "the acceptance of '" + rec.target.text + "'", diags);
    }
  }
}

bool rests_on_unverified(const ModelGraph& g, const IdVector<ThreatId, Threat>& threats,
                         MitigationId mitigation) {
  const MitigationRec& m = g.mitigations[mitigation];
  for (AssumptionId a : m.assumes) {
    if (g.assumptions[a].status != kAssumptionVerified) return true;
  }
  for (const AssumptionRec& a : g.assumptions) {
    if (a.status == kAssumptionVerified) continue;
    for (const Threat& t : threats) {
      bool covered = false;
      for (MitigationId x : t.mitigations) covered = covered || x == mitigation;
      if (!covered) continue;
      for (ElementId e : a.affects) {
        if (e == t.element) return true;
      }
    }
  }
  return false;
}

}  // namespace moat
