#include "analyzer/analysis.hpp"

#include <ctime>

#include "analyzer/assurance.hpp"
#include "analyzer/attach_annotations.hpp"
#include "analyzer/controls.hpp"
#include "analyzer/findings.hpp"
#include "analyzer/locations.hpp"
#include "analyzer/review.hpp"
#include "analyzer/risk.hpp"
#include "analyzer/risk_severities.hpp"
#include "analyzer/scan_facts.hpp"
#include "analyzer/threat_order.hpp"
#include "analyzer/threats.hpp"
#include "compiler/parallel.hpp"

namespace moat {

const char* threat_status_name(ThreatStatus s) {
  switch (s) {
    case ThreatStatus::Open:
      return "open";
    case ThreatStatus::Mitigated:
      return "mitigated";
    case ThreatStatus::Accepted:
      return "accepted";
    case ThreatStatus::Dismissed:
      return "dismissed";
  }
  return "open";
}

const char* control_status_name(ControlStatus s) {
  switch (s) {
    case ControlStatus::Met:
      return "met";
    case ControlStatus::PartiallyMet:
      return "partially_met";
    case ControlStatus::NotMet:
      return "not_met";
    case ControlStatus::NotAssessed:
      return "not_assessed";
  }
  return "not_assessed";
}

const char* legacy_control_status_name(ControlStatus s) {
  switch (s) {
    case ControlStatus::Met:
      return "passing";
    case ControlStatus::PartiallyMet:
      return "warning";
    case ControlStatus::NotMet:
      return "failing";
    case ControlStatus::NotAssessed:
      return "not_assessed";
  }
  return "not_assessed";
}

const char* control_basis_name(ControlBasis b) {
  switch (b) {
    case ControlBasis::None:
      return "";
    case ControlBasis::Claimed:
      return "claimed";
    case ControlBasis::Evidenced:
      return "evidenced";
    case ControlBasis::Attested:
      return "attested";
  }
  return "";
}

const TargetRef& cover_target(const ModelGraph& g, const Cover& c) {
  if (c.dismissal) return g.dismissals[c.dismiss].target;
  return c.acceptance ? g.accepts[c.accept].target : g.mitigations[c.mitigation].targets[c.target];
}

const std::string& cover_text(const ModelGraph& g, const Cover& c) {
  return c.attribute ? g.rules[c.rule].mitigated_by[c.target].text : cover_target(g, c).text;
}

const char* cover_kind_name(const Cover& c) {
  return c.attribute    ? "attribute"
         : c.dismissal  ? "dismissal"
         : c.acceptance ? "acceptance"
                        : "mitigation";
}

const char* cover_form_name(const ModelGraph& g, const Cover& c) {
  if (c.attribute) return "attribute";
  switch (cover_target(g, c).form) {
    case TargetRef::Form::Element:
      return "element";
    case TargetRef::Form::Category:
      return "category";
    case TargetRef::Form::Rule:
      return "rule";
    case TargetRef::Form::Finding:
      return "finding";
  }
  return "element";
}

const char* through_finding(const ModelGraph& g, const Cover& c) {
  return !c.attribute && cover_target(g, c).form == TargetRef::Form::Finding ? "finding " : "";
}

std::string threat_id(const ModelGraph& g, const Threat& t) {
  std::string id = g.elements[t.element].id + "." + g.rules[t.rule].id;
  if (!t.scan_rule.empty()) id += "." + t.scan_rule;
  return id;
}

std::int64_t today_utc() {
  return static_cast<std::int64_t>(std::time(nullptr)) / 86400;
}

const std::string& severity_name(const ModelGraph& g, std::uint8_t severity) {
  return g.schema.enums[g.builtins.severity].members[severity];
}

const std::string& category_name(const ModelGraph& g, std::uint8_t category) {
  return g.schema.enums[g.builtins.stride].members[category];
}

const std::string& dismissal_name(const ModelGraph& g, std::uint8_t as) {
  return g.schema.enums[g.builtins.dismissal].members[as];
}

Analysis analyze(const ModelGraph& g, const AnalyzeOptions& options, DiagnosticSink& diags) {
  Analysis a;
  a.today = options.today != 0 ? options.today : today_utc();
  a.graph = compute_graph_facts(g);
  const ScanFacts scans = compute_scan_facts(g, options.evidence);
  // Raised in ThreatId order (element declaration order, then rule order).
  a.threats = raise_threats(g, a.graph, scans, a.evaluations, diags);
  assign_risk_severities(g, a.threats);
  apply_assurance(g, a.today, a.threats, diags);
  check_reviews(g, a.today, diags);
  // Grouping writes the findings, ordering reads the threats' ids and severities: on a large
  // model they run side by side.
  ThreatRanks order;
  const std::size_t threads = a.threats.size() >= kParallelItems ? worker_threads() : 1;
  for_each_piece(2, threads, [&](std::size_t i) {
    if (i == 0)
      group_findings(g, a);
    else
      order = threat_order(g, a);
  });
  a.mitigation_annotations.resize(g.mitigations.size());
  if (options.annotations) attach_annotations(g, *options.annotations, a, diags);
  a.missing_evidence.resize(g.mitigations.size());
  if (options.locations) {
    for (MitigationId m : g.mitigations.ids()) {
      const std::vector<StringId>& strings = g.mitigations[m].evidence_strings;
      for (std::uint32_t i = 0; i < strings.size(); ++i) {
        if (options.locations->is_stale(strings[i])) a.missing_evidence[m].push_back(i);
      }
    }
  }
  compute_controls(g, a, order, options.evidence);
  return a;
}

}  // namespace moat
