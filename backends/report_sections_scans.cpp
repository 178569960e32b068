// Parts of the "Scanner evidence" section: the scans the model declares (present, missing or
// stale), and the claims the results disprove with the threats the evidence opened.
#include "analyzer/contradictions.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/attrs.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

namespace {

Tone state_tone(ScanState s) {
  return s == ScanState::Present ? Tone::Good : Tone::Bad;
}

Row declared_row(const ModelGraph& g, const DeclaredScan& s) {
  const ScanDeclRec& d = g.scans[s.decl];
  Cell state = cell(badge(scan_state_name(s.state), state_tone(s.state)));
  if (s.ended >= 0)
    state.add(br()).add(
        muted((s.dated_by == LogDate::Commit ? "committed " : "ended ") + format_date(s.ended)));
  return {row_cells(cell(text(d.title)), cell(member_name(g, "scan_type", d.kind)),
                    cell(link(s.path.empty() ? d.path : s.path)),
                    cell(d.max_age < 0 ? std::string("none") : format_duration(d.max_age)),
                    std::move(state)),
          "", s.state == ScanState::Present ? Tone::None : Tone::Bad};
}

Row contradiction_row(const RenderContext& ctx, const Contradiction& c) {
  const ModelGraph& g = ctx.graph;
  const ClassifyRec& row = g.classifications[c.row];
  const std::string shows = row.shows ? "true" : "false";
  Cell claim = cell(code(row.tests_attribute + " = " + (row.shows ? "false" : "true")));
  claim.add(br()).add(muted(c.claim ? "claimed at " + source_location(ctx.sources, *c.claim)
                                    : std::string("the default")));
  std::vector<Inline> opened;
  for (const ThreatId t : c.threats) {
    const Threat& threat = ctx.analysis.threats[t];
    opened.push_back(ref(threat_anchor(g, threat), threat_id(g, threat)));
  }
  if (opened.empty()) opened.push_back(muted("none"));
  return {
      row_cells(cell(element_ref(g, c.element)), std::move(claim),
                cell(code(row.tests_attribute + " = " + shows)),
                cell(cite_result(ctx.analysis.scans, c.result)), joined(std::move(opened), true)),
      "", Tone::Bad};
}

}  // namespace

void declared_scan_blocks(const RenderContext& ctx, std::vector<Block>& blocks) {
  const ScanEvidence& scans = ctx.analysis.scans;
  if (scans.declared.empty()) return;
  blocks.push_back(heading("evidence-declared-scans", cell("Declared scans")));
  Table t;
  t.cls = "declared-scans";
  t.header = {"Scan", "Kind", "Log", "Max age", "State"};
  for (const DeclaredScan& s : scans.declared) t.rows.push_back(declared_row(ctx.graph, s));
  blocks.push_back(table_block(std::move(t)));
  blocks.push_back(
      note(cell("A missing or stale scan counts for nothing: its results are not "
                "read and it is no evidence for any criterion.")));
}

void contradiction_blocks(const RenderContext& ctx, std::vector<Block>& blocks) {
  const ScanEvidence& scans = ctx.analysis.scans;
  if (scans.contradictions.empty()) return;
  blocks.push_back(
      heading("evidence-contradicted-claims", cell("Claims contradicted by evidence")));
  Table t;
  t.cls = "contradicted-claims";
  t.header = {"Element", "The model says", "The scan shows", "Result", "Threats it opens"};
  for (const Contradiction& c : scans.contradictions) t.rows.push_back(contradiction_row(ctx, c));
  blocks.push_back(table_block(std::move(t)));
  blocks.push_back(
      note(cell("The analysis takes the evidence over the claim: the threats the "
                "claim was closing are open, citing the result.")));
}

}  // namespace moat::report
