#pragma once
// What the report's sections read from the analyzed model: names of enum members and statuses,
// anchors and tones for threats and controls, the source fingerprint (attributes by name come
// from compiler/attrs.hpp). Shared by every section builder of the HTML and Markdown reports and
// the worksheet.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyzer/summary.hpp"
#include "backends/registry.hpp"
#include "backends/report_doc.hpp"
#include "compiler/attrs.hpp"

namespace moat::report {

/// "Spoofing", ..., "Elevation of privilege" by stride ordinal; and "S" ... "E".
const char* stride_title(std::uint8_t category);
const char* stride_letter(std::uint8_t category);
/// "not applicable" or "false positive": how a dismissal (`as`) reads in prose.
std::string dismissal_title(const ModelGraph& g, std::uint8_t as);
inline constexpr std::uint8_t kStrideCount = 6;

/// The threats of each element, in the order of Analysis::threats: built once per section, so
/// no section scans every threat for every element.
class ThreatsByElement {
 public:
  ThreatsByElement(const ModelGraph& g, const Analysis& a);
  std::span<const ThreatId> of(ElementId e) const { return row_of(items_, offsets_, e); }

 private:
  std::vector<std::uint32_t> offsets_;
  std::vector<ThreatId> items_;
};

std::string threat_anchor(const ModelGraph& g, const Threat& t);
std::string element_anchor(const ModelGraph& g, ElementId e);
std::string control_anchor(const ModelGraph& g, CriterionId criterion);
std::string mitigation_anchor(const ModelGraph& g, MitigationId mitigation);

Tone threat_tone(ThreatStatus s);
Tone control_tone(ControlStatus s);
Tone severity_tone(std::uint8_t severity);
/// "met", "partially met", "not met", "not assessed".
std::string control_status_label(ControlStatus s);
/// The status label, with what a met criterion rests on: "met (evidenced)", "met (claimed)",
/// "met (attested)".
std::string control_readiness_label(const ControlResult& c);
Inline threat_badge(const Threat& t);
/// A badge with control_readiness_label; a criterion met on claims only is shown in the
/// informational tone, not the green of evidence.
Inline control_badge(const ControlResult& c);
Inline severity_badge(const ModelGraph& g, std::uint8_t severity);

/// A reference to an element: its title linking to its row in the elements table.
Inline element_ref(const ModelGraph& g, ElementId e);
/// A mitigation in one line: id, status badge, owner, ticket and due date (overdue marked).
std::vector<Inline> mitigation_line(const ModelGraph& g, MitigationId m, std::int64_t today);
/// A controlling attribute that mitigates a threat: its name, and that the model claims it.
std::vector<Inline> attribute_cover_line(const ModelGraph& g, const Cover& c);
/// What closes a mitigated threat, for a compact cell: " by X, Y" (attributes and implemented
/// mitigations); empty when the threat is not mitigated.
std::vector<Inline> mitigated_by_inlines(const ModelGraph& g, const Threat& t);
Inline mitigation_status_badge(const ModelGraph& g, std::uint8_t status);
/// A threat raised from scanner results: "Scanner evidence:" and one line per result (tool,
/// rule, file:line, severity; suppressed ones with their justification), appended to `c`.
void add_scanner_evidence(const ModelGraph& g, const ScanEvidence& scans, const Threat& t, Cell& c);
/// Links to repository-relative locations.
std::vector<Inline> location_links(const std::vector<std::string>& locations);
/// Links to the `@moat` annotations (indices into Analysis::annotations) found by `--scan`.
std::vector<Inline> annotation_links(const Analysis& a,
                                     const std::vector<std::uint32_t>& annotations);
/// The annotations naming each element, from Analysis::element_annotations.
IdVector<ElementId, std::vector<std::uint32_t>> annotations_by_element(const ModelGraph& g,
                                                                       const Analysis& a);

/// "file:line" of a span, or "" when it has none.
std::string source_location(const SourceManager& sources, Span span);

/// The model's own source files, in load order: not the embedded standard library, and not the
/// code files `--scan` added for their annotations. Those are added after the model's files, so
/// the model's files are the ones up to the last file any declaration of the model is in.
struct SourceDigest {
  std::string path;
  std::string sha256;
  std::size_t bytes = 0;
};
std::vector<SourceDigest> source_digests(const RenderContext& ctx);
/// SHA-256 over the lines "<sha256 of the file>\n" of every user source file, in load order:
/// one value that changes whenever any file of the model changes, wherever it is built from.
std::string model_fingerprint(const std::vector<SourceDigest>& files);

/// The analysis date, "YYYY-MM-DD".
std::string analysis_date(const Analysis& a);
/// "Security 7/8 met" for one category.
std::string readiness_label(const CategorySummary& s);
/// Red when a criterion is not met, amber when one is partially met, green when some are met,
/// muted when none is assessed.
Tone readiness_tone(const CategorySummary& s);

}  // namespace moat::report
