// The sections an auditor reads: SOC 2 readiness per category, the control matrix, accepted
// risks and assumptions.
#include <algorithm>

#include "analyzer/assurance.hpp"
#include "analyzer/review.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

namespace {

const AttestRec* attestation_of(const ModelGraph& g, CriterionId criterion) {
  const AttestRec* found = nullptr;  // the last one wins, as in compute_controls
  for (const AttestRec& at : g.attestations) {
    if (at.criterion == criterion) found = &at;
  }
  return found;
}

Cell status_cell(const ModelGraph& g, const ControlResult& c) {
  Cell out = cell(control_badge(c));
  if (!c.manual) return out;
  out.add(br()).add(badge("attested", Tone::Info));
  if (const AttestRec* at = attestation_of(g, c.criterion); at && at->reviewed) {
    out.add(muted(" reviewed " + format_date(*at->reviewed)));
  }
  return out;
}

/// The threats linked primarily, then those linked as support (marked so).
Cell linked_threats(const ModelGraph& g, const Analysis& a, const ControlResult& c) {
  if (c.threats.empty() && c.supporting.empty()) return cell(muted("none"));
  Cell out;
  for (const auto* links : {&c.threats, &c.supporting}) {
    for (ThreatId id : *links) {
      const Threat& t = a.threats[id];
      if (!out.empty()) out.add(br());
      out.add(ref(threat_anchor(g, t), threat_id(g, t))).add(text(" ")).add(threat_badge(t));
      if (links == &c.supporting) out.add(text(" ")).add(muted("(supports)"));
    }
  }
  return out;
}

Cell linked_mitigations(const ModelGraph& g, const ControlResult& c) {
  if (c.mitigations.empty()) return cell(muted("none"));
  Cell out;
  for (std::size_t i = 0; i < c.mitigations.size(); ++i) {
    if (i) out.add(br());
    const MitigationRec& m = g.mitigations[c.mitigations[i]];
    out.add(code(m.id)).add(text(" ")).add(mitigation_status_badge(g, m.status));
  }
  return out;
}

Cell evidence_cell(const ModelGraph& g, const Analysis& a, const ControlResult& c) {
  Cell out;
  auto sep = [&] {
    if (!out.empty()) out.add(br());
  };
  if (c.manual) {
    if (const AttestRec* at = attestation_of(g, c.criterion)) {
      for (const std::string& e : at->evidence) sep(), out.add(text(e));
      if (!at->note.empty()) sep(), out.add(muted(at->note));
    }
  }
  for (MitigationId m : c.mitigations) {
    for (Inline& l : location_links(g.mitigations[m].evidence)) sep(), out.add(std::move(l));
    if (!a.mitigation_annotations.contains(m)) continue;
    for (Inline& l : annotation_links(a, a.mitigation_annotations[m])) sep(), out.add(std::move(l));
  }
  return out.empty() ? cell(muted("none")) : out;
}

Row control_row(const RenderContext& ctx, std::uint32_t index) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  const ControlResult& c = a.controls[index];
  Row r;
  r.anchor = control_anchor(g, c.criterion);
  r.tone = c.status == ControlStatus::NotAssessed ? Tone::Muted : Tone::None;
  r.cells = row_cells(
      cell(strong(g.criteria[c.criterion].id)), cell(g.criteria[c.criterion].title),
      status_cell(g, c), cell(c.reason), linked_threats(g, a, c), linked_mitigations(g, c),
      has_evidence_pack(ctx) ? evidence_pack_cell(ctx, index) : evidence_cell(g, a, c));
  return r;
}

/// The assumption's status, and when it was last verified (stale once older than the model's
/// review_every).
Cell assumption_status_cell(const ModelGraph& g, AssumptionId a, Tone tone, std::int64_t today) {
  Cell out = cell(badge(member_name(g, "assumption_status", g.assumptions[a].status), tone));
  const std::optional<std::int64_t> verified = assumption_verified(g, a);
  if (!verified) return out;
  out.add(br()).add(muted("verified " + format_date(*verified)));
  const std::optional<std::int64_t> stale = assumption_stale_from(g, a);
  if (stale && *stale < today) out.add(text(" ")).add(badge("stale", Tone::Bad));
  return out;
}

}  // namespace

Section readiness_section(const RenderContext& ctx) {
  const Analysis& a = ctx.analysis;
  Section s{"soc-2-readiness", "SOC 2 readiness", {}, false};
  if (a.categories.empty()) {
    s.blocks.push_back(note(cell(
        "No SOC 2 criteria are loaded: add `use soc2` to the model to get a control matrix.")));
    return s;
  }
  Table t;
  t.header = {"Category",      "Readiness", "Met (evidenced)", "Met (claimed)",
              "Partially met", "Not met",   "Not assessed"};
  for (const CategorySummary& c : a.categories) {
    t.rows.push_back(
        {row_cells(cell(strong(soc2_category_title(c.category))),
                   cell(badge(readiness_label(c), readiness_tone(c))),
                   cell(std::to_string(c.met_evidenced)),
                   cell(std::to_string(c.met - c.met_evidenced)),
                   cell(std::to_string(c.partially_met)), cell(std::to_string(c.not_met)),
                   cell(std::to_string(c.not_assessed))),
         {},
         Tone::None});
  }
  s.blocks.push_back(table_block(std::move(t)));
  s.blocks.push_back(note(
      cell("How a criterion's status is decided (docs/soc2.md): an attestation wins; a criterion "
           "nothing in the model links to is not assessed; an open threat of high severity or "
           "above linked to it primarily makes it not met; any other open threat linked "
           "primarily, or an open high one linked as support, makes it partially met, and its "
           "reason lists the threats blocking it; mitigations that rest on unverified "
           "assumptions or on evidence that does not exist also hold it at partially met; "
           "otherwise it is met, evidenced when every mitigation it rests on has evidence that "
           "exists, claimed when some rest on the model's word alone. \"Met\" counts out of the "
           "assessed criteria.")));
  return s;
}

Section controls_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Section s{"soc-2-control-matrix", "SOC 2 control matrix", {}, true};
  if (a.controls.empty()) {
    s.blocks.push_back(note(cell("No SOC 2 criteria are in scope.")));
    return s;
  }
  for (const CategorySummary& cat : a.categories) {
    s.blocks.push_back(heading(anchor_id("soc2-", soc2_category_title(cat.category)),
                               cell(std::string(soc2_category_title(cat.category)) + " criteria")));
    Table t;
    t.cls = "matrix";
    t.header = {"Criterion",      "Title",       "Status",  "Finding",
                "Linked threats", "Mitigations", "Evidence"};
    for (std::uint32_t i = 0; i < a.controls.size(); ++i) {
      if (g.criteria[a.controls[i].criterion].category == cat.category)
        t.rows.push_back(control_row(ctx, i));
    }
    s.blocks.push_back(table_block(std::move(t)));
  }
  return s;
}

Section accepted_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const Analysis& a = ctx.analysis;
  Section s{"accepted-risks", "Accepted risks", {}, false};
  Table t;
  t.header = {"Target", "Threats", "Reason", "Owner", "Ticket", "Expires", "State"};
  t.empty_note = "No risk is accepted in this model.";
  IdVector<AcceptId, std::vector<Inline>> covered(g.accepts.size());
  for (const Threat& th : a.threats) {
    // A dismissed threat is not a risk, so it is never listed as an accepted one.
    if (!th.acceptance.is_none() && th.status != ThreatStatus::Dismissed)
      covered[th.acceptance].push_back(ref(threat_anchor(g, th), threat_id(g, th)));
  }
  for (AcceptId i : g.accepts.ids()) {
    const AcceptRec& acc = g.accepts[i];
    std::vector<Inline>& threats = covered[i];
    const bool expired = acc.expires && *acc.expires < a.today;
    t.rows.push_back(
        {row_cells(cell(code(acc.target.text)),
                   threats.empty() ? cell(muted("none")) : joined(std::move(threats), true),
                   cell(acc.reason), cell(acc.owner),
                   acc.ticket.empty() ? cell(muted("none")) : cell(acc.ticket),
                   acc.expires ? cell(nowrap(format_date(*acc.expires)))
                               : cell(badge("never", Tone::Warn)),
                   cell(expired ? badge("expired", Tone::Bad) : badge("active", Tone::Good))),
         {},
         expired ? Tone::Bad : Tone::None});
  }
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

Section assumptions_section(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  Section s{"assumptions", "Assumptions", {}, false};
  Table t;
  t.header = {"Assumption", "Status", "Owner", "Affects", "Mitigations resting on it",
              "Description"};
  t.empty_note = "The model states no assumptions.";
  for (AssumptionId i : g.assumptions.ids()) {
    const AssumptionRec& as = g.assumptions[i];
    const Tone tone = as.status == kAssumptionVerified ? Tone::Good
                      : as.status == 0                 ? Tone::Warn
                                                       : Tone::Bad;
    std::vector<Inline> affects, resting;
    for (ElementId e : as.affects) affects.push_back(element_ref(g, e));
    for (const MitigationRec& m : g.mitigations) {
      if (std::find(m.assumes.begin(), m.assumes.end(), i) != m.assumes.end())
        resting.push_back(code(m.id));
    }
    const std::string description = Attrs{g, DeclKind::Assumption, as.attrs}.str("description");
    Cell name = cell(strong(as.title));
    if (as.title != as.id) name.add(br()).add(code(as.id));
    Row r;
    r.anchor = anchor_id("assumption-", as.id);
    r.cells = row_cells(std::move(name), assumption_status_cell(g, i, tone, ctx.analysis.today),
                        as.owner.empty() ? cell(muted("none")) : cell(as.owner),
                        affects.empty() ? cell(muted("nothing")) : joined(std::move(affects)),
                        resting.empty() ? cell(muted("none")) : joined(std::move(resting)),
                        description.empty() ? cell(muted("none")) : cell(description));
    t.rows.push_back(std::move(r));
  }
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

}  // namespace moat::report
