// The findings section: threats with one root cause as one line each, most important first,
// each listing its member threats (linked to the register). It leads the analysis part of the
// report, before the worksheet and the register.
#include "analyzer/findings.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"

namespace moat::report {

namespace {

Row finding_row(const ModelGraph& g, const Analysis& a, const Finding& f) {
  const Threat& lead = a.threats[f.lead];
  Cell title = cell(text(g.rules[lead.rule].title));
  if (f.hygiene) title.add(text(" ")).add(muted("(hygiene)"));
  std::vector<Inline> members;
  for (ThreatId m : f.members) {
    const Threat& t = a.threats[m];
    members.push_back(ref(threat_anchor(g, t), threat_id(g, t)));
  }
  return {row_cells(cell(code(f.id)), cell(severity_badge(g, f.severity)),
                    cell(badge(threat_status_name(f.status), threat_tone(f.status))),
                    std::move(title), joined(std::move(members), true)),
          {},
          Tone::None};
}

}  // namespace

Section findings_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Section s{"findings", "Findings", {}, false};
  if (a.findings.empty()) {
    s.blocks.push_back(note(cell("No rule raised a threat on this model.")));
    return s;
  }
  s.blocks.push_back(paragraph(cell(
      "Threats with one root cause, as one finding: the same weakness on the same element, "
      "whichever flows or STRIDE categories it was seen from. A finding id is ELEMENT.WEAKNESS; "
      "its severity is the highest of its threats. Open findings come first, system-specific "
      "before hygiene, most severe first; then the closed ones. Naming a finding id in "
      "mitigates, accept or dismiss covers exactly its threats.")));
  Table t;
  t.cls = "findings";
  t.header = {"Finding", "Severity", "Status", "Title", "Threats"};
  std::vector<const Finding*> order = ranked_open_findings(a);
  for (const Finding& f : a.findings) {
    if (f.status != ThreatStatus::Open) order.push_back(&f);
  }
  for (const Finding* f : order) t.rows.push_back(finding_row(g, a, *f));
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

}  // namespace moat::report
