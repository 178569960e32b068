#pragma once
// In-process Graphviz: one lock for its global state, its messages captured instead of printed,
// the plugins it needs, layout and rendering.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <graphviz/cgraph.h>

#include "backends/graphviz_graph.hpp"
#include "backends/registry.hpp"

namespace moat::diagram {

/// Holds Graphviz for one render: Graphviz is not thread-safe and keeps its error handler and
/// error level in globals, so every use of cgraph or gvc happens inside one session.
/// Messages of level error that Graphviz reports meanwhile are collected, not printed.
class GraphvizSession {
 public:
  GraphvizSession();
  ~GraphvizSession();
  GraphvizSession(const GraphvizSession&) = delete;
  GraphvizSession& operator=(const GraphvizSession&) = delete;

  /// The errors Graphviz reported in this session, one per line ("" if none).
  std::string errors() const;

 private:
  std::unique_lock<std::mutex> lock_;
  agusererrf previous_handler_;
  agerrlevel_t previous_level_;
};

/// Lays `g` out with `dot` once and renders it in each of `formats` ("svg", "png"), in order:
/// the layout of a large model takes seconds, the renders a fraction of it. SVG uses only the
/// core and dot_layout plugins, loaded by moat itself; PNG also needs the system's plugin
/// configuration, for the cairo renderer (put "svg" first: a PNG caps the drawing size). Frees
/// render data, layout, graph and context, in that order.
/// When `bounds` is given, it receives the laid-out drawing's width and height in points, before
/// any scaling to the graph's `size`.
std::vector<RenderResult> layout_and_render(const GraphvizSession& session, GraphPtr g,
                                            const std::vector<std::string>& formats,
                                            std::pair<double, double>* bounds = nullptr);

/// Builds the graph of a view from one input order (build_graph's `variant`).
using GraphBuilder = std::function<GraphPtr(unsigned variant)>;

/// Lays `g` out with `dot` and counts the points where its arrows cross (not where they meet at
/// an end), as bench/svg_layout.py counts them in the SVG; frees graph and layout. A graph that
/// cannot be laid out counts as crossing everywhere (SIZE_MAX). Inside a GraphvizSession.
std::size_t laid_out_crossings(GraphPtr g);

/// The points where the arrows of the laid-out `g` cross (graphviz_order.cpp).
std::size_t count_crossings(Agraph_t* g);

/// How many input orders of `view` best_order() compares: fewer for larger views, so the work
/// stays bounded (graphviz_order.cpp).
unsigned order_tries(const View& view);

/// Of the variants 0 .. tries - 1 of `build`, the one whose layout crosses the fewest arrows;
/// the lowest on a tie. Lays out `tries` graphs (none when tries is 1). Inside a GraphvizSession.
unsigned best_order(const GraphBuilder& build, unsigned tries);

}  // namespace moat::diagram
