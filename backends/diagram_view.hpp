#pragma once
// What a diagram shows, decided once for every diagram format: the boundaries drawn as frames,
// the nodes (elements, or collapsed boundaries standing for everything inside them), the arrows
// (flows, merged where they meet a collapsed boundary) and their threat overlays. The Graphviz
// and Mermaid writers only turn a View into text.
#include <cstdint>
#include <string>
#include <vector>

#include "backends/diagram_overlay.hpp"
#include "backends/render_context.hpp"

namespace moat::diagram {

enum class Shape : std::uint8_t { Actor, External, Process, Store, Collapsed };

struct Cluster {
  ElementId boundary = kNoElement;
  int parent = -1;  ///< index into View::clusters; -1: the top level
  Overlay overlay;  ///< the boundary's own threats
};

struct Node {
  ElementId element = kNoElement;  ///< the element, or the collapsed boundary
  Shape shape = Shape::Process;
  int cluster = -1;          ///< index into View::clusters; -1: the top level
  bool context = false;      ///< outside the viewed boundary: drawn greyed, at the top level
  std::uint32_t hidden = 0;  ///< Collapsed: how many nodes it stands for (context: linked ones)
  Overlay overlay;           ///< Collapsed: everything inside, flows between them included
};

struct Edge {
  int source = 0, target = 0;    ///< indices into View::nodes
  std::vector<ElementId> flows;  ///< in declaration order; several when merged at a collapsed box
  Overlay overlay;               ///< the threats of its flows, both directions of a two-way flow
  bool both = false;             ///< a two-way flow (`<->`): one arrow, heads at both ends
};

struct View {
  std::vector<Cluster> clusters;      ///< parents before children
  std::vector<Node> nodes;            ///< in declaration order
  std::vector<Edge> edges;            ///< in flow declaration order
  std::vector<std::uint32_t> number;  ///< per element id: the flow's 1-based number; 0: not a flow
                                      ///< (both directions of a two-way flow share one)
  ElementId focus = kNoElement;       ///< the boundary of `--boundary`, or none
  int collapse = -1;                  ///< boundaries deeper than this are boxes; -1: none
  bool group_context = false;         ///< context nodes are drawn as their outermost boundary
  bool group_outside = false;         ///< the nodes outside every boundary are one box (kOutside)
  bool automatic = false;             ///< `collapse` was chosen because the model is large
  std::size_t model_nodes = 0;        ///< nodes in the view before collapsing
};

struct ViewResult {
  View view;
  std::string error;  ///< non-empty: the view cannot be drawn (an unknown boundary)
};

/// The view of `ctx.graph` that `ctx.diagram` asks for.
ViewResult build_view(const RenderContext& ctx);

/// Above this many nodes (or kArrowBudget arrows), a view without an explicit collapse depth
/// collapses its deepest boundaries until it fits; see choose_collapse() in diagram_view.cpp.
inline constexpr std::size_t kNodeBudget = 300;
inline constexpr std::size_t kArrowBudget = 600;

}  // namespace moat::diagram
