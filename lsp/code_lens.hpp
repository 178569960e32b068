#pragma once
// textDocument/codeLens: the analysis, live, above each element and flow declared in a file:
// "3 open threats (1 high)".
#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace moat::lsp {

/// CodeLens[] for the elements and flows declared in file `file` of `model`; empty while the
/// model has errors (it has no analysis then).
nlohmann::json code_lenses(const Model& model, FileId file);

}  // namespace moat::lsp
