// `evidence.json`: every piece of evidence behind the criteria in scope, with its files, lines,
// hashes, revision and the criteria it supports (docs/evidence.schema.json).
#include "backends/json_evidence.hpp"

#include "backends/registry.hpp"
#include "backends/report_model.hpp"
#include "compiler/literals.hpp"

namespace moat {

using json = nlohmann::ordered_json;

namespace {

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

json excerpt_json(const Excerpt& ex) {
  json j;
  j["first_line"] = ex.first;
  j["lines"] = ex.lines;
  j["omitted_lines"] = ex.omitted;
  return j;
}

json results_json(const ModelGraph& g, const Analysis& a, const EvidenceItem& item) {
  json out = json::array();
  for (std::uint32_t r : item.results) {
    const SarifResult& res = a.scans.results[r];
    json locations = json::array();
    for (const ScanLocation& l : res.locations) locations.push_back(location_text(l));
    json j;
    j["tool"] = a.scans.tool_name(res);
    j["rule"] = text_or_null(res.rule_id);
    j["severity"] = severity_name(g, res.severity);
    j["locations"] = std::move(locations);
    j["suppressed"] = res.suppressed();
    j["redacted"] = res.redacted;  // a secret: its text was never read
    out.push_back(std::move(j));
  }
  return out;
}

json criteria_json(const ModelGraph& g, const Analysis& a, const EvidenceItem& item) {
  json out = json::array();
  for (std::uint32_t c : item.criteria) out.push_back(g.criteria[a.controls[c].criterion].id);
  return out;
}

}  // namespace

json evidence_file_json(const EvidenceFile& f) {
  json j;
  j["file"] = f.shown();
  j["repository"] = text_or_null(f.repository);
  j["path"] = f.path;
  j["sha256"] = text_or_null(f.sha256);
  j["not_hashed"] = text_or_null(f.unread);
  j["size"] = f.size;
  j["lines"] = f.lines;
  j["binary"] = f.binary;
  j["revision"] = text_or_null(f.revision);
  j["state"] = f.state;
  return j;
}

json evidence_item_json(const ModelGraph& g, const Analysis& a, const EvidencePack& pack,
                        const EvidenceItem& item, bool full) {
  json j;
  j["id"] = item.id;
  j["kind"] = evidence_kind_name(item.kind);
  j["text"] = item.text;
  j["cited_by"] = {{"kind", item.via}, {"id", text_or_null(item.via_id)}};
  j["lines"] = item.first == 0 ? json(nullptr) : json({{"first", item.first}, {"last", item.last}});
  json files = json::array();
  for (std::uint32_t f : item.files) files.push_back(evidence_file_json(pack.files[f]));
  j["files"] = std::move(files);
  j["more_files"] = item.more_files;
  j["problem"] = text_or_null(item.problem);
  if (item.kind == EvidenceKind::Attestation) {
    j["attestation"] = {{"who", item.who},
                        {"when", item.when ? json(format_date(*item.when)) : json(nullptr)},
                        {"status", item.status},
                        {"evidence", item.attested},
                        {"note", text_or_null(item.note)}};
  }
  if (!full) return j;
  if (item.kind == EvidenceKind::Scan) {
    j["scan"] = {{"state", text_or_null(item.scan_state)}, {"results", results_json(g, a, item)}};
  }
  json excerpts = json::array();
  for (const Excerpt& ex : item.excerpts) excerpts.push_back(excerpt_json(ex));
  j["excerpts"] = std::move(excerpts);
  j["criteria"] = criteria_json(g, a, item);
  return j;
}

namespace {

json document(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  const EvidencePack& pack = *ctx.evidence;
  json doc;
  doc["format_version"] = "1";
  doc["model"] = {{"file", ctx.model_path},
                  {"name", g.model.title},
                  {"version", text_or_null(g.model.version)}};
  json revisions = json::array();
  for (const auto& [repository, state] : pack.revisions) {
    revisions.push_back({{"repository", text_or_null(repository)},
                         {"revision", text_or_null(state.revision)},
                         {"why_none", text_or_null(state.why_none)}});
  }
  doc["revisions"] = std::move(revisions);
  json criteria = json::array();
  for (std::uint32_t i = 0; i < a.controls.size(); ++i) {
    const ControlResult& c = a.controls[i];
    json ids = json::array();
    for (std::uint32_t item : pack.by_control[i]) ids.push_back(pack.items[item].id);
    criteria.push_back({{"id", g.criteria[c.criterion].id},
                        {"title", g.criteria[c.criterion].title},
                        {"readiness", control_status_name(c.status)},
                        {"finding", c.reason},
                        {"evidence", std::move(ids)}});
  }
  doc["criteria"] = std::move(criteria);
  json items = json::array();
  for (const EvidenceItem& item : pack.items)
    items.push_back(evidence_item_json(g, a, pack, item, true));
  doc["evidence"] = std::move(items);
  return doc;
}

RenderResult render_evidence(const RenderContext& ctx) {
  if (!ctx.evidence || !ctx.evidence->collected)
    return {{}, "the evidence pack was not collected for this build"};
  return {document(ctx).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", {}};
}

const BackendRegistration registration(
    {"evidence", "evidence.json",
     "every piece of evidence behind the SOC 2 criteria, with hashes and revisions "
     "(docs/evidence.schema.json)",
     &render_evidence, 85});

}  // namespace

}  // namespace moat
