#include "backends/json_document.hpp"

namespace moat {

using json = nlohmann::ordered_json;

namespace {

json location(const SourceManager& sources, Span span) {
  json j = json::object();
  if (!span.valid()) {
    j["file"] = nullptr;
    j["line"] = nullptr;
    j["column"] = nullptr;
    return j;
  }
  const LineCol lc = sources.line_col(span.file, span.begin);
  const LineCol end = sources.line_col(span.file, span.end);
  j["file"] = sources.file(span.file).path;
  j["line"] = lc.line;
  j["column"] = lc.column;
  j["end_line"] = end.line;
  j["end_column"] = end.column;
  return j;
}

json id_or_null(const ModelGraph& g, ElementId e) {
  if (e == kNoElement || e == ModelGraph::kOutside) return nullptr;
  return g.elements[e].id;
}

}  // namespace

json diagnostics_json(const SourceManager& sources, const std::vector<Diagnostic>& diags) {
  json out = json::array();
  for (const Diagnostic& d : diags) {
    json j;
    j["severity"] = severity_name(d.severity);
    j["kind"] = diag_kind_name(d.kind);
    j["message"] = d.message;
    j.update(location(sources, d.span));
    if (!d.suggestion.empty()) j["suggestion"] = d.suggestion;
    json notes = json::array();
    for (const DiagNote& n : d.notes) {
      json nj;
      nj["message"] = n.message;
      nj.update(location(sources, n.span));
      notes.push_back(std::move(nj));
    }
    j["notes"] = std::move(notes);
    out.push_back(std::move(j));
  }
  return out;
}

json elements_json(const ModelGraph& g) {
  json out = json::array();
  for (ElementId e = 1; e < g.elements.size(); ++e) {
    const ElementRec& r = g.elements[e];
    if (r.kind == Kind::Flow) continue;
    json j;
    j["id"] = r.id;
    j["kind"] = kind_name(r.kind);
    j["name"] = r.title;
    j["boundary"] = r.kind == Kind::Data ? json(nullptr) : id_or_null(g, r.boundary);
    out.push_back(std::move(j));
  }
  return out;
}

json flows_json(const ModelGraph& g) {
  json out = json::array();
  for (const FlowRec& f : g.flows) {
    const ElementRec& r = g.elements[f.element];
    json j;
    j["id"] = r.id;
    j["name"] = r.title;
    j["source"] = id_or_null(g, f.source);
    j["target"] = id_or_null(g, f.target);
    json crosses = json::array();
    for (std::uint32_t i = 0; i < f.exits.size; ++i) crosses.push_back(g.elements[g.crossings[f.exits.begin + i]].id);
    for (std::uint32_t i = 0; i < f.enters.size; ++i) crosses.push_back(g.elements[g.crossings[f.enters.begin + i]].id);
    j["crosses"] = std::move(crosses);
    j["encrypted"] = f.encrypted;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace moat
