#pragma once
// The analyzer's result: every threat the rules raise, with its status, and the SOC 2 control
// matrix. Computed from a ModelGraph by analyze(); backends and the CLI read it.
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/annotations.hpp"
#include "analyzer/graph_facts.hpp"
#include "compiler/graph.hpp"
#include "evidence/scan_result.hpp"

namespace moat {

/// Dismissed: considered and found not to apply, or a false positive (`dismiss`); not a risk
/// accepted, and not open.
enum class ThreatStatus : std::uint8_t { Open, Mitigated, Accepted, Dismissed };
const char* threat_status_name(ThreatStatus s);

/// One mitigation target, acceptance, dismissal or controlling attribute that covers a threat:
/// which one, and through which target as written (`TargetRef::text`), so reports can say exactly
/// why a threat is closed. An attribute cover (a rule's `mitigated_by` entry set on the element)
/// is a claim of the model, not evidence: no mitigation stands behind it.
struct Cover {
  bool acceptance = false;  ///< an `accept`: `accept` is set
  bool dismissal = false;   ///< a `dismiss` (then `acceptance` is false): `dismiss` is set
  bool attribute = false;   ///< a controlling attribute: `rule` is set
  MitigationId mitigation;  ///< a mitigation's target (none of the three flags)
  AcceptId accept;
  DismissId dismiss;
  RuleId rule;
  std::uint32_t target = 0;  ///< position in the mitigation's targets or the rule's mitigated_by

  /// Through target `t` of mitigation `m`; acceptance `a`; dismissal `d`; attribute `t` of the
  /// mitigated_by of rule `r`.
  static Cover of_mitigation(MitigationId m, std::uint32_t t) {
    Cover c;
    c.mitigation = m;
    c.target = t;
    return c;
  }
  static Cover of_acceptance(AcceptId a) {
    Cover c;
    c.acceptance = true;
    c.accept = a;
    return c;
  }
  static Cover of_dismissal(DismissId d) {
    Cover c;
    c.dismissal = true;
    c.dismiss = d;
    return c;
  }
  static Cover of_attribute(RuleId r, std::uint32_t t) {
    Cover c;
    c.attribute = true;
    c.rule = r;
    c.target = t;
    return c;
  }
};

/// The target a Cover goes through; not for an attribute cover (see cover_text()).
const TargetRef& cover_target(const ModelGraph& g, const Cover& c);

/// The cover as written in the model: the target's text, or the attribute's name.
const std::string& cover_text(const ModelGraph& g, const Cover& c);

/// The kind of cover for reports and JSON: "mitigation", "acceptance", "dismissal" or
/// "attribute".
const char* cover_kind_name(const Cover& c);

/// What the cover's target names: "element", "category", "rule" (a threat id), "finding"
/// (ANCHOR.WEAKNESS: it covers the finding's members), or "attribute".
const char* cover_form_name(const ModelGraph& g, const Cover& c);

/// "finding " when the cover goes through a finding target, else "": reports write
/// "through finding 'api.cleartext_transport'".
const char* through_finding(const ModelGraph& g, const Cover& c);

/// A threat: rule `rule` holds on `element`. Its id is "ELEMENT.RULE" (threat_id()), stable
/// while the element and the rule keep their ids, whatever else changes in the model.
struct Threat {
  RuleId rule;
  ElementId element = kNoElement;
  ThreatStatus status = ThreatStatus::Open;
  std::vector<MitigationId> mitigations;  ///< every mitigation covering it, whatever its status
  /// Every cover: controlling attributes, then mitigations, acceptances, dismissals.
  std::vector<Cover> covered_by;
  AcceptId acceptance;  ///< the acceptance that applies (or applied, if expired); none: none
  bool acceptance_expired = false;
  DismissId dismissal;                     ///< the dismissal that applies; none: none
  std::vector<std::uint32_t> annotations;  ///< `@moat threat` annotations naming it
  std::uint8_t severity = 0;  ///< ordinal of enum severity, by risk (analyzer/risk.hpp)
  std::uint32_t finding = 0;  ///< index into Analysis::findings
  /// When the rule reads `reached_from` or `data_from` of its element: the path found, from the
  /// less trusted origin to the element (graph_facts.hpp), when it has more than one hop;
  /// empty otherwise.
  std::vector<ElementId> via;
  std::uint8_t category = 0;  ///< ordinal of enum stride: the rule's, or the scanner results'
  /// A `from_scans` rule's threat (analyzer/scan_threats.hpp): the scanner rule's id as a name
  /// (scan_key()), the last part of the threat's id; empty for every other threat.
  std::string scan_rule;
  /// The results it groups (indices into ScanEvidence::results), open and suppressed, in order.
  std::vector<std::uint32_t> scan_results;
};

/// Threats with one root cause (analyzer/findings.hpp). Its id is "ANCHOR.WEAKNESS": the element
/// the root cause lies on and the rule's weakness, or the rule id when the rule names none.
struct Finding {
  std::string id;
  ElementId anchor = kNoElement;
  std::string weakness;                      ///< the rule's weakness, or its id
  std::vector<ThreatId> members;             ///< in threat order
  ThreatId lead;                             ///< the member shown first: most severe, then first
  std::uint8_t severity = 0;                 ///< the highest severity of the members
  ThreatStatus status = ThreatStatus::Open;  ///< open if any member is; accepted if all are
  bool hygiene = false;                      ///< every member comes from a hygiene rule
};

/// SOC 2 readiness of a criterion, in an auditor's words (docs/soc2.md). The ordinals match
/// the former passing, warning, failing and not_assessed, in that order.
enum class ControlStatus : std::uint8_t { Met, PartiallyMet, NotMet, NotAssessed };
/// "met", "partially_met", "not_met", "not_assessed".
const char* control_status_name(ControlStatus s);
/// The name the status had before readiness language: "passing", "warning", "failing",
/// "not_assessed" (JSON `status`, kept for format_version 2 consumers).
const char* legacy_control_status_name(ControlStatus s);

/// What a met criterion rests on: claims only, evidence, or an attestation.
enum class ControlBasis : std::uint8_t { None, Claimed, Evidenced, Attested };
/// "", "claimed", "evidenced", "attested".
const char* control_basis_name(ControlBasis b);

struct ControlResult {
  CriterionId criterion;
  /// Declared scans (indices into ScanEvidence::declared) that count as evidence for it: of a
  /// kind its `scans` names, present, fresh, with no open result at or above their threshold.
  std::vector<std::uint32_t> scans;
  ControlStatus status = ControlStatus::NotAssessed;
  bool manual = false;                    ///< set by an `attest` declaration
  std::vector<ThreatId> threats;          ///< the threats of rules whose `controls` name it
  std::vector<ThreatId> supporting;       ///< the same, linked through rules' `supports`
  std::vector<MitigationId> mitigations;  ///< mitigations naming the criterion
  /// The open threats that keep it from met, most severe first, then by id.
  std::vector<ThreatId> blocking;
  ControlBasis basis = ControlBasis::None;  ///< set when met
  std::string reason;                       ///< one sentence: why this status
};

/// Per SOC 2 category in scope: how many of its criteria have each status.
struct CategorySummary {
  std::uint8_t category = 0;  ///< ordinal of soc2_category
  std::uint32_t met = 0, partially_met = 0, not_met = 0, not_assessed = 0;
  std::uint32_t met_evidenced = 0;  ///< of `met`: those met with evidence or attested
  std::uint32_t assessed() const { return met + partially_met + not_met; }
};

struct Analysis {
  GraphFacts graph;                     ///< reachability and blast radius, once per model
  IdVector<ThreatId, Threat> threats;   ///< in element declaration order, then rule order
  std::vector<Finding> findings;        ///< in the order of their first member
  std::vector<ControlResult> controls;  ///< criteria in scope, in catalog order
  std::vector<CategorySummary> categories;
  std::int64_t today = 0;       ///< days since 1970-01-01: the date expiries were judged against
  std::size_t evaluations = 0;  ///< rule × element evaluations performed
  std::vector<Annotation> annotations;  ///< source annotations that name something in the model
  IdVector<MitigationId, std::vector<std::uint32_t>> mitigation_annotations;  ///< per mitigation
  std::vector<std::pair<ElementId, std::uint32_t>> element_annotations;  ///< (element, annotation)
  /// Per mitigation: its evidence locations that name nothing (indices into its `evidence`),
  /// when the locations were checked. A mitigation whose every location is missing is claimed,
  /// not evidenced.
  IdVector<MitigationId, std::vector<std::uint32_t>> missing_evidence;
  ScanEvidence scans;  ///< scanner results (--evidence) and the elements they landed on
};

struct LocationCheck;

struct AnalyzeOptions {
  std::int64_t today = 0;  ///< days since 1970-01-01; 0 means the system date (UTC)
  const std::vector<Annotation>* annotations = nullptr;  ///< from scan_annotations, if scanned
  const LocationCheck* locations = nullptr;              ///< from check_locations, if checked
  /// Scanner results attached to the model (--evidence, declared scans), if any: rules read
  /// them through scan_results() and scanned(), and SOC 2 status through declared scans.
  const ScanEvidence* evidence = nullptr;
};

/// "ELEMENT.RULE", or "ELEMENT.RULE.SCANNER_RULE" for a threat raised from scanner results.
std::string threat_id(const ModelGraph& g, const Threat& t);

/// Today's date (UTC) in days since 1970-01-01.
std::int64_t today_utc();

/// Runs every rule on every element it applies to, then matches mitigations and acceptances and
/// computes control status. Warnings (expired acceptances, unmatched targets) go to `diags`.
Analysis analyze(const ModelGraph& g, const AnalyzeOptions& options, DiagnosticSink& diags);

/// Rule ids in the order threats are raised; the names of enum members by ordinal.
const std::string& severity_name(const ModelGraph& g, std::uint8_t severity);
const std::string& category_name(const ModelGraph& g, std::uint8_t category);
/// "not_applicable" or "false_positive": the member of enum dismissal by ordinal.
const std::string& dismissal_name(const ModelGraph& g, std::uint8_t as);

}  // namespace moat
