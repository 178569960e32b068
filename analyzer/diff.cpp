#include "analyzer/diff.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace moat {

bool ModelDiff::empty() const {
  return added.empty() && removed.empty() && changed.empty() && controls.empty() &&
         elements_added.empty() && elements_removed.empty() && flows_added.empty() &&
         flows_removed.empty();
}

namespace {

ThreatChange describe(const ModelGraph& g, const Threat& t) {
  const RuleRec& r = g.rules[t.rule];
  ThreatChange c;
  c.id = threat_id(g, t);
  c.rule = r.id;
  c.title = r.title;
  c.category = category_name(g, r.category);
  c.severity = severity_name(g, r.severity);
  c.severity_rank = r.severity;
  c.element = g.elements[t.element].id;
  c.before = c.after = t.status;
  return c;
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
  for (ElementId e = 1; e < g.elements.size(); ++e) {
    if ((g.elements[e].kind == Kind::Flow) == flows) {
      out.insert(flows ? g.elements[e].id
                       : std::string(kind_name(g.elements[e].kind)) + " " + g.elements[e].id);
    }
  }
  return out;
}

void set_difference(const std::set<std::string>& a, const std::set<std::string>& b,
                    std::vector<std::string>& out) {
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
}

void diff_threats(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d) {
  const auto old_threats = threats_by_id(before), new_threats = threats_by_id(after);
  for (const auto& [id, t] : new_threats) {
    auto it = old_threats.find(id);
    if (it == old_threats.end()) {
      d.added.push_back(t);
    } else if (it->second.before != t.after) {
      ThreatChange c = t;
      c.before = it->second.before;
      d.changed.push_back(c);
    }
  }
  for (const auto& [id, t] : old_threats) {
    if (!new_threats.count(id)) d.removed.push_back(t);
  }
}

void diff_controls(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d) {
  std::map<std::string, ControlStatus> old_status;
  for (const ControlResult& c : before.analysis.controls) {
    old_status[before.graph.criteria[c.criterion].id] = c.status;
  }
  for (const ControlResult& c : after.analysis.controls) {
    const CriterionRec& cr = after.graph.criteria[c.criterion];
    auto it = old_status.find(cr.id);
    const ControlStatus was = it == old_status.end() ? ControlStatus::NotAssessed : it->second;
    if (was != c.status) d.controls.push_back({cr.id, cr.title, cr.category, was, c.status});
  }
}

void diff_readiness(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d) {
  for (std::uint8_t cat = 0; cat < 5; ++cat) {
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
  diff_controls(before, after, d);
  diff_readiness(before, after, d);
  set_difference(ids(after.graph, false), ids(before.graph, false), d.elements_added);
  set_difference(ids(before.graph, false), ids(after.graph, false), d.elements_removed);
  set_difference(ids(after.graph, true), ids(before.graph, true), d.flows_added);
  set_difference(ids(before.graph, true), ids(after.graph, true), d.flows_removed);
  return d;
}

}  // namespace moat
