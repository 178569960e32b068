#pragma once
// The model graph: the compiler's output and every later stage's input. Elements live in one
// flat vector addressed by ElementId; attribute values in a flat vector addressed through each
// element's offset and the schema's slots; adjacency and crossings as offset/length ranges.
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/builtins.hpp"
#include "compiler/expr.hpp"
#include "compiler/id_table.hpp"
#include "compiler/schema.hpp"
#include "compiler/source.hpp"

namespace moat {

/// A [begin, begin + size) range into one of the graph's id pools.
struct Range {
  std::uint32_t begin = 0;
  std::uint32_t size = 0;
};

struct ElementRec {
  Kind kind = Kind::Boundary;
  std::string id;
  std::string title;                ///< display name; the id when none was given
  Span id_span;                     ///< where the id is written (a flow without a name: its arrow)
  Span keyword;                     ///< the declaring keyword
  ElementId boundary = kNoElement;  ///< nodes: enclosing boundary; boundaries: parent; else none
  std::uint32_t attrs = 0;          ///< offset of this element's values in ModelGraph::values
  std::uint8_t trust = 0;           ///< effective trust ordinal (nodes and boundaries)
  FlowId flow;                      ///< flows: its record in ModelGraph::flows; else none
  std::uint32_t depth = 0;          ///< boundaries: nesting depth (outermost 0); else 0
};

/// The fields of an element that rule conditions read, packed into 16 bytes (ModelGraph::cores,
/// a copy of the ElementRec's): a rule reads them for an element's neighbours, all over the
/// graph, and each such read of a 112-byte ElementRec missed the cache (on a 100,000-element
/// model, Evaluator::prop's time was those misses).
struct ElementCore {
  std::uint32_t attrs = 0;
  ElementId boundary = kNoElement;
  FlowId flow;
  Kind kind = Kind::Boundary;
  std::uint8_t trust = 0;
};
static_assert(sizeof(ElementCore) == 16, "four to a cache line");

struct FlowRec {
  ElementId element = kNoElement;
  ElementId source = kNoElement;
  ElementId target = kNoElement;
  Range exits;   ///< into ModelGraph::crossings, innermost first
  Range enters;  ///< into ModelGraph::crossings, outermost first
  bool encrypted = false;
  /// A two-way flow (`a <-> b`) is two flows: the declared direction, then the reverse one.
  /// `partner` is the other direction; a target naming the declared flow covers both.
  ElementId partner = kNoElement;
  bool reverse = false;  ///< the second, reverse direction of a two-way flow
  /// Into ModelGraph::relays: the flows into this flow's source that carry exactly the same
  /// data (at least one item), the requests this flow passes on (see compiler/relays.hpp).
  Range relayed_from;
};

/// A mitigation, acceptance or dismissal target, resolved. A Finding target (`ANCHOR.WEAKNESS`)
/// names the finding anchored to `element` whose weakness is `weakness`: it covers the threats the
/// analyzer groups into that finding, whatever their own elements and rules.
struct TargetRef {
  enum class Form : std::uint8_t { Element, Category, Rule, Finding };
  Form form = Form::Element;
  ElementId element = kNoElement;
  std::uint8_t category = 0;  ///< Category: ordinal of enum stride
  RuleId rule;                ///< Rule: the rule named
  WeaknessId weakness;        ///< Finding: the weakness named
  std::string text;
  Span span;
};

/// One entry of a rule's `mitigated_by`: an attribute that, when set, controls the rule's
/// threat. The threat is still raised; it is mitigated by this attribute, a claim of the model.
struct RuleControl {
  std::string text;                           ///< the attribute as written: `target.rate_limited`
  Span span;                                  ///< where it is written
  std::array<CompiledExpr, kKindCount> expr;  ///< compiled per applicable kind
};

struct RuleRec {
  std::string id;
  std::string title;
  Span id_span;
  bool from_stdlib = false;
  KindMask applies = 0;
  std::uint8_t category = 0;          ///< ordinal of enum stride
  std::uint8_t severity = 0;          ///< ordinal of enum severity
  std::vector<CriterionId> controls;  ///< criteria it bears on primarily
  std::vector<CriterionId> supports;  ///< criteria it bears on as support only
  std::optional<int> cwe;
  std::string advice;
  std::string description;
  std::array<CompiledExpr, kKindCount> when;  ///< compiled per applicable kind
  Span when_span;
  std::vector<RuleControl> mitigated_by;  ///< attributes that control the threat, in order
  std::uint32_t attrs = 0;
  /// An expert-written `threat`: no `when`, raised once on this element. kNoElement for a rule.
  ElementId expert_on = kNoElement;
  bool expert() const { return expert_on != kNoElement; }
  /// `from_scans`: ordinal of scan_kind, -1 for none. Such a rule raises one threat per scanner
  /// rule whose open results of that kind land on the element (analyzer/scan_threats.hpp).
  std::int16_t from_scans = -1;
};

struct MitigationRec {
  std::string id;
  std::string title;
  Span id_span;
  std::vector<TargetRef> targets;
  std::vector<CriterionId> controls;
  std::uint8_t status = 0;  ///< ordinal of mitigation_status
  std::vector<std::string> evidence;
  std::vector<StringId> evidence_strings;  ///< the same, in ModelGraph::strings
  std::string owner, ticket;
  std::optional<std::int64_t> due;  ///< days since 1970-01-01
  std::vector<AssumptionId> assumes;
  std::uint32_t attrs = 0;
};

struct AcceptRec {
  TargetRef target;
  Span keyword;
  std::string reason, owner, ticket;
  std::optional<std::int64_t> expires;
  std::uint32_t attrs = 0;
};

/// `dismiss TARGET {...}`: the threats it names were considered and do not apply (or are false
/// positives). Not a risk accepted: a dismissed threat is not open and not a risk.
struct DismissRec {
  TargetRef target;
  Span keyword;
  std::string reason, by, ticket;
  std::uint8_t as = 0;  ///< ordinal of enum dismissal: not_applicable, false_positive
  std::uint32_t attrs = 0;
};

struct AssumptionRec {
  std::string id;
  std::string title;
  Span id_span;
  std::vector<ElementId> affects;
  std::string owner;
  std::uint8_t status = 0;  ///< ordinal of assumption_status
  std::uint32_t attrs = 0;
};

struct CriterionRec {
  std::string id;
  std::string title;
  Span id_span;
  std::uint8_t category = 0;  ///< ordinal of soc2_category
  std::uint8_t cls = 0;       ///< ordinal of control_class
  std::string area;
  /// `scans`: ordinals of scan_type whose declared scans, present, fresh and clean, evidence it.
  std::vector<std::uint8_t> scans;
};

struct AttestRec {
  CriterionId criterion;
  Span span;
  std::uint8_t status = 0;  ///< ordinal of control_status
  std::string owner, note;
  std::vector<std::string> evidence;
  std::optional<std::int64_t> reviewed;
};

/// A `classify` row of the scanner-result table (stdlib/evidence.moat, extended by a model): a
/// result matches when it matches every non-empty list; a matching row gives its `kind` and
/// `category` to the result, a later row overriding an earlier one.
struct ClassifyRec {
  std::string id;
  Span id_span;
  std::vector<std::string> tools;  ///< tool-name globs, case-insensitive
  std::vector<std::string> rules;  ///< rule-id globs, case-insensitive
  std::vector<std::string> tags;   ///< tag globs, case-insensitive
  std::vector<std::uint32_t> cwes;
  std::int16_t kind = -1;      ///< ordinal of scan_kind; -1: the row does not set it
  std::int16_t category = -1;  ///< ordinal of stride; -1: the row does not set it
  /// `contradicts`: the attribute a result of the row disproves, on the element it lands on
  /// (Kind::Store or Kind::Process) or on the flows into it (Kind::Flow); empty: none.
  std::string tests_attribute;
  Kind tests_kind = Kind::Store;
  bool shows = false;  ///< the attribute's value the result shows
  /// `severity`: ordinal of severity for results that give no security-severity (instead of
  /// their level); -1: the row does not set it.
  std::int16_t severity = -1;
};

/// A `scan` declaration: a scanner log the model expects, read with the model (docs/evidence.md).
struct ScanDeclRec {
  std::string id, title;
  Span id_span;
  std::string path;  ///< as written: relative to the folder of the file that declares it
  Span path_span;
  std::uint8_t kind = 0;       ///< ordinal of scan_type
  std::int64_t max_age = -1;   ///< seconds; -1: no age limit
  std::uint8_t threshold = 3;  ///< ordinal of severity: an open result at or above it is a gap
};

struct ModelInfo {
  std::string title, version, owner, scope, description;
  std::uint8_t soc2_scope = 1;   ///< bit per soc2_category ordinal; security always
  bool quiet_locations = false;  ///< `quiet_locations = true`: no stale-location warnings
  Span keyword;
  std::uint32_t attrs = 0;
};

/// A repository that code locations may name (`repositories { gitaly = "../gitaly" }`).
struct RepositoryRec {
  std::string id;    ///< the name locations use: `gitaly:internal/`
  std::string path;  ///< its folder as written, relative to the model's repository root
  Span id_span;
  Span path_span;
};

/// A code location written in the model (`code`, `evidence`), for the location checks.
struct LocationRef {
  StringId string;
  Span span;
};

struct ModelGraph {
  Schema schema;
  Builtins builtins;  ///< the stdlib contract, resolved against `schema`
  ModelInfo model;

  IdVector<ElementId, ElementRec> elements;  ///< [0] is the implicit outermost boundary
  IdVector<FlowId, FlowRec> flows;
  IdTable ids;  ///< the element namespace, including earlier ids (`was`)
  /// elements[e]'s kind, trust, boundary, attrs and flow, packed; written once the elements are
  /// built (build_elements), read by rule evaluation.
  IdVector<ElementId, ElementCore> cores;

  /// The element with identifier `id` (or an earlier id), or kNoElement.
  ElementId find(std::string_view id) const { return ids.find(id, elements); }

  std::vector<Val> values;                  ///< attribute values, per element and declaration
  std::vector<Val> list_items;              ///< items of list values
  IdVector<StringId, std::string> strings;  ///< string values
  std::vector<ElementId> crossings;         ///< FlowRec::exits / enters point here
  std::vector<ElementId> relays;            ///< FlowRec::relayed_from points here
  std::vector<LocationRef> locations;       ///< every location value, in declaration order
  std::vector<RepositoryRec> repositories;

  // Adjacency in compressed rows: for element e, items [offsets[e], offsets[e + 1]).
  std::vector<std::uint32_t> inbound_offsets, outbound_offsets;
  std::vector<ElementId> inbound, outbound;
  std::vector<std::uint32_t> carried_offsets, held_offsets;
  std::vector<ElementId> carried_by, held_by;
  /// The flows into / out of node e; the flows that carry data element d; the stores that hold it.
  std::span<const ElementId> inbound_of(ElementId e) const {
    return row_of(inbound, inbound_offsets, e);
  }
  std::span<const ElementId> outbound_of(ElementId e) const {
    return row_of(outbound, outbound_offsets, e);
  }
  std::span<const ElementId> carried_by_of(ElementId d) const {
    return row_of(carried_by, carried_offsets, d);
  }
  std::span<const ElementId> held_by_of(ElementId d) const {
    return row_of(held_by, held_offsets, d);
  }

  IdVector<RuleId, RuleRec> rules;
  /// The root causes rules detect (compiler/weaknesses.hpp): each rule's `weakness`, or its id
  /// when it names none, once each; `rule_weakness[r]` indexes it per rule.
  IdVector<WeaknessId, std::string> weaknesses;
  IdVector<RuleId, WeaknessId> rule_weakness;
  IdVector<MitigationId, MitigationRec> mitigations;
  IdVector<AcceptId, AcceptRec> accepts;
  IdVector<DismissId, DismissRec> dismissals;
  IdVector<AssumptionId, AssumptionRec> assumptions;
  IdVector<CriterionId, CriterionRec> criteria;
  std::unordered_map<std::string, CriterionId> criterion_ids;
  std::vector<AttestRec> attestations;
  std::vector<ClassifyRec> classifications;  ///< in load order, duplicates replaced
  std::vector<ScanDeclRec> scans;            ///< `scan` declarations, in load order

  static constexpr ElementId kOutside{0};

  Val attr(ElementId e, int slot) const { return values[elements[e].attrs + slot]; }
  const FlowRec& flow(ElementId e) const { return flows[elements[e].flow]; }
  std::size_t count(Kind k) const;
};

}  // namespace moat
