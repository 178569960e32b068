#pragma once
// The report as GitHub-flavoured Markdown: the same document as the HTML report, the diagram as
// a Mermaid block, every user string escaped with markdown_cell().
#include <string>

#include "backends/registry.hpp"
#include "backends/report_doc.hpp"

namespace moat {

/// The Markdown text of `doc`; the diagram block is drawn with mermaid_flowchart(ctx).
std::string render_markdown(const report::Document& doc, const RenderContext& ctx);

}  // namespace moat
