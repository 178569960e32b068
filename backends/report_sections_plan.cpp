// "Remediation plan": the mitigations not yet implemented in plan order (analyzer/plan.hpp,
// docs/soc2.md), then the open threats that no planned mitigation covers.
#include <fmt/format.h>

#include "analyzer/plan.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/attrs.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

namespace {

Cell window_cell(const PlanItem& item) {
  if (!item.window) return cell(muted("none"));
  return cell(format_duration(*item.window))
      .add(br())
      .add(muted("audit from "))
      .add(nowrap(format_date(*item.audit_on)));
}

Cell gains_cell(const RenderContext& ctx, const PlanItem& item) {
  const ModelGraph& g = ctx.graph;
  if (item.closes.empty()) return cell(muted("closes no open threat"));
  Cell out;
  for (std::uint32_t i = 0; i < item.unblocks.size(); ++i) {
    out.add(i == 0 ? text("unblocks ") : text(", ")).add(code(g.criteria[item.unblocks[i]].id));
  }
  if (!out.empty()) out.add(br());
  out.add(text("closes "));
  for (std::uint32_t i = 0; i < item.closes.size(); ++i) {
    const Threat& t = ctx.analysis.threats[item.closes[i]];
    if (i) out.add(text(", "));
    out.add(ref(threat_anchor(g, t), threat_id(g, t)))
        .add(text(" "))
        .add(severity_badge(g, t.severity));
  }
  return out;
}

Table items_table(const RenderContext& ctx, const Plan& plan) {
  const ModelGraph& g = ctx.graph;
  Table t;
  t.header = {"#", "Mitigation", "Effort", "Evidence window", "What it buys", "Value per day"};
  t.empty_note = "No mitigation is planned: every mitigation in the model is implemented.";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const PlanItem& item = plan.items[i];
    const MitigationRec& m = g.mitigations[item.mitigation];
    Cell name = cell(code(m.id));
    if (!m.owner.empty()) name.add(br()).add(muted("owner: " + m.owner));
    Cell effort = item.effort_given ? cell(format_duration(item.effort))
                                    : cell(muted("not given (counted as 1d)"));
    t.rows.push_back({row_cells(cell(std::to_string(i + 1)), std::move(name), std::move(effort),
                                window_cell(item), gains_cell(ctx, item),
                                cell(fmt::format("{:.1f}", item.leverage))),
                      anchor_id("plan-", m.id), Tone::None});
  }
  return t;
}

Table uncovered_table(const RenderContext& ctx, const Plan& plan) {
  const ModelGraph& g = ctx.graph;
  Table t;
  t.header = {"Threat", "Severity", "Element", "Owner"};
  t.empty_note = "Every open threat has a planned mitigation.";
  for (ThreatId i : plan.uncovered) {
    const Threat& th = ctx.analysis.threats[i];
    const std::string owner = attrs_of(g, th.element).str("owner");
    t.rows.push_back(
        {row_cells(cell(ref(threat_anchor(g, th), threat_id(g, th))),
                   cell(severity_badge(g, th.severity)), cell(element_ref(g, th.element)),
                   owner.empty() ? cell(muted("none")) : cell(owner)),
         {},
         Tone::None});
  }
  return t;
}

}  // namespace

Section plan_section(const RenderContext& ctx) {
  const Plan plan = remediation_plan(ctx.graph, ctx.analysis);
  Section s{"remediation-plan", "Remediation plan", {}, false};
  s.blocks.push_back(paragraph(
      cell("The mitigations not yet implemented, in the order to start them: those whose control "
           "must run for an evidence window before an audit first (longest window first), then by "
           "value per day of effort — 10 for each criterion they would unblock plus the severity "
           "points (info 1 to critical 5) of the open threats they would close — then by value and "
           "id (docs/soc2.md).")));
  s.blocks.push_back(table_block(items_table(ctx, plan)));
  s.blocks.push_back(heading("plan-uncovered", cell("Open threats no planned mitigation covers")));
  s.blocks.push_back(table_block(uncovered_table(ctx, plan)));
  return s;
}

}  // namespace moat::report
