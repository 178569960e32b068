#pragma once
// The data-flow diagram in its four forms. DOT is built with Graphviz's cgraph and written
// without layout, so it is deterministic and golden-tested; SVG and PNG are laid out and
// rendered in process by Graphviz's gvc; Mermaid is text for GitHub Markdown.
#include <string>

#include "backends/registry.hpp"

namespace moat {

/// DOT source of the diagram for `ctx.diagram` (view, overlay, direction).
RenderResult dot_diagram(const RenderContext& ctx);
/// The diagram laid out with `dot` and rendered as SVG.
RenderResult svg_diagram(const RenderContext& ctx);
/// The same as PNG, through Graphviz's cairo plugin; an error explains when it is unavailable.
RenderResult png_diagram(const RenderContext& ctx);
/// A Mermaid flowchart with the same conventions, as far as Mermaid allows.
std::string mermaid_flowchart(const RenderContext& ctx);

}  // namespace moat
