#pragma once
// `scan` declarations: the scanner logs a model expects to be read with it (kind, path,
// max_age). The evidence stage reads them; a missing or stale one is a warning there.
#include "compiler/diagnostics.hpp"
#include "compiler/graph.hpp"
#include "compiler/values.hpp"

namespace moat {

/// Fills ModelGraph::scans from every module's `scan` declarations, in load order; a second
/// declaration with an id already used is a DuplicateId error and is dropped.
void build_scans(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                 ValueConverter& values, DiagnosticSink& diags);

}  // namespace moat
