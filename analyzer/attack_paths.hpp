#pragma once
// Attack paths (`moat paths`, the reports' "Attack paths" section): the shortest chains of flows
// from less trusted nodes to the nodes that hold or receive each confidential or secret data
// asset, with the open threats on each hop; and the blast radius of each credential holder.
#include <cstdint>
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat {

/// Where paths start: every node whose trust is at most `max_trust`, or the one node `origin`.
struct PathQuery {
  std::uint8_t max_trust = 0;     ///< trust ordinal; 0 is `untrusted`
  ElementId origin = kNoElement;  ///< set: paths start at this node only
  ElementId to = kNoElement;      ///< set: only paths to this data element or node
};

struct AttackPath {
  ElementId data = kNoElement;      ///< the asset; kNoElement for a path to a node (`to`)
  std::vector<ElementId> nodes;     ///< origin first, the holder last
  std::vector<ElementId> flows;     ///< flow i goes from nodes[i] to nodes[i + 1]
  std::vector<ThreatId> threats;    ///< open threats on the path's nodes and flows
  std::uint8_t classification = 0;  ///< the asset's (for a node: the most sensitive it holds)
  std::int32_t worst = -1;          ///< the highest severity among `threats`, -1 if none
};

/// A holder of credentials and what they open (GraphFacts::reach).
struct BlastRadius {
  ElementId holder = kNoElement;
  std::vector<ElementId> opens;
  std::uint8_t classification = 0;  ///< the most sensitive data the opened nodes hold or receive
};

/// The paths, most at risk first: classification, then worst open threat, then fewer hops, then
/// declaration order.
std::vector<AttackPath> attack_paths(const ModelGraph& g, const Analysis& a, const PathQuery& q);

/// Nodes that hold credentials (a store holding credential data, a process receiving it or
/// declaring `secrets`) and open something, the widest reach at the most sensitive data first.
std::vector<BlastRadius> blast_radii(const ModelGraph& g, const Analysis& a);

}  // namespace moat
