#pragma once
// The Mermaid text of a view (backends/diagram.hpp's mermaid_flowchart builds the view first).
#include <string>

#include "backends/diagram_view.hpp"

namespace moat::diagram {

/// The flowchart of `view`: a comment header, nested subgraphs, numbered arrows, overlay classes.
std::string mermaid_of(const RenderContext& ctx, const View& view);

}  // namespace moat::diagram
