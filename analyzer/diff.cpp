#include "analyzer/diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace moat {

bool ModelDiff::empty() const {
  return added.empty() && removed.empty() && changed.empty() && renamed.empty() &&
         findings_added.empty() && findings_removed.empty() && findings_changed.empty() &&
         findings_renamed.empty() && controls.empty() && elements_added.empty() &&
         elements_removed.empty() && flows_added.empty() && flows_removed.empty() &&
         elements_renamed.empty() && flows_renamed.empty() && scans.empty();
}

namespace {

ThreatChange describe(const ModelGraph& g, const Threat& t) {
  const RuleRec& r = g.rules[t.rule];
  ThreatChange c;
  c.id = threat_id(g, t);
  c.rule = r.id;
  c.title = r.title;
  c.category = category_name(g, t.category);
  c.severity = severity_name(g, t.severity);
  c.severity_rank = t.severity;
  c.element = g.elements[t.element].id;
  c.before = c.after = t.status;
  for (const Cover& cover : t.covered_by) {
    if (cover.attribute) c.mitigated_by.push_back(cover_text(g, cover));
  }
  return c;
}

/// An element as the diff names it: a flow by its id, anything else with its kind in front.
std::string shown_id(const ModelGraph& g, ElementId e) {
  const ElementRec& rec = g.elements[e];
  return rec.kind == Kind::Flow ? rec.id : std::string(kind_name(rec.kind)) + " " + rec.id;
}

std::map<std::string, ThreatChange> threats_by_id(const AnalyzedModel& m) {
  std::map<std::string, ThreatChange> out;
  for (const Threat& t : m.analysis.threats) {
    ThreatChange c = describe(m.graph, t);
    out.emplace(c.id, std::move(c));
  }
  return out;
}

/// Element (or flow) ids of one side, with the kind in front so a renamed kind counts.
std::set<std::string> ids(const ModelGraph& g, bool flows) {
  std::set<std::string> out;
  for (ElementId e : g.elements.ids_from(1)) {
    if ((g.elements[e].kind == Kind::Flow) == flows) out.insert(shown_id(g, e));
  }
  return out;
}

void set_difference(const std::set<std::string>& a, const std::set<std::string>& b,
                    std::vector<std::string>& out) {
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
}

/// A flow without a name has an id derived from its endpoints' ids ("api_to_db__sync"), so
/// renaming an endpoint renames the flow: its id under the endpoints' new ids, when that is a
/// flow of the new side. A named flow, or one whose endpoints kept their ids, gives none.
ElementId derived_flow_renamed(const ModelGraph& before, ElementId old, const ModelGraph& after) {
  const std::string& id = before.elements[old].id;
  const FlowRec& f = before.flow(old);
  auto id_now = [&](ElementId end) -> std::string {
    const ElementId now = after.find(before.elements[end].id);
    return now == kNoElement ? std::string() : after.elements[now].id;
  };
  // The reverse half of a two-way flow runs target to source; its id is the declared direction's.
  for (const auto& [from, to] : {std::pair{f.source, f.target}, std::pair{f.target, f.source}}) {
    const std::string prefix = before.elements[from].id + "_to_" + before.elements[to].id;
    if (id.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string source = id_now(from), target = id_now(to);
    if (source.empty() || target.empty()) continue;
    const ElementId e = after.find(source + "_to_" + target + id.substr(prefix.size()));
    if (e != kNoElement && after.elements[e].kind == Kind::Flow) return e;
  }
  return kNoElement;
}

}  // namespace

ElementId renamed_to(const ModelGraph& before, ElementId old, const ModelGraph& after) {
  const ElementRec& rec = before.elements[old];
  ElementId e = after.find(rec.id);
  if (e == kNoElement && rec.kind == Kind::Flow) e = derived_flow_renamed(before, old, after);
  if (e == kNoElement || after.elements[e].id == rec.id) return kNoElement;
  return after.elements[e].kind == rec.kind ? e : kNoElement;
}

namespace {

void diff_threats(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d) {
  auto old_threats = threats_by_id(before), new_threats = threats_by_id(after);
  match_same_ids(old_threats, new_threats, d.changed);
  // What is left on the old side may be a renamed element's threat under its new id.
  for (const Threat& t : before.analysis.threats) {
    auto old = old_threats.find(threat_id(before.graph, t));
    const ElementId e =
        old == old_threats.end() ? kNoElement : renamed_to(before.graph, t.element, after.graph);
    if (e == kNoElement) continue;
    auto now = new_threats.find(after.graph.elements[e].id + "." + old->second.rule);
    if (now == new_threats.end()) continue;
    ThreatChange c = now->second;
    c.previous_id = old->first;
    c.before = old->second.before;
    d.renamed.push_back(std::move(c));
    old_threats.erase(old);
    new_threats.erase(now);
  }
  std::sort(d.renamed.begin(), d.renamed.end(),
            [](const ThreatChange& a, const ThreatChange& b) { return a.id < b.id; });
  for (auto& [id, t] : new_threats) d.added.push_back(std::move(t));
  for (auto& [id, t] : old_threats) d.removed.push_back(std::move(t));
}

/// Elements and flows: renamed ones (through `was`) first, then what is left added or removed.
void diff_elements(const ModelGraph& before, const ModelGraph& after, bool flows, ModelDiff& d) {
  std::set<std::string> old_ids = ids(before, flows), new_ids = ids(after, flows);
  std::vector<Rename>& renamed = flows ? d.flows_renamed : d.elements_renamed;
  for (ElementId e : before.elements.ids_from(1)) {
    if ((before.elements[e].kind == Kind::Flow) != flows) continue;
    const ElementId now = renamed_to(before, e, after);
    if (now == kNoElement || !new_ids.erase(shown_id(after, now))) continue;
    old_ids.erase(shown_id(before, e));
    renamed.push_back({shown_id(before, e), shown_id(after, now)});
  }
  std::sort(renamed.begin(), renamed.end(),
            [](const Rename& a, const Rename& b) { return a.before < b.before; });
  set_difference(new_ids, old_ids, flows ? d.flows_added : d.elements_added);
  set_difference(old_ids, new_ids, flows ? d.flows_removed : d.elements_removed);
}

void diff_controls(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d) {
  std::map<std::string, std::pair<ControlStatus, ControlBasis>> old_status;
  for (const ControlResult& c : before.analysis.controls) {
    old_status[before.graph.criteria[c.criterion].id] = {c.status, c.basis};
  }
  for (const ControlResult& c : after.analysis.controls) {
    const CriterionRec& cr = after.graph.criteria[c.criterion];
    auto it = old_status.find(cr.id);
    const auto [was, was_basis] = it == old_status.end()
                                      ? std::pair{ControlStatus::NotAssessed, ControlBasis::None}
                                      : it->second;
    if (was != c.status || was_basis != c.basis)
      d.controls.push_back({cr.id, cr.title, cr.category, was, c.status, was_basis, c.basis});
  }
}

void diff_readiness(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d) {
  for (std::uint8_t cat = 0; cat < builtin::kSoc2Categories.size(); ++cat) {
    ReadinessChange r;
    r.category = cat;
    bool any = false;
    for (const CategorySummary& s : before.analysis.categories) {
      if (s.category == cat) r.before = s, any = true;
    }
    for (const CategorySummary& s : after.analysis.categories) {
      if (s.category == cat) r.after = s, any = true;
    }
    if (any) d.readiness.push_back(r);
  }
}

}  // namespace

ModelDiff diff_models(const AnalyzedModel& before, const AnalyzedModel& after) {
  ModelDiff d;
  diff_threats(before, after, d);
  diff_findings(before, after, d);
  diff_controls(before, after, d);
  diff_readiness(before, after, d);
  diff_elements(before.graph, after.graph, false, d);
  diff_elements(before.graph, after.graph, true, d);
  d.scans =
      diff_scan_results(before.graph, before.analysis.scans, after.graph, after.analysis.scans);
  return d;
}

}  // namespace moat
