// The "Scanner evidence" section: the results of the --evidence files, by the element whose
// code they are in, then those outside the model. A secret shows its rule, file and line only.
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/attrs.hpp"

namespace moat::report {

namespace {

Table evidence_table() {
  Table t;
  t.cls = "scanner-evidence";
  t.header = {"Tool", "Rule", "Kind", "Severity", "Location", "Status"};
  return t;
}

Cell rule_cell(const SarifResult& r) {
  Cell c = cell(code(r.rule_id.empty() ? "(no rule id)" : *r.rule_id));
  if (!r.rule_name.empty()) c.add(br()).add(muted(*r.rule_name));
  return c;
}

Cell location_cell(const SarifResult& r) {
  if (r.locations.empty()) return cell(muted("no location"));
  std::vector<Inline> items;
  for (const ScanLocation& l : r.locations) items.push_back(link(location_text(l)));
  return joined(std::move(items), true);
}

Cell status_cell(const SarifResult& r) {
  if (r.suppressed()) {
    Cell c = cell(badge("suppressed", Tone::Muted));
    for (const ScanSuppression& s : r.suppressions) {
      if (!s.justification.empty()) c.add(br()).add(muted(s.justification));
    }
    return c;
  }
  Cell c = cell(badge("open", Tone::Bad));
  if (!r.baseline_state.empty()) c.add(br()).add(muted("baseline: " + *r.baseline_state));
  if (r.redacted) c.add(br()).add(muted("secret: text redacted"));
  return c;
}

Row evidence_row(const RenderContext& ctx, std::uint32_t index) {
  const ModelGraph& g = ctx.graph;
  const ScanEvidence& scans = ctx.analysis.scans;
  const SarifResult& r = scans.results[index];
  std::string kind = member_name(g, "scan_kind", r.kind);
  if (r.category >= 0)
    kind += std::string(" · ") + stride_title(static_cast<std::uint8_t>(r.category));
  return {row_cells(cell(scans.tool_name(r)), rule_cell(r), cell(kind),
                    cell(severity_name(g, r.severity)), location_cell(r), status_cell(r)),
          "", r.suppressed() ? Tone::Muted : Tone::None};
}

std::string summary(const ScanEvidence& scans) {
  const std::size_t n = scans.results.size(), tools = scans.tools.size();
  return std::to_string(n) + (n == 1 ? " result" : " results") + " from " + std::to_string(tools) +
         (tools == 1 ? " tool" : " tools") + " in " + std::to_string(scans.files.size()) +
         " SARIF " + (scans.files.size() == 1 ? "file" : "files") + "; " +
         std::to_string(scans.outside.size()) +
         " outside the model (on code that no element's code locations cover).";
}

}  // namespace

Section scanner_evidence_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const ScanEvidence& scans = ctx.analysis.scans;
  Section s{"scanner-evidence", "Scanner evidence", {}, true};
  s.blocks.push_back(paragraph(cell(summary(scans))));
  declared_scan_blocks(ctx, s.blocks);
  contradiction_blocks(ctx, s.blocks);
  for (std::size_t i = 0; i < scans.attached.size();) {
    const ElementId e = scans.attached[i].first;
    Cell title = cell(text(g.elements[e].title));
    title.add(text(" ")).add(muted(std::string("(") + kind_name(g.elements[e].kind) + ")"));
    s.blocks.push_back(heading(anchor_id("evidence-", g.elements[e].id), std::move(title)));
    Table t = evidence_table();
    for (; i < scans.attached.size() && scans.attached[i].first == e; ++i)
      t.rows.push_back(evidence_row(ctx, scans.attached[i].second));
    s.blocks.push_back(table_block(std::move(t)));
  }
  if (!scans.outside.empty()) {
    s.blocks.push_back(heading("evidence-outside-the-model", cell("Outside the model")));
    Table t = evidence_table();
    for (const std::uint32_t r : scans.outside) t.rows.push_back(evidence_row(ctx, r));
    s.blocks.push_back(table_block(std::move(t)));
  }
  return s;
}

}  // namespace moat::report
