// `moat diff` for findings: threats of one root cause, matched across the two sides by id, and
// across a rename of the element they are anchored to through `was`, as threats are.
#include <algorithm>
#include <map>

#include "analyzer/diff.hpp"

namespace moat {

namespace {

FindingChange describe(const ModelGraph& g, const Analysis& a, const Finding& f) {
  FindingChange c;
  c.id = f.id;
  c.weakness = f.weakness;
  c.anchor = g.elements[f.anchor].id;
  c.severity = severity_name(g, f.severity);
  c.severity_rank = f.severity;
  c.title = g.rules[a.threats[f.lead].rule].title;
  c.before = c.after = f.status;
  for (ThreatId m : f.members) c.threats.push_back(threat_id(g, a.threats[m]));
  return c;
}

std::map<std::string, FindingChange> findings_by_id(const AnalyzedModel& m) {
  std::map<std::string, FindingChange> out;
  for (const Finding& f : m.analysis.findings) out.emplace(f.id, describe(m.graph, m.analysis, f));
  return out;
}

bool by_id(const FindingChange& a, const FindingChange& b) {
  return a.id < b.id;
}

}  // namespace

void diff_findings(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d) {
  auto old_findings = findings_by_id(before), new_findings = findings_by_id(after);
  match_same_ids(old_findings, new_findings, d.findings_changed);
  // What is left on the old side may be anchored to a renamed element: the same finding.
  for (const Finding& f : before.analysis.findings) {
    auto old = old_findings.find(f.id);
    if (old == old_findings.end()) continue;
    const ElementId e = renamed_to(before.graph, f.anchor, after.graph);
    if (e == kNoElement) continue;
    auto now = new_findings.find(after.graph.elements[e].id + "." + f.weakness);
    if (now == new_findings.end()) continue;
    FindingChange c = now->second;
    c.previous_id = old->first;
    c.before = old->second.before;
    d.findings_renamed.push_back(std::move(c));
    old_findings.erase(old);
    new_findings.erase(now);
  }
  std::sort(d.findings_renamed.begin(), d.findings_renamed.end(), by_id);
  for (auto& [id, f] : new_findings) d.findings_added.push_back(std::move(f));
  for (auto& [id, f] : old_findings) d.findings_removed.push_back(std::move(f));
}

}  // namespace moat
