#pragma once
// The sections of the threat-model report, each built from the render context into the
// document tree of report_doc.hpp. report_document() puts them in reading order; the HTML and
// Markdown backends render that one document.
#include <memory>

#include "backends/registry.hpp"
#include "backends/report_doc.hpp"

namespace moat::report {

// report_sections_model.cpp: what the system is.
std::vector<Block> cover_blocks(const RenderContext& ctx);
Section system_section(const RenderContext& ctx);
Section diagram_section(const RenderContext& ctx);
Section assets_section(const RenderContext& ctx);
Section boundaries_section(const RenderContext& ctx);
Section elements_section(const RenderContext& ctx);
Section flows_section(const RenderContext& ctx);

// report_sections_findings.cpp: the threats grouped by root cause, most important first.
Section findings_section(const RenderContext& ctx);

// report_sections_threats.cpp: what can go wrong.
Section threats_by_element_section(const RenderContext& ctx);
Section threats_by_category_section(const RenderContext& ctx);

// report_sections_paths.cpp: how an outsider gets to the sensitive data, and blast radius.
Section attack_paths_section(const RenderContext& ctx);

// report_sections_evidence.cpp: what the scanners found, by element (--evidence).
Section scanner_evidence_section(const RenderContext& ctx);
// report_sections_scans.cpp: the declared scans and the claims the results disprove.
void declared_scan_blocks(const RenderContext& ctx, std::vector<Block>& blocks);
void contradiction_blocks(const RenderContext& ctx, std::vector<Block>& blocks);

// report_sections_soc2.cpp: what the auditor reads.
Section readiness_section(const RenderContext& ctx);
Section controls_section(const RenderContext& ctx);
Section accepted_section(const RenderContext& ctx);
Section assumptions_section(const RenderContext& ctx);

// report_sections_appendix.cpp: the evidence pack (ctx.evidence) in the control matrix and the
// evidence appendix.
bool has_evidence_pack(const RenderContext& ctx);
/// The evidence of `control` (an index into Analysis::controls), each with its hash and revision.
Cell evidence_pack_cell(const RenderContext& ctx, std::uint32_t control);
Section evidence_appendix_section(const RenderContext& ctx);

// report_sections_baseline.cpp: readiness before and after, against ctx.baseline (not null).
Section baseline_section(const RenderContext& ctx);

// report_sections_dismissed.cpp: what was considered and found not to apply.
Section dismissed_section(const RenderContext& ctx);

// report_sections_actions.cpp: what is left to do, by owner.
Section actions_section(const RenderContext& ctx);

// report_sections_plan.cpp: the remediation plan (analyzer/plan.hpp).
Section plan_section(const RenderContext& ctx);

/// The whole report, sections in reading order (the worksheet included).
Document report_document(const RenderContext& ctx);

/// The same, built once per build when the HTML and the Markdown report both need it.
std::shared_ptr<const Document> shared_report(const RenderContext& ctx);

}  // namespace moat::report
