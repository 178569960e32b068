#pragma once
// `classify` declarations: the table that sorts scanner results (SARIF) into kinds and STRIDE
// categories. The standard library writes it (stdlib/evidence.moat); a model extends it.
#include "compiler/diagnostics.hpp"
#include "compiler/graph.hpp"
#include "compiler/values.hpp"

namespace moat {

/// Fills ModelGraph::classifications from every module's `classify` rows, in load order (the
/// standard library before the model). A row whose id was declared before replaces that row, so
/// a model can redefine a row of the standard library by naming it. A `contradicts` that names
/// no true-or-false attribute of stores, processes or flows is an UnknownAttribute error.
void build_classifications(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                           ValueConverter& values, DiagnosticSink& diags);

}  // namespace moat
