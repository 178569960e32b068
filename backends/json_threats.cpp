// The `threats` and `controls` arrays of the JSON document (docs/json-output.md), written as the
// writer walks the analysis: the two largest parts of a large model's document.
#include "analyzer/scan_threats.hpp"
#include "backends/json_document.hpp"
#include "backends/json_evidence.hpp"
#include "backends/json_parallel.hpp"
#include "backends/json_scan_results.hpp"
#include "compiler/literals.hpp"

namespace moat {

namespace {

/// The criteria of a rule that are in the model's SOC 2 scope.
void write_control_ids(JsonWriter& w, const ModelGraph& g,
                       const std::vector<CriterionId>& controls) {
  w.begin_array();
  for (CriterionId c : controls) {
    if (g.model.soc2_scope & (1u << g.criteria[c].category)) w.value(g.criteria[c].id);
  }
  w.end_array();
}

/// An annotation as `file:line`.
void write_annotation(JsonWriter& w, const Annotation& an) {
  w.value_concat({an.file, ":", std::to_string(an.line)});
}

/// Every mitigation target and acceptance covering the threat, with the target as written.
void write_covered_by(JsonWriter& w, const ModelGraph& g, const Threat& t, std::int64_t today) {
  const EnumDef& statuses = g.schema.enums[g.builtins.mitigation_status];
  w.begin_array();
  for (const Cover& c : t.covered_by) {
    w.begin_object();
    w.member("kind", cover_kind_name(c));
    w.key("id");
    if (c.acceptance || c.dismissal || c.attribute) {
      w.null();
    } else {
      w.value(g.mitigations[c.mitigation].id);
    }
    w.member("target", cover_text(g, c));
    w.member("form", cover_form_name(g, c));
    w.key("status");
    if (c.attribute) {
      w.value("claimed");
    } else if (c.dismissal) {
      w.value(dismissal_name(g, g.dismissals[c.dismiss].as));
    } else if (c.acceptance) {
      const auto& expires = g.accepts[c.accept].expires;
      w.value(expires && *expires < today ? "expired" : "active");
    } else {
      w.value(statuses.members[g.mitigations[c.mitigation].status]);
    }
    w.end_object();
  }
  w.end_array();
}

void write_acceptance(JsonWriter& w, const AcceptRec& acc, bool expired) {
  w.begin_object();
  w.member("owner", acc.owner);
  w.member("reason", acc.reason);
  w.key("expires");
  if (acc.expires) {
    w.value(format_date(*acc.expires));
  } else {
    w.null();
  }
  w.member("expired", expired);
  w.end_object();
}

void write_dismissal(JsonWriter& w, const ModelGraph& g, const DismissRec& d) {
  w.begin_object();
  w.member("target", d.target.text);
  w.member("as", dismissal_name(g, d.as));
  w.member("by", d.by);
  w.member("reason", d.reason);
  w.member_or_null("ticket", d.ticket);
  w.end_object();
}

/// The members of a threat after its rule's: where it is and what covers it.
void write_threat_state(JsonWriter& w, const SourceManager& sources, const ModelGraph& g,
                        const Analysis& a, const Threat& t) {
  const ElementRec& e = g.elements[t.element];
  if (e.id_span.valid()) {
    w.member("file", sources.file(e.id_span.file).path);
    w.member("line", sources.line_col(e.id_span.file, e.id_span.begin).line);
  } else {
    w.key("file");
    w.null();
    w.key("line");
    w.null();
  }
  w.key("mitigations");
  w.begin_array();
  for (MitigationId m : t.mitigations) w.value(g.mitigations[m].id);
  w.end_array();
  w.key("covered_by");
  write_covered_by(w, g, t, a.today);
  w.key("annotations");
  w.begin_array();
  for (std::uint32_t an : t.annotations) write_annotation(w, a.annotations[an]);
  w.end_array();
  w.key("acceptance");
  if (!t.acceptance.is_none()) {
    write_acceptance(w, g.accepts[t.acceptance], t.acceptance_expired);
  } else {
    w.null();
  }
  w.key("dismissal");
  if (!t.dismissal.is_none()) {
    write_dismissal(w, g, g.dismissals[t.dismissal]);
  } else {
    w.null();
  }
}

void write_threat(JsonWriter& w, const SourceManager& sources, const ModelGraph& g,
                  const Analysis& a, const Threat& t) {
  const RuleRec& r = g.rules[t.rule];
  const ElementRec& e = g.elements[t.element];
  w.begin_object();
  w.key("id");
  write_threat_id(w, g, t);
  w.member("rule", r.id);
  w.member("category", category_name(g, t.category));
  w.member("severity", severity_name(g, t.severity));
  w.member("rule_severity", severity_name(g, r.severity));
  w.key("finding");
  if (t.finding < a.findings.size()) {
    w.value(a.findings[t.finding].id);
  } else {
    write_threat_id(w, g, t);
  }
  w.member("element", e.id);
  w.member("element_kind", kind_name(e.kind));
  w.member("status", threat_status_name(t.status));
  w.member("expert", r.expert());
  w.key("controls");
  write_control_ids(w, g, r.controls);
  w.key("supports");
  write_control_ids(w, g, r.supports);
  w.member("title", r.title);
  w.member("advice", r.advice);
  w.key("cwe");
  if (r.cwe) {
    w.value(*r.cwe);
  } else {
    w.null();
  }
  write_threat_state(w, sources, g, a, t);
  // Only a threat found over several hops has a path (docs/rules.md, "Graph reasoning").
  if (!t.via.empty()) {
    w.key("via");
    w.begin_array();
    for (ElementId n : t.via) w.value(g.elements[n].id);
    w.end_array();
  }
  // Only a threat raised from scanner results has them (docs/evidence.md).
  if (!t.scan_results.empty()) {
    w.member("scan_rule", t.scan_rule);
    w.key("scan_results");
    w.begin_array();
    for (std::uint32_t i : cited_scan_results(t)) w.value(i);
    w.end_array();
    w.key("scan_result_count");
    w.value(static_cast<std::uint32_t>(t.scan_results.size()));
  }
  w.end_object();
}

/// A criterion's mitigations and the evidence they cite (as written, then annotations).
void write_control_mitigations(JsonWriter& w, const ModelGraph& g, const Analysis& a,
                               const ControlResult& c) {
  w.key("mitigations");
  w.begin_array();
  for (MitigationId m : c.mitigations) w.value(g.mitigations[m].id);
  w.end_array();
  w.key("evidence");
  w.begin_array();
  for (MitigationId m : c.mitigations) {
    for (const std::string& e : g.mitigations[m].evidence) w.value(e);
    for (std::uint32_t an : a.mitigation_annotations[m]) write_annotation(w, a.annotations[an]);
  }
  w.end_array();
}

void write_control(JsonWriter& w, const ModelGraph& g, const Analysis& a, const ControlResult& c,
                   const EvidencePack* pack) {
  static const char* kCategories[] = {"security", "availability", "confidentiality",
                                      "processing_integrity", "privacy"};
  const CriterionRec& cr = g.criteria[c.criterion];
  w.begin_object();
  w.member("id", cr.id);
  w.member("title", cr.title);
  w.member("category", kCategories[cr.category]);
  // `status` keeps its format_version 2 values; `readiness` is the auditor's word for it.
  w.member("status", legacy_control_status_name(c.status));
  w.member("readiness", control_status_name(c.status));
  w.key("basis");
  if (c.basis == ControlBasis::None) {
    w.null();
  } else {
    w.value(control_basis_name(c.basis));
  }
  w.member("manual", c.manual);
  w.member("reason", c.reason);
  w.key("threats");
  write_threat_ids(w, g, a, c.threats);
  w.key("supporting_threats");
  write_threat_ids(w, g, a, c.supporting);
  w.key("blocking");
  write_threat_ids(w, g, a, c.blocking);
  write_control_mitigations(w, g, a, c);
  if (!a.scans.empty()) w.member("scanner_evidence", control_scan_evidence(g, a, c));
  if (pack && pack->collected) {
    w.key("evidence_items");
    w.begin_array();
    const auto index = static_cast<std::size_t>(&c - a.controls.data());
    for (std::uint32_t i : pack->by_control[index])
      w.value(evidence_item_json(g, a, *pack, pack->items[i], false));
    w.end_array();
  }
  w.end_object();
}

}  // namespace

void write_threat_id(JsonWriter& w, const ModelGraph& g, const Threat& t) {
  const std::string& element = g.elements[t.element].id;
  const std::string& rule = g.rules[t.rule].id;
  if (t.scan_rule.empty()) {
    w.value_concat({element, ".", rule});
  } else {
    w.value_concat({element, ".", rule, ".", t.scan_rule});
  }
}

void write_threat_ids(JsonWriter& w, const ModelGraph& g, const Analysis& a,
                      std::span<const ThreatId> threats) {
  // Each id needs the threat's record, then its element's: two cache misses in a row, a tenth
  // of `check --format json` on the 100,000-element model. The records are asked for ahead: the
  // threat's kFar ids on, its element's kNear on (that threat's record has arrived by then).
  constexpr std::size_t kFar = 16, kNear = 8;
  const std::size_t n = threats.size();
  w.begin_array();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kFar < n) __builtin_prefetch(&a.threats[threats[i + kFar]]);
    if (i + kNear < n) __builtin_prefetch(&g.elements[a.threats[threats[i + kNear]].element].id);
    write_threat_id(w, g, a.threats[threats[i]]);
  }
  w.end_array();
}

void write_threats(JsonWriter& w, const SourceManager& sources, const ModelGraph& g,
                   const Analysis& a) {
  write_array(w, a.threats.size(), [&](JsonWriter& cw, std::size_t i) {
    write_threat(cw, sources, g, a, a.threats[ThreatId::at(i)]);
  });
}

void write_controls(JsonWriter& w, const ModelGraph& g, const Analysis& a,
                    const EvidencePack* pack) {
  w.begin_array();
  for (const ControlResult& c : a.controls) write_control(w, g, a, c, pack);
  w.end_array();
}

}  // namespace moat
