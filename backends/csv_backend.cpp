// The CSV backend: a risk register with one row per threat, whatever its status
// (docs/csv.md). UTF-8 with a byte-order mark and CRLF line ends, so spreadsheets open it as is.
#include <algorithm>

#include <fmt/format.h>

#include "analyzer/scan_threats.hpp"
#include "backends/csv_escape.hpp"
#include "backends/registry.hpp"
#include "backends/sarif_paths.hpp"
#include "compiler/attrs.hpp"
#include "compiler/excerpt.hpp"
#include "compiler/literals.hpp"

namespace moat {

namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

const std::vector<std::string> kColumns = {"threat_id",
                                           "rule",
                                           "title",
                                           "category",
                                           "severity",
                                           "status",
                                           "element",
                                           "element_kind",
                                           "controls",
                                           "mitigations",
                                           "mitigation_status",
                                           "owner",
                                           "acceptance_expires",
                                           "cwe",
                                           "advice",
                                           "file",
                                           "line",
                                           "dismissed_as",
                                           "dismissal_reason",
                                           "finding",
                                           "supports",
                                           "scanner_evidence"};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
  return out;
}

std::string mitigation_status(const ModelGraph& g, const MitigationRec& m) {
  return member_name(g, "mitigation_status", m.status);
}

/// Who answers for the threat: who dismissed it; the acceptance's owner when it is accepted, else
/// the owners of its mitigations, else the owner of an expired acceptance.
std::string owner(const ModelGraph& g, const Threat& t) {
  if (!t.dismissal.is_none()) return g.dismissals[t.dismissal].by;
  const AcceptRec* accept = t.acceptance.is_none() ? nullptr : &g.accepts[t.acceptance];
  if (accept && t.status == ThreatStatus::Accepted) return accept->owner;
  std::vector<std::string> owners;
  for (MitigationId m : t.mitigations) {
    const std::string& o = g.mitigations[m].owner;
    if (!o.empty() && std::find(owners.begin(), owners.end(), o) == owners.end())
      owners.push_back(o);
  }
  if (owners.empty() && accept) return accept->owner;
  return joined(owners);
}

std::vector<std::string> row(const RenderContext& ctx, const Threat& t) {
  const ModelGraph& g = ctx.graph;
  const RuleRec& r = g.rules[t.rule];
  const ElementRec& e = g.elements[t.element];
  std::vector<std::string> controls, supports, mitigations, statuses;
  for (CriterionId c : r.controls) {
    if (g.model.soc2_scope & (1u << g.criteria[c].category)) controls.push_back(g.criteria[c].id);
  }
  for (CriterionId c : r.supports) {
    if (g.model.soc2_scope & (1u << g.criteria[c].category)) supports.push_back(g.criteria[c].id);
  }
  for (const Cover& c : t.covered_by) {
    if (!c.attribute) continue;  // a controlling attribute: a claim, listed before mitigations
    mitigations.push_back("attribute " + cover_text(g, c));
    statuses.push_back("claimed");
  }
  for (MitigationId m : t.mitigations) {
    mitigations.push_back(g.mitigations[m].id);
    statuses.push_back(mitigation_status(g, g.mitigations[m]));
  }
  std::string expires;
  if (!t.acceptance.is_none()) {
    const AcceptRec& a = g.accepts[t.acceptance];
    if (a.expires) expires = format_date(*a.expires);
  }
  std::string file, line;
  if (e.id_span.valid()) {
    const std::string& path = ctx.sources.file(e.id_span.file).path;
    file = source_path_in_repo(path, ctx.repo_root).value_or(path);
    line = std::to_string(ctx.sources.line_col(e.id_span.file, e.id_span.begin).line);
  }
  return {threat_id(g, t), r.id, r.title, category_name(g, t.category),
          severity_name(g, t.severity), threat_status_name(t.status), e.id, kind_name(e.kind),
          joined(controls), joined(mitigations), joined(statuses), owner(g, t), expires,
          r.cwe ? fmt::format("CWE-{}", *r.cwe) : "", r.advice, file, line,
          t.dismissal.is_none() ? "" : dismissal_name(g, g.dismissals[t.dismissal].as),
          t.dismissal.is_none() ? "" : g.dismissals[t.dismissal].reason,
          t.finding < ctx.analysis.findings.size() ? ctx.analysis.findings[t.finding].id : "",
          joined(supports),
          // A scanner's strings may hold control characters, which a model's cannot.
          printable(joined(scan_result_citations(g, ctx.analysis.scans, t)))};
}

RenderResult render_csv(const RenderContext& ctx) {
  std::string out = kBom + csv_record(kColumns);
  for (const Threat& t : ctx.analysis.threats) out += csv_record(row(ctx, t));
  return {std::move(out), {}};
}

const BackendRegistration registration(
    {"csv", "csv", "a risk register: every threat with its status and owner (docs/csv.md)",
     &render_csv, 78});

}  // namespace

}  // namespace moat
