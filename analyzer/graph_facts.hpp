#pragma once
// Reachability and data propagation over the model's flows, computed once per model (linear in
// elements and flows) and read by rule evaluation, `moat explain`, `moat paths` and the reports.
// The semantics are documented in docs/rules.md, "Graph reasoning".
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/graph.hpp"

namespace moat {

/// No zone reaches the element (nothing flows into it).
inline constexpr std::uint8_t kNoTrust = 0xFF;

/// One propagation over the flows: per element, the least trusted zone found and the flow
/// through which it was found first (breadth first, so the path back is a shortest one).
struct Propagation {
  IdVector<ElementId, std::uint8_t> level;  ///< trust ordinal per element, or kNoTrust
  IdVector<ElementId, ElementId> by;  ///< the flow element that brought `level`, or kNoElement

  /// The nodes from the origin (a node of trust `level[e]`) to `e`, origin first; empty when
  /// nothing reaches `e`.
  std::vector<ElementId> path(const ModelGraph& g, ElementId e) const;
  /// The flows of path(), in order.
  std::vector<ElementId> flows(const ModelGraph& g, ElementId e) const;
};

struct GraphFacts {
  /// `reached_from`: the least trusted zone whose requests arrive at a node through a flow,
  /// directly or through forwarding processes (`forwards = true`).
  Propagation reached;
  /// `data_from`: the least trusted zone whose data arrives at a node through any chain of flows;
  /// processes and stores pass on what they receive, actors and external systems do not.
  Propagation data;
  /// Per node: the nodes its credentials open (blast_radius()), filled by compute_graph_facts.
  std::vector<std::uint32_t> reach_offsets;
  std::vector<ElementId> reach;
  /// Per node: `called_by`, the distinct sources of its inbound flows, in the order of those flows
  /// (two flows from one caller count once).
  std::vector<std::uint32_t> called_by_offsets;
  std::vector<ElementId> called_by;
  std::span<const ElementId> reach_of(ElementId e) const { return row_of(reach, reach_offsets, e); }
  std::span<const ElementId> called_by_of(ElementId e) const {
    return row_of(called_by, called_by_offsets, e);
  }
};

/// Computes the facts for `g`: O(trust levels x nodes + flows).
GraphFacts compute_graph_facts(const ModelGraph& g);

/// The value of attribute `name` on `e`, or unset when the schema of its kind has none.
Val attribute_named(const ModelGraph& g, ElementId e, const char* name);

/// "a → b → c": the ids of `path`, for descriptions and explanations.
std::string path_text(const ModelGraph& g, const std::vector<ElementId>& path);

}  // namespace moat
