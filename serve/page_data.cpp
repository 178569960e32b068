#include "serve/page_data.hpp"

#include "analyzer/explain.hpp"
#include "analyzer/summary.hpp"
#include "backends/diagram.hpp"
#include "backends/html_render.hpp"
#include "backends/json_document.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "backends/worksheet.hpp"

namespace moat::serve {

using json = nlohmann::ordered_json;

namespace {

/// An attribute's value as the model writes it; a list as its items joined by ", ".
std::string value_text(const ModelGraph& g, const Type& type, Val v) {
  if (!type.list) return format_value(g, type, v);
  std::string out;
  for (std::uint32_t i = 0; i < v.list_size(); ++i) {
    if (i) out += ", ";
    out += format_value(g, type.element_type(), g.list_items[v.list_offset() + i]);
  }
  return out;
}

/// The attributes set on element `e` (explicitly or by a default), in schema order.
json attributes_json(const ModelGraph& g, ElementId e) {
  json out = json::array();
  const KindSchema& schema = g.schema.of(decl_kind(g.elements[e].kind));
  for (std::size_t slot = 0; slot < schema.fields.size(); ++slot) {
    const Field& f = schema.fields[slot];
    const Val v = g.attr(e, static_cast<int>(slot));
    if (!v.is_set() || (f.type.list && v.list_size() == 0)) continue;
    out.push_back(json::array({f.name, value_text(g, f.type, v)}));
  }
  return out;
}

/// The STRIDE letters that apply to the kind of `e` (report::stride_applies), e.g. "TID".
std::string stride_letters(const ModelGraph& g, ElementId e) {
  std::string out;
  for (std::uint8_t c = 0; c < report::kStrideCount; ++c) {
    if (report::stride_applies(g.elements[e].kind, c)) out += report::stride_letter(c);
  }
  return out;
}

/// Per element id: its attributes, the STRIDE categories that apply, its report anchor.
json elements_extra(const ModelGraph& g) {
  json out = json::object();
  for (const ElementId e : g.elements.ids_from(1)) {
    out[g.elements[e].id] = {{"attributes", attributes_json(g, e)},
                             {"stride", stride_letters(g, e)},
                             {"anchor", report::element_anchor(g, e)}};
  }
  return out;
}

/// Which element each anchor of the report's fragments names (elements and threats), so a link
/// in the worksheet opens that element's panel.
json anchors_json(const ModelGraph& g, const Analysis& a) {
  json out = json::object();
  for (const ElementId e : g.elements.ids_from(1))
    out[report::element_anchor(g, e)] = g.elements[e].id;
  for (const Threat& t : a.threats) out[report::threat_anchor(g, t)] = g.elements[t.element].id;
  return out;
}

}  // namespace

json diagram_json(const RenderContext& ctx) {
  const RenderResult svg = svg_diagram(ctx);
  std::string why = svg.error;
  if (why.empty()) {
    if (auto safe = inline_svg(svg.bytes, why)) return {{"svg", *safe}, {"error", nullptr}};
    why = "the SVG holds " + why + ", which the page does not inline";
  }
  return {{"svg", nullptr}, {"error", why}};
}

json page_data(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  json j;
  j["document"] = model_document(ctx.sources, g, ctx.analysis, ctx.model_path, {});
  j["diagram"] = diagram_json(ctx);
  j["worksheet"] = render_html_sections({report::worksheet_section(ctx)}, ctx);
  j["soc2"] =
      render_html_sections({report::readiness_section(ctx), report::controls_section(ctx)}, ctx);
  j["elements"] = elements_extra(g);
  j["anchors"] = anchors_json(g, ctx.analysis);
  j["severities"] = kSeverityNames;
  return j;
}

}  // namespace moat::serve
