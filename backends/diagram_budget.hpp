#pragma once
// The last step of every diagram view: whatever the model's shape, a view never draws more
// nodes or arrows than its budget. Collapsing boundaries (diagram_view.cpp) comes first; what
// still does not fit is merged, then the least important is left out, and the View records
// what was left out so the heading can say so and where to look instead.
#include "backends/diagram_view.hpp"

namespace moat::diagram {

/// Fits `v` to `budget`: arrows between the same two nodes, either way, are always bundled into
/// one (the label lists the flows' numbers, the overlay keeps the worst open severity, arrows
/// both ways get two heads); if there are still too many
/// nodes, those with open threats, the highest severity and the most flows are kept; if there
/// are still too many arrows, those with open threats, the highest severity and crossings into
/// a more trusted zone are kept. Kept things stay in their order; boundaries left empty go.
void fit_budget(const ModelGraph& g, View& v, Budget budget);

/// Keeps part `part` (from 0) of `parts` of a boundary's view, for a sheet too large for its
/// page: the view's own nodes split into `parts` runs in declaration order; this part's nodes
/// stay, the arrows touching them stay, and the other parts' nodes at their ends are drawn as
/// neighbours (context, faded, outside the frames). Nothing else; boundaries left empty go.
void keep_part(View& v, std::size_t part, std::size_t parts);

}  // namespace moat::diagram
