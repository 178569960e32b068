// The HTML report: every section of report_sections.hpp as one self-contained page, for the
// SOC 2 auditor and for print to PDF.
#include "backends/html_render.hpp"
#include "backends/report_sections.hpp"
#include "backends/shared_work.hpp"
#include "backends/worksheet.hpp"

namespace moat::report {

Document report_document(const RenderContext& ctx) {
  Document d;
  d.title = ctx.graph.model.title;
  d.subtitle = "Threat model report";
  d.cover = cover_blocks(ctx);
  d.sections.push_back(system_section(ctx));
  d.sections.push_back(diagram_section(ctx));
  d.sections.push_back(findings_section(ctx));
  d.sections.push_back(attack_paths_section(ctx));
  d.sections.push_back(assets_section(ctx));
  d.sections.push_back(boundaries_section(ctx));
  d.sections.push_back(elements_section(ctx));
  d.sections.push_back(flows_section(ctx));
  d.sections.push_back(worksheet_section(ctx));
  d.sections.push_back(threats_by_element_section(ctx));
  d.sections.push_back(threats_by_category_section(ctx));
  if (!ctx.analysis.scans.empty()) d.sections.push_back(scanner_evidence_section(ctx));
  d.sections.push_back(readiness_section(ctx));
  if (ctx.baseline) d.sections.push_back(baseline_section(ctx));
  d.sections.push_back(controls_section(ctx));
  d.sections.push_back(accepted_section(ctx));
  d.sections.push_back(dismissed_section(ctx));
  d.sections.push_back(assumptions_section(ctx));
  d.sections.push_back(actions_section(ctx));
  d.sections.push_back(plan_section(ctx));
  if (has_evidence_pack(ctx)) d.sections.push_back(evidence_appendix_section(ctx));
  return d;
}

std::shared_ptr<const Document> shared_report(const RenderContext& ctx) {
  const auto build = [&ctx] { return report_document(ctx); };
  return ctx.shared ? ctx.shared->report(build) : std::make_shared<const Document>(build());
}

namespace {

RenderResult render_report(const RenderContext& ctx) {
  return {render_html(*shared_report(ctx), ctx), {}};
}

const BackendRegistration registration(
    {"html", "report.html", "the threat-model report as one self-contained, printable HTML page",
     &render_report, 50, true, true});

}  // namespace

}  // namespace moat::report
