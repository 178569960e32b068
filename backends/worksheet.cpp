#include "backends/worksheet.hpp"

#include "backends/html_render.hpp"
#include "backends/report_model.hpp"

namespace moat::report {

bool stride_applies(Kind kind, std::uint8_t category) {
  // Bits S T R I D E from the lowest: the Microsoft SDL chart, R on stores as Threat Dragon marks
  // it.
  switch (kind) {
    case Kind::Process:
      return true;
    case Kind::Store:
      return (0b011110 >> category) & 1;
    case Kind::Flow:
      return (0b011010 >> category) & 1;
    case Kind::Actor:
    case Kind::External:
      return (0b000101 >> category) & 1;
    default:
      return false;
  }
}

namespace {

constexpr Kind kRowKinds[] = {Kind::Actor, Kind::External, Kind::Process, Kind::Store, Kind::Flow};

Cell worksheet_cell(const ModelGraph& g, const Analysis& a, std::span<const ThreatId> threats,
                    ElementId e, std::uint8_t category) {
  Cell c;
  for (ThreatId i : threats) {
    const Threat& t = a.threats[i];
    if (t.category != category) continue;
    if (!c.empty()) c.add(br());
    const std::string label = g.rules[t.rule].id + (t.scan_rule.empty() ? "" : "." + t.scan_rule);
    c.add(ref(threat_anchor(g, t), label)).add(text(" ")).add(threat_badge(t));
    for (Inline& by : mitigated_by_inlines(g, t)) c.add(std::move(by));
  }
  if (!c.empty()) {
    if (!stride_applies(g.elements[e].kind, category))
      c.add(br()).add(muted("(outside STRIDE-per-element)"));
    return c;
  }
  if (stride_applies(g.elements[e].kind, category)) return cell(muted("none found"));
  c = cell(muted("n/a"));
  c.tone = Tone::Muted;
  return c;
}

/// The threat's status badge, and what mitigates it when it is mitigated.
Cell status_cell(const ModelGraph& g, const Threat& t) {
  Cell c = cell(threat_badge(t));
  for (Inline& by : mitigated_by_inlines(g, t)) c.add(std::move(by));
  return c;
}

Row worksheet_row(const ModelGraph& g, const Analysis& a, const ThreatsByElement& index,
                  ElementId e) {
  Row r;
  Cell name = cell(element_ref(g, e));
  name.add(br()).add(muted(kind_name(g.elements[e].kind)));
  r.cells.push_back(std::move(name));
  for (std::uint8_t c = 0; c < kStrideCount; ++c)
    r.cells.push_back(worksheet_cell(g, a, index.of(e), e, c));
  return r;
}

Table threat_list(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Table t;
  t.header = {"Threat", "Category", "Severity", "Status", "Title and advice"};
  t.empty_note = "No rule raised a threat on this model.";
  for (const Threat& th : ctx.analysis.threats) {
    const RuleRec& r = g.rules[th.rule];
    Cell about = cell(strong(r.title));
    if (!r.advice.empty()) about.add(br()).add(text(r.advice));
    add_scanner_evidence(g, ctx.analysis.scans, th, about);
    if (!th.dismissal.is_none()) {
      const DismissRec& d = g.dismissals[th.dismissal];
      about.add(br()).add(muted("Dismissed by " + d.by + " as " + dismissal_title(g, d.as) + ": "));
      about.add(text(d.reason));
    }
    Row row;
    row.anchor = threat_anchor(g, th);
    row.cells =
        row_cells(cell(code(threat_id(g, th))),
                  cell(std::string(stride_letter(th.category)) + " " + stride_title(th.category)),
                  cell(severity_badge(g, th.severity)), status_cell(g, th), std::move(about));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

Section worksheet_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Section s{"stride-worksheet", "STRIDE worksheet", {}, true};
  s.blocks.push_back(paragraph(cell(
      "One row per element, one column per STRIDE category. A cell lists the threats the rules "
      "found, with their "
      "status: open, mitigated (by the attribute or mitigation named), accepted or dismissed; or "
      "it "
      "says "
      "\"none found\"; \"n/a\" marks categories STRIDE-per-element does not apply to "
      "the element's kind "
      "(process: all six; store: T, R, I, D; flow: T, I, D; actor and external system: S, R).")));
  Table t;
  t.cls = "worksheet";
  t.header = {"Element"};
  for (std::uint8_t c = 0; c < kStrideCount; ++c)
    t.header.push_back(std::string(stride_letter(c)) + " · " + stride_title(c));
  t.empty_note = "The model declares no actors, external systems, processes, stores or flows.";
  const ThreatsByElement index(g, ctx.analysis);
  for (Kind k : kRowKinds) {
    for (ElementId e : g.elements.ids_from(1)) {
      if (g.elements[e].kind == k) t.rows.push_back(worksheet_row(g, ctx.analysis, index, e));
    }
  }
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

Document worksheet_document(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Document d;
  d.title = g.model.title;
  d.subtitle = "STRIDE worksheet";
  d.toc = false;
  d.landscape = true;
  Cell meta = cell(muted("Version "));
  meta.add(text(g.model.version.empty() ? "not given" : g.model.version))
      .add(muted(" · analysed as of "));
  meta.add(text(analysis_date(ctx.analysis))).add(muted(" · generated from "));
  meta.add(code("sha256:" + model_fingerprint(source_digests(ctx))));
  d.cover.push_back(paragraph(std::move(meta)));
  if (!g.model.description.empty()) d.cover.push_back(paragraph(cell(g.model.description)));
  d.sections.push_back(worksheet_section(ctx));
  Section list{"threats-found", "Threats found", {}, true};
  list.blocks.push_back(table_block(threat_list(ctx)));
  d.sections.push_back(std::move(list));
  return d;
}

namespace {

RenderResult render_worksheet(const RenderContext& ctx) {
  return {render_html(worksheet_document(ctx), ctx), {}};
}

const BackendRegistration registration(
    {"worksheet", "worksheet.html",
     "the STRIDE worksheet for a threat-modeling workshop, as a printable page", &render_worksheet,
     60});

}  // namespace

}  // namespace moat::report
