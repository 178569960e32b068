#pragma once
// The Mermaid text of a view (backends/diagram.hpp's mermaid_flowchart builds the view first).
#include <string>

#include "backends/diagram_view.hpp"
#include "backends/registry.hpp"

namespace moat::diagram {

/// Mermaid's default limits, which GitHub renders with: more arrows or more text than this and
/// the library refuses the diagram ("Edge limit exceeded", "Maximum text size exceeded").
inline constexpr std::size_t kMermaidArrows = 500;
inline constexpr std::size_t kMermaidText = 50'000;

/// The flowchart of `view`: a comment header, nested subgraphs, numbered arrows, overlay classes.
std::string mermaid_of(const RenderContext& ctx, const View& view);

}  // namespace moat::diagram

namespace moat {

/// The flowchart of `ctx.diagram`'s view, within Mermaid's limits: the view gets Mermaid's
/// budget, and a smaller one while the text is still too long; an unknown boundary: the error.
RenderResult mermaid_within_limits(const RenderContext& ctx);

}  // namespace moat
