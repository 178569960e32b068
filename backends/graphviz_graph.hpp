#pragma once
// The diagram as a cgraph graph: boundaries as nested clusters, elements as nodes, flows as
// edges, a legend, and the layout settings that keep large graphs tractable. Use inside a
// GraphvizSession (graphviz_render.hpp).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <graphviz/cgraph.h>

#include "backends/diagram_view.hpp"

namespace moat::diagram {

struct GraphClose {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphClose>;

/// An empty directed graph named `name` whose object ids follow creation order (so agwrite
/// writes subgraphs in a fixed order) and whose agwrite output goes to a std::string.
GraphPtr open_graph(const std::string& name);

/// The graph of `view`.
GraphPtr build_graph(const RenderContext& ctx, const View& view);

/// Whether `e` is given to `dot` head first (drawn with `dir=back` or `both`), so that every
/// arrow is ranked towards more trust (graphviz_trust.cpp).
bool ranked_backwards(const ModelGraph& g, const View& v, const Edge& e);

/// DOT text of `g` as it stands (agwrite), without layout: byte-identical for the same graph.
std::string write_dot(Agraph_t* g);

}  // namespace moat::diagram
