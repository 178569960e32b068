#pragma once
// `dismiss TARGET { reason, by, as }`: threats the team considered and found not to apply or to
// be false positives, checked against the prelude's `attributes dismiss` and resolved like an
// acceptance's target.
#include "compiler/graph.hpp"
#include "compiler/values.hpp"

namespace moat {

/// Fills ModelGraph::dismissals; an empty `reason` is an error (a dismissal must say why).
void build_dismissals(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      ValueConverter& values, DiagnosticSink& diags);

}  // namespace moat
