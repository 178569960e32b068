#pragma once
// A compiled `when` expression: a typed tree in a flat vector, built once per rule and element
// kind, evaluated per element by the analyzer without touching strings or allocating.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "compiler/ast.hpp"
#include "compiler/types.hpp"

namespace moat {

/// The quantifier scopes one `when` may use: scope 0 is the rule's element, and each nested
/// `any`, `all` or `count` with a condition adds one, so quantifiers nest at most
/// kMaxQuantifierScopes - 1 deep. The evaluator keeps one slot per scope in an array of exactly
/// this size; compile_when reports NestingTooDeep before a scope index could reach it. A model is
/// untrusted input, so this check, not the parser's nesting limit, is what keeps the slots in
/// bounds.
inline constexpr std::size_t kMaxQuantifierScopes = 64;

/// Properties the compiler computes for elements (they are not attributes).
enum class Computed : std::uint8_t {
  Self,             ///< the element itself
  Trust,            ///< effective trust of a node or boundary
  Boundary,         ///< the enclosing boundary (for a boundary: its parent)
  Inbound,          ///< flows whose target is the node
  Outbound,         ///< flows whose source is the node
  Type,             ///< the element's kind, as a member of enum element_kind
  Source,           ///< a flow's source
  Target,           ///< a flow's target
  CrossesBoundary,  ///< a flow's endpoints sit in different boundaries
  Exits,            ///< boundaries a flow leaves
  Enters,           ///< boundaries a flow enters
  Encrypted,        ///< a flow's `encrypted`, or derived from its protocol
  CarriedBy,        ///< flows that carry a data element
  HeldBy,           ///< stores that hold a data element
  RelayedFrom,      ///< flows into a flow's source carrying the same data (compiler/relays.hpp)
  ReachedFrom,      ///< least trusted zone whose requests reach a node, through forwarders
  DataFrom,         ///< least trusted zone whose data reaches a node, through processes and stores
  Opens,            ///< nodes that a node's credentials open (blast radius)
  CalledBy,         ///< the distinct sources of a node's inbound flows
};

enum class Op : std::uint8_t {
  Const,  ///< `value`
  Attr,   ///< attribute `slots[kind]` of the subject (see below)
  Prop,   ///< computed property `prop` of the subject
  Not,
  And,
  Or,
  Compare,  ///< `a cmp b` over `operand_type`
  InList,   ///< `a in b` where b is a list (constant or attribute)
  Any,      ///< any item of list `a` satisfies `b` (b is evaluated with the item in scope)
  All,
  Count,    ///< items of `a` satisfying `b` (or all of them when b < 0)
  Defined,  ///< the optional attribute `a` has a value
  /// `scan_results(KIND[, severity CMP S])`: open scanner results of kind `value` on the subject
  /// whose severity passes `cmp` against `arg` (any severity when `arg` < 0)
  ScanResults,
  /// `scanned(TYPE)`: a present, fresh scan of scan_type `value` covers the subject's code
  Scanned,
};

/// The subject of Attr/Prop: the element in scope `scope` (0 = the rule's element, 1.. =
/// quantifier items, innermost last) when `base` < 0, else the element that node `base` yields.
struct ExprNode {
  Op op = Op::Const;
  ast::CompareOp cmp = ast::CompareOp::Eq;
  Computed prop = Computed::Self;
  Type type;                    ///< the result type
  Type operand_type;            ///< Compare/InList: the type compared
  std::int32_t a = -1, b = -1;  ///< operand node indices
  std::int32_t base = -1;       ///< Attr/Prop: node yielding the subject element, or -1
  std::uint8_t scope = 0;  ///< Attr/Prop with base < 0; Any/All/Count with a condition: the item's
                           ///< scope (always below kMaxQuantifierScopes)
  /// Attr: slot per element kind, -1 if absent. 32 bits: a model may declare more attributes
  /// than 16 bits count (40,000 of them once made a slot negative, the attribute absent).
  std::array<std::int32_t, kKindCount> slots{};
  Val value;  ///< Const (lists point into CompiledExpr::constants); ScanResults/Scanned: the kind
  Span span;
  std::int16_t arg = -1;  ///< ScanResults: the severity ordinal `cmp` tests against; -1: none
};
static_assert(kMaxQuantifierScopes - 1 <= std::numeric_limits<decltype(ExprNode::scope)>::max(),
              "ExprNode::scope must hold every scope index below kMaxQuantifierScopes");

struct CompiledExpr {
  std::vector<ExprNode> nodes;
  std::vector<Val> constants;  ///< items of constant lists
  /// String literals of the rule; a string constant refers to item i as bits -(i + 1), so that
  /// it cannot be mistaken for an index into ModelGraph::strings.
  std::vector<std::string> strings;
  std::int32_t root = -1;
  bool valid() const { return root >= 0; }
};

}  // namespace moat
