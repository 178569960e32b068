#pragma once

#include "compiler/graph.hpp"

namespace moat {

/// Fills FlowRec::relayed_from for every flow: the flows into its source that carry exactly
/// the same data. A forwarding hop (a CDN or proxy) that receives `a -> cdn` and sends
/// `cdn -> b` with the same data passes `a`'s request on; rules read through it with
/// `relayed_from` to judge the party that sent the request, not the hop. A flow that carries
/// nothing relays nothing. Flows with one data set into one element share one range of
/// ModelGraph::relays, so the work and memory are linear in flows and carried items (a hub
/// with many inbound and outbound flows does not multiply them).
void link_relays(ModelGraph& g);

}  // namespace moat
