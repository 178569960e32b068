#pragma once
// Builds the element part of the model graph: ids, attributes, the boundary tree, flows with
// their crossings, and adjacency.
#include "compiler/graph.hpp"
#include "compiler/values.hpp"

namespace moat {

/// Declares every element and flow of `modules` in `g` (ids and names only).
void declare_elements(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      DiagnosticSink& diags);

/// Fills attributes, resolves placements and endpoints, and computes the derived structure.
/// Call after declare_elements and after the criteria (control ids) are declared.
void build_elements(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                    ValueConverter& values, DiagnosticSink& diags);

}  // namespace moat
