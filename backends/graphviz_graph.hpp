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

/// The graph of `view`. Its nodes and arrows are created in the view's order or, for a
/// `variant` above 0, in an order shuffled by it (deterministically): `dot` orders the nodes of
/// a rank by a heuristic that starts from the input order, so another order may cross fewer
/// arrows (graphviz_order.cpp).
GraphPtr build_graph(const RenderContext& ctx, const View& view, unsigned variant = 0);

/// Whether `e` is given to `dot` head first (drawn with `dir=back` or `both`), so that every
/// arrow is ranked towards more trust (graphviz_trust.cpp).
bool ranked_backwards(const ModelGraph& g, const View& v, const Edge& e);

/// DOT text of `g` as it stands (agwrite), without layout: byte-identical for the same graph.
std::string write_dot(Agraph_t* g);

}  // namespace moat::diagram
