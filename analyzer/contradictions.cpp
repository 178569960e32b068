#include "analyzer/contradictions.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "compiler/written_attrs.hpp"

namespace moat {

namespace {

/// The attribute's value on `e` as the analysis reads it: a flow's `encrypted` is derived from
/// its protocol when not written.
bool current(const ModelGraph& g, ElementId e, const std::string& attribute) {
  const ElementRec& rec = g.elements[e];
  if (rec.kind == Kind::Flow && attribute == "encrypted") return g.flows[rec.flow].encrypted;
  const int slot = g.schema.of(decl_kind(rec.kind)).slot(attribute);
  const Val v = slot < 0 ? Val{} : g.attr(e, slot);
  return v.is_set() && v.bits != 0;
}

/// Where the model claims the value: the attribute, or for a flow's encryption its protocol.
std::optional<Span> claim_span(const Program& program, const ModelGraph& g, ElementId e,
                               const std::string& attribute) {
  std::optional<Span> at = written_attribute(program, g, e, attribute);
  if (!at && g.elements[e].kind == Kind::Flow && attribute == "encrypted")
    at = written_attribute(program, g, e, "protocol");
  return at;
}

/// The elements whose attribute a row's result on `e` speaks about: `e` itself, or for a flow
/// attribute the flows into it.
std::vector<ElementId> subjects(const ModelGraph& g, const ClassifyRec& row, ElementId e) {
  if (row.tests_kind != Kind::Flow) {
    return g.elements[e].kind == row.tests_kind ? std::vector<ElementId>{e}
                                                : std::vector<ElementId>{};
  }
  // The inbound index, not every flow: a result per flow target made this results x flows.
  const std::span<const ElementId> inbound = g.inbound_of(e);
  return {inbound.begin(), inbound.end()};
}

}  // namespace

std::string cite_result(const ScanEvidence& evidence, std::uint32_t result) {
  const SarifResult& r = evidence.results[result];
  std::string text =
      evidence.tool_name(r) + " " + (r.rule_id.empty() ? "(no rule id)" : *r.rule_id);
  if (!r.locations.empty()) text += " at " + location_text(r.locations.front());
  return text;
}

std::vector<Contradiction> find_contradictions(const Program& program, const ModelGraph& g,
                                               const ScanEvidence& evidence) {
  std::vector<Contradiction> out;
  // The first result that contradicts an attribute of an element is the one cited.
  std::set<std::pair<ElementId, std::string_view>> seen;
  for (const auto& [element, index] : evidence.attached) {
    const SarifResult& r = evidence.results[index];
    if (r.suppressed()) continue;
    for (const std::uint32_t row_index : *r.tests) {
      const ClassifyRec& row = g.classifications[row_index];
      for (const ElementId e : subjects(g, row, element)) {
        if (current(g, e, row.tests_attribute) == row.shows) continue;
        if (seen.emplace(e, row.tests_attribute).second)
          out.push_back({e, row_index, index, claim_span(program, g, e, row.tests_attribute), {}});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Contradiction& a, const Contradiction& b) {
    return a.element < b.element;
  });
  return out;
}

void report_contradictions(const ModelGraph& g, const ScanEvidence& evidence,
                           const std::vector<Contradiction>& found, bool strict,
                           DiagnosticSink& diags) {
  for (const Contradiction& c : found) {
    if (!c.claim) continue;
    const ClassifyRec& row = g.classifications[c.row];
    Diagnostic& d = diags.report(
        DiagKind::ContradictedClaim, strict ? Severity::Error : Severity::Warning, *c.claim,
        "evidence contradicts this claim: " + cite_result(evidence, c.result));
    d.notes.push_back(
        {Span{}, "the scan shows " + row.tests_attribute + " = " + (row.shows ? "true" : "false") +
                     " on '" + g.elements[c.element].id + "'; the analysis takes the evidence"});
  }
}

void apply_contradictions(ModelGraph& g, const std::vector<Contradiction>& found) {
  for (const Contradiction& c : found) {
    const ClassifyRec& row = g.classifications[c.row];
    ElementRec& rec = g.elements[c.element];
    const int slot = g.schema.of(decl_kind(rec.kind)).slot(row.tests_attribute);
    if (slot >= 0) g.values[rec.attrs + slot] = Val::of(row.shows ? 1 : 0);
    if (rec.kind == Kind::Flow && row.tests_attribute == "encrypted")
      g.flows[rec.flow].encrypted = row.shows;
  }
}

void link_opened_threats(const ModelGraph& g, const Analysis& before, const Analysis& after,
                         std::vector<Contradiction>& found) {
  std::vector<std::string> was_open;
  for (const Threat& t : before.threats) {
    if (t.status == ThreatStatus::Open) was_open.push_back(threat_id(g, t));
  }
  std::sort(was_open.begin(), was_open.end());
  for (ThreatId i : after.threats.ids()) {
    const Threat& t = after.threats[i];
    if (t.status != ThreatStatus::Open ||
        std::binary_search(was_open.begin(), was_open.end(), threat_id(g, t)))
      continue;
    for (Contradiction& c : found) {
      const ElementRec& rec = g.elements[c.element];
      const bool near = c.element == t.element ||
                        (rec.kind == Kind::Flow && (g.flows[rec.flow].source == t.element ||
                                                    g.flows[rec.flow].target == t.element));
      if (near) c.threats.push_back(i);
    }
  }
}

}  // namespace moat
