#pragma once
// The outline of a file (textDocument/documentSymbol) and the names of every checked model
// (workspace/symbol).
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace moat::lsp {

/// DocumentSymbol[] of file `file` of `model`: boundaries containing their elements and flows,
/// then the rules, mitigations, threats and assumptions declared in the file.
nlohmann::json document_symbols(const Model& model, FileId file);

/// SymbolInformation[] of the elements, rules, mitigations and assumptions declared in the
/// models' own files whose id contains `query` (case-insensitive; empty: all), in model order.
nlohmann::json workspace_symbols(const Workspace& workspace, const std::string& query);

}  // namespace moat::lsp
