#include "backends/report_model.hpp"

#include <algorithm>

#include "analyzer/assurance.hpp"
#include "analyzer/scan_threats.hpp"
#include "analyzer/sha256.hpp"
#include "compiler/literals.hpp"

namespace moat::report {

const char* stride_title(std::uint8_t category) {
  static const char* kTitles[] = {"Spoofing",          "Tampering",
                                  "Repudiation",       "Information disclosure",
                                  "Denial of service", "Elevation of privilege"};
  return category < kStrideCount ? kTitles[category] : "Other";
}

const char* stride_letter(std::uint8_t category) {
  static const char* kLetters[] = {"S", "T", "R", "I", "D", "E"};
  return category < kStrideCount ? kLetters[category] : "?";
}

ThreatsByElement::ThreatsByElement(const ModelGraph& g, const Analysis& a)
    : offsets_(g.elements.size() + 1, 0) {
  for (const Threat& t : a.threats) ++offsets_[t.element.index() + 1];
  for (std::size_t e = 0; e < g.elements.size(); ++e) offsets_[e + 1] += offsets_[e];
  items_.resize(a.threats.size());
  IdVector<ElementId, std::uint32_t> cursor(offsets_.begin(), offsets_.end() - 1);
  for (ThreatId t : a.threats.ids()) items_[cursor[a.threats[t].element]++] = t;
}

std::string threat_anchor(const ModelGraph& g, const Threat& t) {
  return anchor_id("threat-", threat_id(g, t));
}
std::string element_anchor(const ModelGraph& g, ElementId e) {
  return anchor_id("element-", g.elements[e].id);
}
std::string control_anchor(const ModelGraph& g, CriterionId criterion) {
  return anchor_id("control-", g.criteria[criterion].id);
}
std::string mitigation_anchor(const ModelGraph& g, MitigationId mitigation) {
  return anchor_id("mitigation-", g.mitigations[mitigation].id);
}

std::string dismissal_title(const ModelGraph& g, std::uint8_t as) {
  std::string out = dismissal_name(g, as);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

Tone threat_tone(ThreatStatus s) {
  switch (s) {
    case ThreatStatus::Open:
      return Tone::Bad;
    case ThreatStatus::Mitigated:
      return Tone::Good;
    case ThreatStatus::Accepted:
      return Tone::Warn;
    case ThreatStatus::Dismissed:
      return Tone::None;
  }
  return Tone::None;
}

Tone control_tone(ControlStatus s) {
  switch (s) {
    case ControlStatus::Met:
      return Tone::Good;
    case ControlStatus::PartiallyMet:
      return Tone::Warn;
    case ControlStatus::NotMet:
      return Tone::Bad;
    case ControlStatus::NotAssessed:
      return Tone::Muted;
  }
  return Tone::None;
}

Tone severity_tone(std::uint8_t severity) {
  // info, low, medium, high, critical
  if (severity >= 3) return Tone::Bad;
  if (severity == 2) return Tone::Warn;
  return severity == 1 ? Tone::Info : Tone::Muted;
}

std::string control_status_label(ControlStatus s) {
  return control_label(s);
}

std::string control_readiness_label(const ControlResult& c) {
  return control_label(c.status, c.basis);
}

Inline threat_badge(const Threat& t) {
  return badge(threat_status_name(t.status), threat_tone(t.status));
}
Inline control_badge(const ControlResult& c) {
  const Tone tone = c.basis == ControlBasis::Claimed ? Tone::Info : control_tone(c.status);
  return badge(control_readiness_label(c), tone);
}
Inline severity_badge(const ModelGraph& g, std::uint8_t severity) {
  return badge(severity_name(g, severity), severity_tone(severity));
}

Inline element_ref(const ModelGraph& g, ElementId e) {
  if (e == kNoElement || e == ModelGraph::kOutside) return muted("outside");
  return ref(element_anchor(g, e), g.elements[e].title);
}

Inline mitigation_status_badge(const ModelGraph& g, std::uint8_t status) {
  const Tone tone = status >= kImplemented       ? Tone::Good
                    : status + 1 == kImplemented ? Tone::Warn
                                                 : Tone::Bad;
  return badge(member_name(g, "mitigation_status", status), tone);
}

std::vector<Inline> attribute_cover_line(const ModelGraph& g, const Cover& c) {
  return {code(cover_text(g, c)), text(" "), badge("attribute", Tone::Good),
          muted(" set in the model (a claim, not evidence)")};
}

std::vector<Inline> mitigated_by_inlines(const ModelGraph& g, const Threat& t) {
  std::vector<Inline> out;
  if (t.status != ThreatStatus::Mitigated) return out;
  for (const Cover& c : t.covered_by) {
    const bool closes = c.attribute || (!c.acceptance && !c.dismissal &&
                                        g.mitigations[c.mitigation].status >= kImplemented);
    if (!closes) continue;
    out.push_back(muted(out.empty() ? " by " : ", "));
    out.push_back(code(c.attribute ? cover_text(g, c) : g.mitigations[c.mitigation].id));
  }
  return out;
}

std::vector<Inline> mitigation_line(const ModelGraph& g, MitigationId m, std::int64_t today) {
  const MitigationRec& rec = g.mitigations[m];
  std::vector<Inline> out{code(rec.id), text(" "), mitigation_status_badge(g, rec.status)};
  if (rec.title != rec.id) out.push_back(text(" " + rec.title));
  std::string meta;
  if (!rec.owner.empty()) meta += "owner " + rec.owner;
  if (!rec.ticket.empty())
    meta += (meta.empty() ? "" : " · ") + std::string("ticket ") + rec.ticket;
  if (rec.due) meta += (meta.empty() ? "" : " · ") + std::string("due ") + format_date(*rec.due);
  if (!meta.empty()) out.push_back(muted(" (" + meta + ")"));
  if (rec.due && *rec.due < today && rec.status < kImplemented)
    out.push_back(badge("overdue", Tone::Bad));
  return out;
}

std::vector<Inline> location_links(const std::vector<std::string>& locations) {
  std::vector<Inline> out;
  for (const std::string& loc : locations) out.push_back(link(loc));
  return out;
}

std::vector<Inline> annotation_links(const Analysis& a,
                                     const std::vector<std::uint32_t>& annotations) {
  std::vector<Inline> out;
  for (std::uint32_t i : annotations) {
    if (i < a.annotations.size())
      out.push_back(link(a.annotations[i].file + ":" + std::to_string(a.annotations[i].line)));
  }
  return out;
}

IdVector<ElementId, std::vector<std::uint32_t>> annotations_by_element(const ModelGraph& g,
                                                                       const Analysis& a) {
  IdVector<ElementId, std::vector<std::uint32_t>> out(g.elements.size());
  for (const auto& [e, annotation] : a.element_annotations) {
    if (out.contains(e)) out[e].push_back(annotation);
  }
  return out;
}

std::string source_location(const SourceManager& sources, Span span) {
  if (!span.valid()) return {};
  return sources.file(span.file).path + ":" +
         std::to_string(sources.line_col(span.file, span.begin).line);
}

namespace {

/// The highest file id that a declaration of the model is written in.
FileId last_model_file(const ModelGraph& g) {
  FileId last = 0;
  auto see = [&](Span s) {
    if (s.valid()) last = std::max(last, s.file);
  };
  see(g.model.keyword);
  for (const ElementRec& e : g.elements) see(e.keyword), see(e.id_span);
  for (const RuleRec& r : g.rules) see(r.id_span);
  for (const MitigationRec& m : g.mitigations) see(m.id_span);
  for (const AcceptRec& a : g.accepts) see(a.keyword);
  for (const AssumptionRec& a : g.assumptions) see(a.id_span);
  for (const CriterionRec& c : g.criteria) see(c.id_span);
  for (const AttestRec& a : g.attestations) see(a.span);
  for (const KindSchema& k : g.schema.kinds) {
    for (const Field& f : k.fields) see(f.span);
  }
  return last;
}

}  // namespace

std::vector<SourceDigest> source_digests(const RenderContext& ctx) {
  const FileId last = last_model_file(ctx.graph);
  std::vector<bool> annotated(ctx.sources.size(), false);
  for (const Annotation& a : ctx.analysis.annotations) {
    if (a.span.valid() && a.span.file < annotated.size()) annotated[a.span.file] = true;
  }
  std::vector<SourceDigest> out;
  for (FileId f = 0; f < ctx.sources.size() && f <= last; ++f) {
    const SourceFile& file = ctx.sources.file(f);
    if (file.is_stdlib || annotated[f]) continue;
    out.push_back({file.path, sha256_hex(file.text), file.text.size()});
  }
  return out;
}

std::string model_fingerprint(const std::vector<SourceDigest>& files) {
  std::string listing;
  for (const SourceDigest& f : files) listing += f.sha256 + "\n";
  return sha256_hex(listing);
}

std::string analysis_date(const Analysis& a) {
  return format_date(a.today);
}

Tone readiness_tone(const CategorySummary& s) {
  return s.not_met ? Tone::Bad : s.partially_met ? Tone::Warn : s.met ? Tone::Good : Tone::Muted;
}

std::string readiness_label(const CategorySummary& s) {
  return std::string(soc2_category_title(s.category)) + " " + readiness_text(s);
}

void add_scanner_evidence(const ModelGraph& g, const ScanEvidence& scans, const Threat& t,
                          Cell& c) {
  if (t.scan_results.empty()) return;
  c.add(br()).add(muted("Scanner evidence:"));
  for (const std::string& line : scan_result_citations(g, scans, t)) c.add(br()).add(text(line));
}

}  // namespace moat::report
