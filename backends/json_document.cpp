#include "backends/json_document.hpp"

#include "backends/json_evidence.hpp"

#include "backends/json_plan.hpp"
#include "backends/json_scan_results.hpp"
#include "compiler/literals.hpp"

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
    for (std::uint32_t i = 0; i < f.exits.size; ++i)
      crosses.push_back(g.elements[g.crossings[f.exits.begin + i]].id);
    for (std::uint32_t i = 0; i < f.enters.size; ++i)
      crosses.push_back(g.elements[g.crossings[f.enters.begin + i]].id);
    j["crosses"] = std::move(crosses);
    j["encrypted"] = f.encrypted;
    out.push_back(std::move(j));
  }
  return out;
}

namespace {
json control_ids(const ModelGraph& g, const std::vector<std::uint32_t>& controls,
                 bool in_scope_only) {
  json out = json::array();
  for (std::uint32_t c : controls) {
    if (in_scope_only && !(g.model.soc2_scope & (1u << g.criteria[c].category))) continue;
    out.push_back(g.criteria[c].id);
  }
  return out;
}
}  // namespace

namespace {
/// Every mitigation target and acceptance covering the threat, with the target as written.
json covered_by_json(const ModelGraph& g, const Threat& t, std::int64_t today) {
  const EnumDef& statuses = g.schema.enums[g.builtins.mitigation_status];
  json out = json::array();
  for (const Cover& c : t.covered_by) {
    json j;
    j["kind"] = cover_kind_name(c);
    j["id"] = c.acceptance || c.dismissal || c.attribute ? json(nullptr)
                                                         : json(g.mitigations[c.owner].id);
    j["target"] = cover_text(g, c);
    j["form"] = cover_form_name(g, c);
    if (c.attribute) {
      j["status"] = "claimed";
    } else if (c.dismissal) {
      j["status"] = dismissal_name(g, g.dismissals[c.owner].as);
    } else if (c.acceptance) {
      const auto& expires = g.accepts[c.owner].expires;
      j["status"] = expires && *expires < today ? "expired" : "active";
    } else {
      j["status"] = statuses.members[g.mitigations[c.owner].status];
    }
    out.push_back(std::move(j));
  }
  return out;
}
}  // namespace

namespace {
json dismissal_json(const ModelGraph& g, const DismissRec& d) {
  return {{"target", d.target.text},
          {"as", dismissal_name(g, d.as)},
          {"by", d.by},
          {"reason", d.reason},
          {"ticket", d.ticket.empty() ? json(nullptr) : json(d.ticket)}};
}
}  // namespace

json threats_json(const SourceManager& sources, const ModelGraph& g, const Analysis& a) {
  json out = json::array();
  for (const Threat& t : a.threats) {
    const RuleRec& r = g.rules[t.rule];
    const ElementRec& e = g.elements[t.element];
    json j;
    j["id"] = threat_id(g, t);
    j["rule"] = r.id;
    j["category"] = category_name(g, t.category);
    j["severity"] = severity_name(g, t.severity);
    j["rule_severity"] = severity_name(g, r.severity);
    j["finding"] = t.finding < a.findings.size() ? a.findings[t.finding].id : threat_id(g, t);
    j["element"] = e.id;
    j["element_kind"] = kind_name(e.kind);
    j["status"] = threat_status_name(t.status);
    j["expert"] = r.expert();
    j["controls"] = control_ids(g, r.controls, true);
    j["supports"] = control_ids(g, r.supports, true);
    j["title"] = r.title;
    j["advice"] = r.advice;
    j["cwe"] = r.cwe ? json(*r.cwe) : json(nullptr);
    const json loc = location(sources, e.id_span);
    j["file"] = loc["file"];
    j["line"] = loc["line"];
    json mitigations = json::array();
    for (std::uint32_t m : t.mitigations) mitigations.push_back(g.mitigations[m].id);
    j["mitigations"] = std::move(mitigations);
    j["covered_by"] = covered_by_json(g, t, a.today);
    json annotated = json::array();
    for (std::uint32_t an : t.annotations) {
      annotated.push_back(a.annotations[an].file + ":" + std::to_string(a.annotations[an].line));
    }
    j["annotations"] = std::move(annotated);
    if (t.acceptance >= 0) {
      const AcceptRec& acc = g.accepts[t.acceptance];
      json aj;
      aj["owner"] = acc.owner;
      aj["reason"] = acc.reason;
      aj["expires"] = acc.expires ? json(format_date(*acc.expires)) : json(nullptr);
      aj["expired"] = t.acceptance_expired;
      j["acceptance"] = std::move(aj);
    } else {
      j["acceptance"] = nullptr;
    }
    j["dismissal"] =
        t.dismissal >= 0 ? dismissal_json(g, g.dismissals[t.dismissal]) : json(nullptr);
    // Only a threat found over several hops has a path (docs/rules.md, "Graph reasoning").
    if (!t.via.empty()) {
      json via = json::array();
      for (ElementId n : t.via) via.push_back(g.elements[n].id);
      j["via"] = std::move(via);
    }
    // Only a threat raised from scanner results has them (docs/evidence.md).
    if (!t.scan_results.empty()) {
      j["scan_rule"] = t.scan_rule;
      j["scan_results"] = t.scan_results;
    }
    out.push_back(std::move(j));
  }
  return out;
}

json controls_json(const ModelGraph& g, const Analysis& a, const EvidencePack* pack) {
  static const char* kCategories[] = {"security", "availability", "confidentiality",
                                      "processing_integrity", "privacy"};
  json out = json::array();
  for (const ControlResult& c : a.controls) {
    const CriterionRec& cr = g.criteria[c.criterion];
    json j;
    j["id"] = cr.id;
    j["title"] = cr.title;
    j["category"] = kCategories[cr.category];
    // `status` keeps its format_version 2 values; `readiness` is the auditor's word for it.
    j["status"] = legacy_control_status_name(c.status);
    j["readiness"] = control_status_name(c.status);
    j["basis"] = c.basis == ControlBasis::None ? json(nullptr) : json(control_basis_name(c.basis));
    j["manual"] = c.manual;
    j["reason"] = c.reason;
    auto ids = [&](const std::vector<std::uint32_t>& threats) {
      json list = json::array();
      for (std::uint32_t t : threats) list.push_back(threat_id(g, a.threats[t]));
      return list;
    };
    j["threats"] = ids(c.threats);
    j["supporting_threats"] = ids(c.supporting);
    j["blocking"] = ids(c.blocking);
    json mitigations = json::array();
    json evidence = json::array();
    for (std::uint32_t m : c.mitigations) {
      mitigations.push_back(g.mitigations[m].id);
      for (const std::string& e : g.mitigations[m].evidence) evidence.push_back(e);
      for (std::uint32_t an : a.mitigation_annotations[m]) {
        evidence.push_back(a.annotations[an].file + ":" + std::to_string(a.annotations[an].line));
      }
    }
    j["mitigations"] = std::move(mitigations);
    j["evidence"] = std::move(evidence);
    if (!a.scans.empty()) j["scanner_evidence"] = control_scan_evidence(g, a, c);
    if (pack && pack->collected) {
      json items = json::array();
      const auto index = static_cast<std::size_t>(&c - a.controls.data());
      for (std::uint32_t i : pack->by_control[index])
        items.push_back(evidence_item_json(g, a, *pack, pack->items[i], false));
      j["evidence_items"] = std::move(items);
    }
    out.push_back(std::move(j));
  }
  return out;
}

json model_document(const SourceManager& sources, const ModelGraph& graph, const Analysis& analysis,
                    const std::string& file, const std::vector<Diagnostic>& diags, bool compiled,
                    const EvidencePack* pack) {
  json doc;
  doc["file"] = file;
  doc["ok"] = compiled;
  if (compiled) {
    auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    doc["model"] = {{"name", graph.model.title},
                    {"version", text(graph.model.version)},
                    {"owner", text(graph.model.owner)},
                    {"scope", text(graph.model.scope)},
                    {"description", text(graph.model.description)}};
  } else {
    doc["model"] = nullptr;
  }
  doc["diagnostics"] = diagnostics_json(sources, diags);
  doc["elements"] = compiled ? elements_json(graph) : json::array();
  doc["flows"] = compiled ? flows_json(graph) : json::array();
  doc["findings"] = compiled ? findings_json(graph, analysis) : json::array();
  doc["threats"] = compiled ? threats_json(sources, graph, analysis) : json::array();
  doc["controls"] = compiled ? controls_json(graph, analysis, pack) : json::array();
  if (compiled && !analysis.scans.empty()) doc["scan_results"] = scan_results_json(graph, analysis);
  if (json plan = compiled ? plan_json(graph, analysis) : json(nullptr); !plan.is_null())
    doc["plan"] = std::move(plan);
  return doc;
}

json models_document(json models) {
  json doc;
  doc["format_version"] = kJsonFormatVersion;
  doc["models"] = std::move(models);
  return doc;
}

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
    j["controls"] = control_ids(g, r.controls, false);
    j["supports"] = control_ids(g, r.supports, false);
    j["cwe"] = r.cwe ? json(*r.cwe) : json(nullptr);
    j["advice"] = r.advice;
    j["stdlib"] = r.from_stdlib;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace moat
