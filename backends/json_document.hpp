#pragma once
// The JSON document of a compiled model: diagnostics, elements and flows (and, as the analyzer
// lands, threats and controls). Its shape is the contract in docs/json-output.md.
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/analysis.hpp"
#include "analyzer/evidence_pack.hpp"
#include "backends/json_writer.hpp"
#include "compiler/compile.hpp"

namespace moat {

/// The format version of the JSON document; bumped on any incompatible change. Version 2: one
/// shape for any number of models, `{"format_version": "2", "models": [...]}`.
inline constexpr const char* kJsonFormatVersion = "2";

/// The parts of the document, each written at the writer's position (the streaming form the
/// large outputs use, backends/json_writer.hpp).
void write_diagnostics(JsonWriter& w, const SourceManager& sources,
                       const std::vector<Diagnostic>& diags);
void write_elements(JsonWriter& w, const ModelGraph& g);
void write_flows(JsonWriter& w, const ModelGraph& g);
void write_threats(JsonWriter& w, const SourceManager& sources, const ModelGraph& g,
                   const Analysis& a);
/// With a collected `pack`, each criterion also lists `evidence_items` (hash and revision each).
void write_controls(JsonWriter& w, const ModelGraph& g, const Analysis& a,
                    const EvidencePack* pack = nullptr);
/// The findings (threats grouped by root cause), in the order `moat check` ranks them.
void write_findings(JsonWriter& w, const ModelGraph& g, const Analysis& a);
/// A threat's id (threat_id()) as a string value, without building the string each time.
void write_threat_id(JsonWriter& w, const ModelGraph& g, const Threat& t);
/// The ids of `threats`, an array of strings.
void write_threat_ids(JsonWriter& w, const ModelGraph& g, const Analysis& a,
                      std::span<const ThreatId> threats);

/// The document of one model (an item of `models`). `diags` are the diagnostics of the run;
/// `graph` and `analysis` are read only when the model compiled.
void write_model_document(JsonWriter& w, const SourceManager& sources, const ModelGraph& graph,
                          const Analysis& analysis, const std::string& file,
                          const std::vector<Diagnostic>& diags, bool compiled = true,
                          const EvidencePack* pack = nullptr);

/// What `moat check --format json` prints and `moat build` writes, for one model or several:
/// `{"format_version": ..., "models": [model_document, ...]}`. begin writes up to the `[` of
/// `models`; the caller writes each model document, then end closes both.
void begin_models_document(JsonWriter& w);
void end_models_document(JsonWriter& w);

/// The same parts as trees, for the small documents built around them (`moat serve`, tests):
/// what the writer writes, read back.
nlohmann::ordered_json diagnostics_json(const SourceManager& sources,
                                        const std::vector<Diagnostic>& diags);
nlohmann::ordered_json elements_json(const ModelGraph& g);
nlohmann::ordered_json flows_json(const ModelGraph& g);
nlohmann::ordered_json threats_json(const SourceManager& sources, const ModelGraph& g,
                                    const Analysis& a);
nlohmann::ordered_json controls_json(const ModelGraph& g, const Analysis& a,
                                     const EvidencePack* pack = nullptr);
nlohmann::ordered_json model_document(const SourceManager& sources, const ModelGraph& graph,
                                      const Analysis& analysis, const std::string& file,
                                      const std::vector<Diagnostic>& diags, bool compiled = true,
                                      const EvidencePack* pack = nullptr);
nlohmann::ordered_json rules_json(const ModelGraph& g);

}  // namespace moat
