#pragma once
// The JSON document of a compiled model: diagnostics, elements and flows (and, as the analyzer
// lands, threats and controls). Its shape is the contract in docs/json-output.md.
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/analysis.hpp"
#include "compiler/compile.hpp"

namespace moat {

/// The format version of the JSON document; bumped on any incompatible change.
inline constexpr const char* kJsonFormatVersion = "1";

nlohmann::ordered_json diagnostics_json(const SourceManager& sources,
                                        const std::vector<Diagnostic>& diags);
nlohmann::ordered_json elements_json(const ModelGraph& g);
nlohmann::ordered_json flows_json(const ModelGraph& g);
nlohmann::ordered_json threats_json(const SourceManager& sources, const ModelGraph& g,
                                    const Analysis& a);
nlohmann::ordered_json controls_json(const ModelGraph& g, const Analysis& a);
nlohmann::ordered_json rules_json(const ModelGraph& g);

/// The whole document for one model (as `moat check --format json` prints it). `diags` are the
/// diagnostics of the run; `graph` and `analysis` are read only when the model compiled.
nlohmann::ordered_json model_document(const SourceManager& sources, const ModelGraph& graph,
                                      const Analysis& analysis, const std::string& file,
                                      const std::vector<Diagnostic>& diags, bool compiled = true);

}  // namespace moat
