#pragma once
// The JSON document of a compiled model: diagnostics, elements and flows (and, as the analyzer
// lands, threats and controls). Its shape is the contract in docs/json-output.md.
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/analysis.hpp"
#include "analyzer/evidence_pack.hpp"
#include "compiler/compile.hpp"

namespace moat {

/// The format version of the JSON document; bumped on any incompatible change. Version 2: one
/// shape for any number of models, `{"format_version": "2", "models": [...]}`.
inline constexpr const char* kJsonFormatVersion = "2";

nlohmann::ordered_json diagnostics_json(const SourceManager& sources,
                                        const std::vector<Diagnostic>& diags);
nlohmann::ordered_json elements_json(const ModelGraph& g);
nlohmann::ordered_json flows_json(const ModelGraph& g);
nlohmann::ordered_json threats_json(const SourceManager& sources, const ModelGraph& g,
                                    const Analysis& a);
/// With a collected `pack`, each criterion also lists `evidence_items` (hash and revision each).
nlohmann::ordered_json controls_json(const ModelGraph& g, const Analysis& a,
                                     const EvidencePack* pack = nullptr);
/// The findings (threats grouped by root cause), in the order `moat check` ranks them.
nlohmann::ordered_json findings_json(const ModelGraph& g, const Analysis& a);
nlohmann::ordered_json rules_json(const ModelGraph& g);

/// The document of one model (an item of `models`). `diags` are the diagnostics of the run;
/// `graph` and `analysis` are read only when the model compiled.
nlohmann::ordered_json model_document(const SourceManager& sources, const ModelGraph& graph,
                                      const Analysis& analysis, const std::string& file,
                                      const std::vector<Diagnostic>& diags, bool compiled = true,
                                      const EvidencePack* pack = nullptr);

/// What `moat check --format json` prints and `moat build` writes, for one model or several:
/// `{"format_version": ..., "models": [model_document, ...]}`.
nlohmann::ordered_json models_document(nlohmann::ordered_json models);

}  // namespace moat
