#include "backends/json_scan_results.hpp"

#include <set>

#include "analyzer/analysis.hpp"
#include "analyzer/scan_controls.hpp"
#include "analyzer/scan_facts.hpp"
#include "compiler/attrs.hpp"
#include "compiler/literals.hpp"

namespace moat {

namespace {

using json = nlohmann::ordered_json;

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

json result_json(const ModelGraph& g, const ScanEvidence& scans, std::uint32_t index) {
  const SarifResult& r = scans.results[index];
  json j;
  j["index"] = index;
  j["tool"] = text_or_null(scans.tools[r.tool]);
  j["sarif_file"] = scans.files[r.file];
  j["rule_id"] = text_or_null(r.rule_id);
  j["rule_name"] = text_or_null(r.rule_name);
  j["kind"] = member_name(g, "scan_kind", r.kind);
  j["severity"] = severity_name(g, r.severity);
  j["category"] = r.category < 0 ? json(nullptr)
                                 : json(category_name(g, static_cast<std::uint8_t>(r.category)));
  j["level"] = level_name(r.level);
  j["security_severity"] = text_or_null(r.security_severity);
  j["cwes"] = *r.cwes;
  j["tags"] = *r.tags;
  j["message"] = r.redacted ? json(nullptr) : text_or_null(r.message);
  j["redacted"] = r.redacted;
  json locations = json::array();
  for (const ScanLocation& l : r.locations)
    locations.push_back({{"path", *l.path}, {"line", l.line == 0 ? json(nullptr) : json(l.line)}});
  j["locations"] = std::move(locations);
  // The names are distinct and sorted (evidence/sarif_result.cpp), so they are appended as
  // they are: ordered_json's operator[] looks each key up in a vector, which made a result
  // with 60,000 fingerprints take 4.5 s.
  json prints = json::object();
  auto& members = prints.get_ref<json::object_t&>();
  members.reserve(r.fingerprints.size());
  for (const auto& [name, value] : r.fingerprints)
    members.json::object_t::Container::emplace_back(name, value);
  j["fingerprints"] = std::move(prints);
  json suppressions = json::array();
  for (const ScanSuppression& s : r.suppressions)
    suppressions.push_back(
        {{"kind", text_or_null(s.kind)}, {"justification", text_or_null(s.justification)}});
  j["suppressions"] = std::move(suppressions);
  j["baseline_state"] = text_or_null(r.baseline_state);
  return j;
}

json declared_json(const ModelGraph& g, const ScanEvidence& scans) {
  json out = json::array();
  for (const DeclaredScan& s : scans.declared) {
    const ScanDeclRec& d = g.scans[s.decl];
    out.push_back(
        {{"id", d.id},
         {"title", d.title},
         {"kind", member_name(g, "scan_type", d.kind)},
         {"path", s.path},
         {"max_age", d.max_age < 0 ? json(nullptr) : json(format_duration(d.max_age))},
         {"state", scan_state_name(s.state)},
         {"ended", s.ended < 0 ? json(nullptr) : json(format_date(s.ended))},
         {"dated_by", log_date_name(s.dated_by) ? json(log_date_name(s.dated_by)) : json(nullptr)},
         {"threshold", severity_name(g, d.threshold)},
         {"open_at_threshold", scan_gaps(g, scans, s)}});
  }
  return out;
}

json contradictions_json(const ModelGraph& g, const Analysis& a) {
  json out = json::array();
  for (const Contradiction& c : a.scans.contradictions) {
    const ClassifyRec& row = g.classifications[c.row];
    json threats = json::array();
    for (const ThreatId t : c.threats) threats.push_back(threat_id(g, a.threats[t]));
    out.push_back({{"element", g.elements[c.element].id},
                   {"attribute", row.tests_attribute},
                   {"claimed", c.claim.has_value()},
                   {"shows", row.shows},
                   {"result", c.result},
                   {"classify", row.id},
                   {"threats", std::move(threats)}});
  }
  return out;
}

}  // namespace

json control_scan_evidence(const ModelGraph& g, const Analysis& a, const ControlResult& c) {
  json scans = json::array();
  for (const std::uint32_t i : c.scans) scans.push_back(g.scans[a.scans.declared[i].decl].id);
  std::set<std::uint32_t> results;
  for (const auto* linked : {&c.threats, &c.supporting}) {
    for (const ThreatId t : *linked) {
      if (a.threats[t].status != ThreatStatus::Open) continue;
      for (const std::uint32_t r : a.threats[t].scan_results)
        if (result_open(a.scans.results[r])) results.insert(r);
    }
  }
  return {{"scans", std::move(scans)}, {"results", results}};
}

json scan_results_json(const ModelGraph& g, const Analysis& analysis) {
  const ScanEvidence& scans = analysis.scans;
  json tools = json::array();
  for (std::uint32_t t = 0; t < scans.tools.size(); ++t) {
    std::size_t n = 0;
    for (const SarifResult& r : scans.results) n += r.tool == t ? 1 : 0;
    tools.push_back({{"name", text_or_null(scans.tools[t])}, {"results", n}});
  }
  json results = json::array();
  for (std::uint32_t i = 0; i < scans.results.size(); ++i)
    results.push_back(result_json(g, scans, i));
  json by_element = json::array();
  for (std::size_t i = 0; i < scans.attached.size();) {
    const ElementId e = scans.attached[i].first;
    json indices = json::array();
    for (; i < scans.attached.size() && scans.attached[i].first == e; ++i)
      indices.push_back(scans.attached[i].second);
    by_element.push_back({{"element", g.elements[e].id}, {"results", std::move(indices)}});
  }
  json outside = json::array();
  for (const std::uint32_t i : scans.outside) {
    const bool nowhere = scans.results[i].locations.empty();
    outside.push_back({{"result", i},
                       {"note", nowhere ? "the result has no location in a file"
                                        : "no element's code covers its location"}});
  }
  json doc;
  doc["scans"] = declared_json(g, scans);
  doc["files"] = scans.files;
  doc["tools"] = std::move(tools);
  doc["results"] = std::move(results);
  doc["elements"] = std::move(by_element);
  doc["outside_model"] = std::move(outside);
  doc["contradictions"] = contradictions_json(g, analysis);
  return doc;
}

}  // namespace moat
