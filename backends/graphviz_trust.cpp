// The trust gradient of the Graphviz layout: the diagram reads from the least trusted zone to the
// most trusted. `dot` ranks the head of every arrow after its tail, so an arrow from a more
// trusted node to a less trusted one (a response, a call out to a partner) pulls the trusted
// node back towards the untrusted edge and tangles the layout. Such arrows are given to `dot`
// the other way round and drawn with their heads swapped (`dir=back`): every arrow then runs
// towards more trust, or stays within one level, so actors and external systems settle at one
// edge and restricted stores at the other, and no arrow has to be reversed by the layout itself.
// Tried first: invisible anchor nodes bounding one band of ranks per trust level; the anchors'
// edges skewed `dot`'s crossing minimisation and doubled the crossings on the 40-element
// benchmark model (docs/performance.md, "Wall diagrams").
#include "backends/graphviz_graph.hpp"

namespace moat::diagram {

bool ranked_backwards(const ModelGraph& g, const View& v, const Edge& e) {
  return g.elements[v.nodes[e.source].element].trust > g.elements[v.nodes[e.target].element].trust;
}

}  // namespace moat::diagram
