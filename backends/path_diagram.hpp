#pragma once
// A small diagram of one attack path for the report's "Attack paths" section: the path's nodes
// and hops highlighted, the other flows touching those nodes drawn grey for context (a few per
// node). Built with cgraph and laid out through graphviz_render.hpp's public entry point, in a
// Graphviz session of its own.
#include "analyzer/attack_paths.hpp"
#include "backends/registry.hpp"

namespace moat::diagram {

/// How many other flows of each path node the diagram draws for context.
inline constexpr std::size_t kPathContextFlows = 3;

/// The DOT graph of `p` as text (agwrite, no layout): what path_svg lays out.
std::string path_dot(const ModelGraph& g, const Analysis& a, const AttackPath& p);

/// The path alone as a Mermaid flowchart (for the Markdown report): its nodes left to right,
/// its hops highlighted.
std::string path_mermaid(const ModelGraph& g, const AttackPath& p);

/// The diagram of `p` as an SVG document, or an error saying why it could not be drawn.
RenderResult path_svg(const ModelGraph& g, const Analysis& a, const AttackPath& p);

}  // namespace moat::diagram
