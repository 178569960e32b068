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
  std::vector<ElementId> flows;  ///< in number order; several when bundled (fit_budget)
  Overlay overlay;               ///< the threats of its flows, both directions of a two-way flow
  bool both = false;  ///< a two-way flow (`<->`) or flows both ways: one arrow, heads at both ends
};

struct View {
  std::vector<Cluster> clusters;  ///< parents before children
  std::vector<Node> nodes;        ///< in declaration order
  std::vector<Edge> edges;        ///< in flow declaration order
  /// Per element: the flow's 1-based number; 0: not a flow (both directions of a two-way flow
  /// share one).
  IdVector<ElementId, std::uint32_t> number;
  ElementId focus = kNoElement;  ///< the boundary of `--boundary`, or none
  int collapse = -1;             ///< boundaries deeper than this are boxes; -1: none
  bool group_context = false;    ///< context nodes are drawn as their outermost boundary
  bool group_outside = false;    ///< the nodes outside every boundary are one box (kOutside)
  bool automatic = false;        ///< `collapse` was chosen because the model is large
  std::size_t model_nodes = 0;   ///< nodes in the view before collapsing
  /// What fit_budget() did to keep the view within its node and arrow budget.
  bool aggregated = false;         ///< arrows between the same two nodes were bundled into one
  std::size_t arrows_before = 0;   ///< arrows after merging, before any was left out
  std::size_t nodes_before = 0;    ///< nodes before any was left out
  std::size_t left_out_nodes = 0;  ///< nodes not drawn (with every arrow touching them)
  std::size_t left_out_arrows = 0;
  std::size_t left_out_flows = 0;         ///< flows on the arrows left out
  std::vector<ElementId> left_out_where;  ///< boundaries most of them are in, most first
};

struct ViewResult {
  View view;
  std::string error;  ///< non-empty: the view cannot be drawn (an unknown boundary)
};

/// Above this many nodes (or kArrowBudget arrows), a view without an explicit collapse depth
/// collapses its deepest boundaries until it fits; see choose_collapse() in diagram_view.cpp.
/// Whatever still exceeds them is merged or left out by fit_budget() (diagram_budget.hpp).
inline constexpr std::size_t kNodeBudget = 300;
inline constexpr std::size_t kArrowBudget = 600;

/// How much one diagram may draw: Graphviz's layout time and Mermaid's renderer limits.
struct Budget {
  std::size_t nodes = kNodeBudget;
  std::size_t arrows = kArrowBudget;
};

/// The budget of the formats `dot` lays out (and of DOT, which is laid out by whoever reads
/// it). Smaller than the view's default: on this machine a view of 300 boxes and 600 arrows
/// between them at random (many top-level boundaries) took over 30 s to lay out under load.
inline constexpr Budget kLayoutBudget{200, 400};

/// Whether `e` runs against the trust gradient: one way only, from a more trusted node to a less
/// trusted one (the layout ranks nodes from the least trusted to the most trusted).
bool against_trust(const ModelGraph& g, const View& v, const Edge& e);

/// The view of `ctx.graph` that `ctx.diagram` asks for, within `budget`.
ViewResult build_view(const RenderContext& ctx, Budget budget = {});

}  // namespace moat::diagram
