#include "backends/json_document.hpp"

#include "backends/json_parallel.hpp"
#include "backends/json_plan.hpp"
#include "backends/json_scan_results.hpp"

namespace moat {

using json = nlohmann::ordered_json;

namespace {

/// The location members of a diagnostic or note: null ones when the span is not in a file.
void write_location(JsonWriter& w, const SourceManager& sources, Span span) {
  if (!span.valid()) {
    for (const JsonKey k : {JsonKey("file"), JsonKey("line"), JsonKey("column")}) {
      w.key(k);
      w.null();
    }
    return;
  }
  const LineCol lc = sources.line_col(span.file, span.begin);
  const LineCol end = sources.line_col(span.file, span.end);
  w.member("file", sources.file(span.file).path);
  w.member("line", lc.line);
  w.member("column", lc.column);
  w.member("end_line", end.line);
  w.member("end_column", end.column);
}

void write_id_or_null(JsonWriter& w, const ModelGraph& g, ElementId e) {
  if (e == kNoElement || e == ModelGraph::kOutside) {
    w.null();
  } else {
    w.value(g.elements[e].id);
  }
}

}  // namespace

void write_diagnostics(JsonWriter& w, const SourceManager& sources,
                       const std::vector<Diagnostic>& diags) {
  w.begin_array();
  for (const Diagnostic& d : diags) {
    w.begin_object();
    w.member("severity", severity_name(d.severity));
    w.member("kind", diag_kind_name(d.kind));
    w.member("message", d.message);
    write_location(w, sources, d.span);
    if (!d.suggestion.empty()) w.member("suggestion", d.suggestion);
    w.key("notes");
    w.begin_array();
    for (const DiagNote& n : d.notes) {
      w.begin_object();
      w.member("message", n.message);
      write_location(w, sources, n.span);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void write_elements(JsonWriter& w, const ModelGraph& g) {
  // Every element but the outermost boundary (position 0) and the flows.
  write_array(w, g.elements.size(), [&g](JsonWriter& cw, std::size_t i) {
    const ElementRec& r = g.elements[ElementId::at(i)];
    if (i == 0 || r.kind == Kind::Flow) return;
    cw.begin_object();
    cw.member("id", r.id);
    cw.member("kind", kind_name(r.kind));
    cw.member("name", r.title);
    cw.key("boundary");
    write_id_or_null(cw, g, r.kind == Kind::Data ? kNoElement : r.boundary);
    cw.end_object();
  });
}

void write_flows(JsonWriter& w, const ModelGraph& g) {
  write_array(w, g.flows.size(), [&g](JsonWriter& cw, std::size_t n) {
    const FlowRec& f = g.flows[FlowId::at(n)];
    const ElementRec& r = g.elements[f.element];
    cw.begin_object();
    cw.member("id", r.id);
    cw.member("name", r.title);
    cw.key("source");
    write_id_or_null(cw, g, f.source);
    cw.key("target");
    write_id_or_null(cw, g, f.target);
    cw.key("crosses");
    cw.begin_array();
    for (std::uint32_t i = 0; i < f.exits.size; ++i)
      cw.value(g.elements[g.crossings[f.exits.begin + i]].id);
    for (std::uint32_t i = 0; i < f.enters.size; ++i)
      cw.value(g.elements[g.crossings[f.enters.begin + i]].id);
    cw.end_array();
    cw.member("encrypted", f.encrypted);
    cw.end_object();
  });
}

void write_model_document(JsonWriter& w, const SourceManager& sources, const ModelGraph& graph,
                          const Analysis& analysis, const std::string& file,
                          const std::vector<Diagnostic>& diags, bool compiled,
                          const EvidencePack* pack) {
  w.begin_object();
  w.member("file", file);
  w.member("ok", compiled);
  w.key("model");
  if (compiled) {
    w.begin_object();
    w.member("name", graph.model.title);
    w.member_or_null("version", graph.model.version);
    w.member_or_null("owner", graph.model.owner);
    w.member_or_null("scope", graph.model.scope);
    w.member_or_null("description", graph.model.description);
    w.end_object();
  } else {
    w.null();
  }
  w.key("diagnostics");
  write_diagnostics(w, sources, diags);
  if (!compiled) {
    for (const JsonKey k : {JsonKey("elements"), JsonKey("flows"), JsonKey("findings"),
                            JsonKey("threats"), JsonKey("controls")}) {
      w.key(k);
      w.begin_array();
      w.end_array();
    }
    w.end_object();
    return;
  }
  w.key("elements");
  write_elements(w, graph);
  w.key("flows");
  write_flows(w, graph);
  w.key("findings");
  write_findings(w, graph, analysis);
  w.key("threats");
  write_threats(w, sources, graph, analysis);
  w.key("controls");
  write_controls(w, graph, analysis, pack);
  if (!analysis.scans.empty()) w.member("scan_results", scan_results_json(graph, analysis));
  if (json plan = plan_json(graph, analysis); !plan.is_null()) w.member("plan", plan);
  w.end_object();
}

void begin_models_document(JsonWriter& w) {
  w.begin_object();
  w.member("format_version", kJsonFormatVersion);
  w.key("models");
  w.begin_array();
}

void end_models_document(JsonWriter& w) {
  w.end_array();
  w.end_object();
}

json diagnostics_json(const SourceManager& sources, const std::vector<Diagnostic>& diags) {
  return written_tree([&](JsonWriter& w) { write_diagnostics(w, sources, diags); });
}

json elements_json(const ModelGraph& g) {
  return written_tree([&](JsonWriter& w) { write_elements(w, g); });
}

json flows_json(const ModelGraph& g) {
  return written_tree([&](JsonWriter& w) { write_flows(w, g); });
}

json threats_json(const SourceManager& sources, const ModelGraph& g, const Analysis& a) {
  return written_tree([&](JsonWriter& w) { write_threats(w, sources, g, a); });
}

json controls_json(const ModelGraph& g, const Analysis& a, const EvidencePack* pack) {
  return written_tree([&](JsonWriter& w) { write_controls(w, g, a, pack); });
}

json model_document(const SourceManager& sources, const ModelGraph& graph, const Analysis& analysis,
                    const std::string& file, const std::vector<Diagnostic>& diags, bool compiled,
                    const EvidencePack* pack) {
  return written_tree([&](JsonWriter& w) {
    write_model_document(w, sources, graph, analysis, file, diags, compiled, pack);
  });
}

namespace {
json control_ids(const ModelGraph& g, const std::vector<CriterionId>& controls) {
  json out = json::array();
  for (CriterionId c : controls) out.push_back(g.criteria[c].id);
  return out;
}
}  // namespace

json rules_json(const ModelGraph& g) {
  json out = json::array();
  for (const RuleRec& r : g.rules) {
    if (r.expert()) continue;  // expert-written threats are in `threats`, not rules
    json j;
    j["id"] = r.id;
    j["title"] = r.title;
    j["category"] = category_name(g, r.category);
    json applies = json::array();
    for (int k = 0; k < kKindCount; ++k) {
      if (r.applies & (1u << k)) applies.push_back(kind_name(static_cast<Kind>(k)));
    }
    j["applies"] = std::move(applies);
    j["severity"] = severity_name(g, r.severity);
    j["controls"] = control_ids(g, r.controls);
    j["supports"] = control_ids(g, r.supports);
    j["cwe"] = r.cwe ? json(*r.cwe) : json(nullptr);
    j["advice"] = r.advice;
    j["stdlib"] = r.from_stdlib;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace moat
