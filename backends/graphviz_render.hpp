#pragma once
// In-process Graphviz: one lock for its global state, its messages captured instead of printed,
// the plugins it needs, layout and rendering.
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

}  // namespace moat::diagram
