#pragma once
// Rendering the report's document tree (report_doc.hpp) as one self-contained HTML page: inline
// CSS, the diagram as inline SVG, no script, a Content-Security-Policy that forbids any fetch,
// and print rules for PDF. Every user string is escaped here and only here.
#include <optional>
#include <string>
#include <string_view>

#include "backends/registry.hpp"
#include "backends/report_doc.hpp"

namespace moat {

/// Escapes text for HTML text and attribute values: & < > " ' (and control characters, which
/// HTML forbids, become U+FFFD). Line breaks are kept as they are.
std::string html_escape(std::string_view text);

/// `text` as a quoted CSS string that is safe inside a <style> element: quotes and backslashes
/// escaped, `<` and `>` as CSS escapes (so no `</style>` can close the element), control
/// characters as U+FFFD.
std::string css_string(std::string_view text);

/// The SVG document `svg` made safe to inline in HTML: from its <svg> element on, without XML
/// prolog, doctype or comments. Nothing when it holds anything but drawing elements (script,
/// foreignObject, event handlers, javascript: URLs); `why` then says what. Every id in it, and
/// every reference to one (`#id`, `url(#id)`), is prefixed by `id_prefix`: Graphviz numbers the
/// ids of each diagram alike (node1, edge1, ...), so a document that inlines several gives each
/// its own prefix to keep its ids unique.
std::optional<std::string> inline_svg(std::string_view svg, std::string& why,
                                      std::string_view id_prefix = {});

/// The style sheet of the report and the worksheet.
const char* report_css();

/// The whole HTML page for `doc`. The diagram block is drawn with svg_diagram(ctx).
std::string render_html(const report::Document& doc, const RenderContext& ctx);

/// `sections` alone, each a <section> as in the page, escaped the same way: for pages that
/// place report sections in their own frame (`moat serve`).
std::string render_html_sections(const std::vector<report::Section>& sections,
                                 const RenderContext& ctx);

}  // namespace moat
