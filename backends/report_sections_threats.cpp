// The threat register: every threat with its rule, status, advice, controls, mitigations and
// locations, grouped by element; and an index of the same threats by STRIDE category.
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

namespace {

Cell threat_cell(const ModelGraph& g, const Threat& t) {
  const RuleRec& r = g.rules[t.rule];
  Cell c = cell(code(threat_id(g, t)));
  c.add(br()).add(text(r.title)).add(br());
  std::string meta = stride_title(t.category);
  if (r.cwe) meta += " · CWE-" + std::to_string(*r.cwe);
  if (r.expert()) meta += " · written by hand";
  return c.add(muted(meta));
}

/// " via " before a target, " via finding " before a finding id: it covers the finding's members.
std::string via(const TargetRef& t) {
  return t.form == TargetRef::Form::Finding ? " via finding " : " via ";
}

Cell status_cell(const ModelGraph& g, const Threat& t) {
  Cell c = cell(threat_badge(t));
  if (!t.dismissal.is_none()) {
    const DismissRec& d = g.dismissals[t.dismissal];
    c.add(br()).add(muted("by " + d.by + " as " + dismissal_title(g, d.as)));
    return c.add(br()).add(muted("dismissed" + via(d.target))).add(code(d.target.text));
  }
  if (t.acceptance.is_none()) return c;
  const AcceptRec& acc = g.accepts[t.acceptance];
  if (t.acceptance_expired) {
    c.add(br()).add(badge("acceptance expired", Tone::Bad));
    if (acc.expires) c.add(muted(" on " + format_date(*acc.expires)));
    return c;
  }
  c.add(br()).add(
      muted("by " + acc.owner + (acc.expires ? " until " + format_date(*acc.expires) : "")));
  return c.add(br()).add(muted("accepted" + via(acc.target))).add(code(acc.target.text));
}

/// Links to the criteria of `ids` that are in the model's SOC 2 scope.
std::vector<Inline> criteria_in_scope(const ModelGraph& g, const std::vector<CriterionId>& ids) {
  std::vector<Inline> items;
  for (CriterionId c : ids) {
    if (g.model.soc2_scope & (1u << g.criteria[c].category))
      items.push_back(ref(control_anchor(g, c), g.criteria[c].id));
  }
  return items;
}

/// The criteria in scope the rule bears on primarily, then those it supports (marked so).
Cell controls_cell(const ModelGraph& g, const RuleRec& r) {
  std::vector<Inline> primary = criteria_in_scope(g, r.controls);
  std::vector<Inline> supported = criteria_in_scope(g, r.supports);
  if (primary.empty() && supported.empty()) return cell(muted("none in scope"));
  Cell out = primary.empty() ? Cell{} : joined(std::move(primary));
  if (supported.empty()) return out;
  if (!out.empty()) out.add(br());
  out.add(muted("supports "));
  for (Inline& i : joined(std::move(supported)).parts) out.add(std::move(i));
  return out;
}

/// Each mitigation covering the threat, with the target it covers it through, as written.
Cell mitigations_cell(const ModelGraph& g, const Threat& t, std::int64_t today) {
  Cell c;
  bool first = true;
  for (const Cover& cover : t.covered_by) {
    if (cover.acceptance || cover.dismissal) continue;
    if (!first) c.add(br());
    first = false;
    if (cover.attribute) {
      for (Inline& piece : attribute_cover_line(g, cover)) c.add(std::move(piece));
      continue;
    }
    for (Inline& piece : mitigation_line(g, cover.mitigation, today)) c.add(std::move(piece));
    c.add(muted(via(cover_target(g, cover)))).add(code(cover_target(g, cover).text));
  }
  return first ? cell(muted("none")) : c;
}

/// The model line, the element's code (declared and annotated), the threat's annotations and its
/// mitigations' evidence (declared and annotated).
Cell locations_cell(const RenderContext& ctx, const Threat& t,
                    const std::vector<std::uint32_t>& element_notes) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Cell c = cell(code(source_location(ctx.sources, g.elements[t.element].id_span)));
  std::vector<Inline> code_links = location_links(attrs_of(g, t.element).strings("code"));
  for (Inline& l : annotation_links(a, element_notes)) code_links.push_back(std::move(l));
  for (Inline& l : annotation_links(a, t.annotations)) code_links.push_back(std::move(l));
  for (Inline& l : code_links) c.add(br()).add(std::move(l));
  for (MitigationId m : t.mitigations) {
    std::vector<Inline> evidence = location_links(g.mitigations[m].evidence);
    if (a.mitigation_annotations.contains(m)) {
      for (Inline& l : annotation_links(a, a.mitigation_annotations[m]))
        evidence.push_back(std::move(l));
    }
    for (Inline& l : evidence) c.add(br()).add(muted("evidence ")).add(std::move(l));
  }
  return c;
}

Row register_row(const RenderContext& ctx, const Threat& t,
                 const std::vector<std::uint32_t>& element_notes) {
  const ModelGraph& g = ctx.graph;
  const RuleRec& r = g.rules[t.rule];
  Row row;
  row.anchor = threat_anchor(g, t);
  Cell advice = r.advice.empty() ? cell(muted("none")) : cell(r.advice);
  if (!t.via.empty()) advice.add(br()).add(muted("via " + path_text(g, t.via)));
  add_scanner_evidence(g, ctx.analysis.scans, t, advice);
  row.cells =
      row_cells(threat_cell(g, t), cell(severity_badge(g, t.severity)), status_cell(g, t),
                std::move(advice), controls_cell(g, r), mitigations_cell(g, t, ctx.analysis.today),
                locations_cell(ctx, t, element_notes));
  return row;
}

Table register_table() {
  Table t;
  t.cls = "register";
  t.header = {"Threat", "Severity", "Status", "Advice", "SOC 2", "Mitigations", "Locations"};
  return t;
}

}  // namespace

Section threats_by_element_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Section s{"threat-register", "Threat register", {}, true};
  if (a.threats.empty()) {
    s.blocks.push_back(note(cell("No rule raised a threat on this model.")));
    return s;
  }
  s.blocks.push_back(paragraph(
      cell("Every threat the rules raised, grouped by element in declaration order. A threat id is "
           "ELEMENT.RULE and stays stable while the element and the rule keep their ids.")));
  const auto notes = annotations_by_element(g, a);
  for (auto it = a.threats.begin(); it != a.threats.end();) {
    const ElementId e = it->element;
    Cell title = cell(text(g.elements[e].title));
    title.add(text(" ")).add(muted(std::string("(") + kind_name(g.elements[e].kind) + ")"));
    s.blocks.push_back(heading(anchor_id("threats-", g.elements[e].id), std::move(title)));
    Table t = register_table();
    for (; it != a.threats.end() && it->element == e; ++it)
      t.rows.push_back(register_row(ctx, *it, notes[e]));
    s.blocks.push_back(table_block(std::move(t)));
  }
  return s;
}

Section threats_by_category_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Section s{"threats-by-stride-category", "Threats by STRIDE category", {}, false};
  Table summary;
  summary.header = {"Category", "Open", "Mitigated", "Accepted", "Dismissed", "Total"};
  std::vector<Block> details;
  for (std::uint8_t c = 0; c < kStrideCount; ++c) {
    std::size_t n[4] = {0, 0, 0, 0};  // by ThreatStatus
    Table t;
    t.cls = "by-category";
    t.header = {"Threat", "Element", "Severity", "Status", "Title"};
    t.empty_note = "No threats in this category.";
    for (const Threat& th : a.threats) {
      if (th.category != c) continue;
      ++n[static_cast<int>(th.status)];
      t.rows.push_back(
          {row_cells(cell(ref(threat_anchor(g, th), threat_id(g, th))),
                     cell(element_ref(g, th.element)), cell(severity_badge(g, th.severity)),
                     cell(threat_badge(th)), cell(g.rules[th.rule].title)),
           {},
           Tone::None});
    }
    const std::string anchor = anchor_id("stride-", category_name(g, c));
    summary.rows.push_back(
        {row_cells(cell(ref(anchor, std::string(stride_letter(c)) + " — " + stride_title(c))),
                   cell(std::to_string(n[0])), cell(std::to_string(n[1])),
                   cell(std::to_string(n[2])), cell(std::to_string(n[3])),
                   cell(strong(std::to_string(n[0] + n[1] + n[2] + n[3])))),
         {},
         Tone::None});
    details.push_back(
        heading(anchor, cell(std::string(stride_letter(c)) + " — " + stride_title(c))));
    details.push_back(table_block(std::move(t)));
  }
  s.blocks.push_back(table_block(std::move(summary)));
  for (Block& b : details) s.blocks.push_back(std::move(b));
  return s;
}

}  // namespace moat::report
