#pragma once
// The compiler's diagnostics as LSP `publishDiagnostics` parameters, one set per file.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace moat::lsp {

/// The diagnostics of `model`, grouped by file path: every file of the model has an entry
/// (an empty array when it has none). Each diagnostic carries its kind as `code`, its notes as
/// `relatedInformation` and a severity (error 1, warning 2, note 3). A diagnostic without a
/// location, or in a standard-library module, is shown at the start of the root file.
std::map<std::string, nlohmann::json> diagnostics_by_file(const Model& model);

}  // namespace moat::lsp
