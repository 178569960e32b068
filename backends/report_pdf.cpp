// The printed (PDF) report: the HTML report's document with print rules for a browser's PDF
// printer (A4 or Letter, a title page, a running header, "page N of M", the diagram on its own
// page). This backend is pure like every other: it renders print-ready HTML, and `moat build`
// prints that with headless Chromium (cli/pdf_print.hpp) because the backend registers as
// `printed`.
#include <charconv>

#include <fmt/format.h>

#include "backends/diagram.hpp"
#include "backends/diagram_sheets.hpp"
#include "backends/html_render.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"

namespace moat::report {

namespace {

/// A sheet of paper in millimetres, portrait.
struct Paper {
  const char* css;  ///< the CSS page size keyword
  double width;
  double height;
};

Paper paper_of(const std::string& name) {
  if (name == "letter") return {"letter", 215.9, 279.4};
  return {"A4", 210.0, 297.0};
}

/// The number in an SVG length attribute (`width="1234pt"`), or 0 when there is none.
double svg_length(std::string_view svg, std::string_view attribute) {
  const std::size_t end = svg.find('>');
  const std::size_t at = svg.substr(0, end).find(std::string(" ") + std::string(attribute) + "=\"");
  if (at == std::string_view::npos) return 0;
  const char* first = svg.data() + at + attribute.size() + 3;
  double value = 0;
  std::from_chars(first, svg.data() + svg.size(), value);
  return value;
}

/// Whether the diagram is wider than tall, so it prints on a landscape page. The wall sheets
/// (the report shows them when the model has top-level boundaries) are laid out for a landscape
/// page.
bool diagram_is_wide(const RenderContext& ctx) {
  if (diagram::sheets(ctx)->size() > 1) return true;
  const RenderResult svg = svg_diagram(ctx);
  if (!svg.error.empty()) return false;
  const std::size_t open = svg.bytes.find("<svg");
  if (open == std::string::npos) return false;
  const std::string_view tag = std::string_view(svg.bytes).substr(open);
  return svg_length(tag, "width") > svg_length(tag, "height");
}

/// The page rules: paper, margins, the running header (model, version, fingerprint) and the
/// page numbers in the margin boxes; none of them on the title page.
std::string page_rules(const RenderContext& ctx, const Paper& paper, bool wide_diagram) {
  const ModelGraph& g = ctx.graph;
  std::string model = g.model.title;
  if (!g.model.version.empty()) model += " " + g.model.version;
  const std::string from = "generated from sha256:" + model_fingerprint(source_digests(ctx));
  constexpr const char* box = "font-family: sans-serif; font-size: 7pt; color: #57606a;";
  // The diagram fills its page below its heading: the page's height less the margins (36 mm)
  // and the heading (16 mm).
  const double diagram_height = (wide_diagram ? paper.width : paper.height) - 52.0;
  return fmt::format(
      "@page {{ size: {0}; margin: 20mm 14mm 18mm;\n"
      "  @top-left {{ content: {1}; {3} vertical-align: middle; }}\n"
      "  @top-right {{ content: {2}; {3} vertical-align: middle; }}\n"
      "  @bottom-center {{ content: \"page \" counter(page) \" of \" counter(pages); {3} }}\n"
      "}}\n"
      "@page wide {{ size: {0} landscape; margin: 20mm 14mm 18mm; }}\n"
      "@page :first {{ @top-left {{ content: none; }} @top-right {{ content: none; }} }}\n"
      "@media print {{\n"
      "  .cover {{ break-after: page; padding-top: 50mm; }}\n"
      "  .cover h1 {{ font-size: 28pt; }}\n"
      "  nav.toc {{ break-after: page; }}\n"
      "  section#data-flow-diagram {{ break-after: page; }}\n"
      "  section#data-flow-diagram figure.diagram svg {{ max-height: {4:.0f}mm; }}\n"
      "  section#data-flow-diagram h3.sheet ~ h3.sheet {{ break-before: page; }}\n"
      "  thead {{ display: table-header-group; }}\n"
      "  tr, li, figure, pre {{ break-inside: avoid; }}\n"
      "}}\n",
      paper.css, css_string(model), css_string(from), box, diagram_height);
}

/// The page with its links to repository files turned into plain text: in a PDF they would
/// point into the browser's temporary folder. Links to web addresses (`rel="noopener ..."`)
/// stay. User text cannot hold the replaced markup: html_render escapes every `<`.
std::string without_repository_links(const std::string& html) {
  constexpr std::string_view from = "<a class=\"loc\" href=\"";
  constexpr std::string_view to = "<a class=\"loc\" data-location=\"";
  std::string out;
  out.reserve(html.size() + html.size() / 16);
  std::size_t done = 0;
  for (std::size_t at = html.find(from); at != std::string::npos; at = html.find(from, done)) {
    out.append(html, done, at - done).append(to);
    done = at + from.size();
  }
  return out.append(html, done);
}

RenderResult render_print_html(const RenderContext& ctx) {
  Document doc = *shared_report(ctx);
  const bool wide = diagram_is_wide(ctx);
  for (Section& s : doc.sections) {
    if (s.anchor == "data-flow-diagram") s.wide = wide;
  }
  doc.print_css = page_rules(ctx, paper_of(ctx.paper), wide);
  return {without_repository_links(render_html(doc, ctx)), {}};
}

const BackendRegistration registration(
    {"pdf", "report.pdf",
     "the threat-model report as a paginated PDF (printed by headless Chromium)",
     &render_print_html, 55, true, true, true});

}  // namespace

}  // namespace moat::report
