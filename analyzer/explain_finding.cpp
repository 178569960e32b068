// `moat explain MODEL FINDING_ID`: a finding (threats of one root cause), its members with their
// statuses and what covers each, and how to close it as a whole.
#include <fmt/format.h>

#include "analyzer/assurance.hpp"
#include "analyzer/explain.hpp"

namespace moat {

namespace {

/// "mitigation tls (implemented) through finding 'db.plain'", "attribute encodes_output".
std::string cover_line(const ModelGraph& g, const Cover& c) {
  if (c.attribute) return "attribute " + cover_text(g, c) + " (a claim of the model)";
  const std::string through =
      fmt::format("through {}'{}'", through_finding(g, c), cover_target(g, c).text);
  if (c.dismissal) return "dismissed " + through;
  if (c.acceptance) return "accepted " + through;
  const EnumDef& statuses = g.schema.enums[g.builtins.mitigation_status];
  const MitigationRec& m = g.mitigations[c.mitigation];
  return fmt::format("mitigation {} ({}) {}", m.id, statuses.members[m.status], through);
}

}  // namespace

const Finding* find_finding(const Analysis& a, std::string_view id) {
  for (const Finding& f : a.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::string explain_finding_members(const ModelGraph& g, const Analysis& a, const Finding& f) {
  std::string out =
      fmt::format("finding {} ({}, {}): weakness '{}' anchored to '{}', {} threat{}\n", f.id,
                  severity_name(g, f.severity), threat_status_name(f.status), f.weakness,
                  g.elements[f.anchor].id, f.members.size(), f.members.size() == 1 ? "" : "s");
  for (ThreatId m : f.members) {
    const Threat& t = a.threats[m];
    out += fmt::format("  {} ({}, {}): {}\n", threat_id(g, t), severity_name(g, t.severity),
                       threat_status_name(t.status), g.rules[t.rule].title);
    for (const Cover& c : t.covered_by) out += "    " + cover_line(g, c) + "\n";
  }
  out += fmt::format(
      "to close every member at once, name the finding: mitigates = [{}], accept {} {{...}} or "
      "dismiss {} {{...}}; moat explain MODEL THREAT_ID explains one member\n",
      f.id, f.id, f.id);
  return out;
}

}  // namespace moat
