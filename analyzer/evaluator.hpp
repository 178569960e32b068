#pragma once
// Evaluates compiled `when` expressions on elements of the model graph. The hot path reads flat
// arrays only: no strings, no allocation.
#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "analyzer/graph_facts.hpp"
#include "analyzer/scan_facts.hpp"
#include "compiler/graph.hpp"

namespace moat {

/// The items of a list value: either packed values or element ids.
struct ListRef {
  const Val* vals = nullptr;
  const ElementId* ids = nullptr;
  std::uint32_t size = 0;
  std::int64_t at(std::uint32_t i) const { return vals ? vals[i].bits : Val::of(ids[i]).bits; }
  /// Item `i` of a list of elements (packed as values or given as ids).
  ElementId element(std::uint32_t i) const { return vals ? vals[i].id<ElementId>() : ids[i]; }
};

/// Quantifier steps (items that `any`, `all` and `count` visit) one Evaluator may take: a floor,
/// plus a share per element and list item of the graph. Nested quantifiers multiply the lengths
/// of their lists, so without a budget a short rule over a small model would keep `moat check`
/// busy for ever (ten nested `any` over ten flows each way are 10^10 steps), while the standard
/// library's rules take a few steps per element.
inline constexpr std::uint64_t kEvaluationStepsFloor = std::uint64_t{1} << 22;
inline constexpr std::uint64_t kEvaluationStepsPerItem = 256;

/// The budget of quantifier steps for evaluating rules on `g`.
std::uint64_t evaluation_budget(const ModelGraph& g);

class Evaluator {
 public:
  /// `facts` are the model's graph facts (compute_graph_facts()); without them the evaluator
  /// computes its own on the first graph property a rule reads.
  explicit Evaluator(const ModelGraph& g, const GraphFacts* facts = nullptr)
      : Evaluator(g, facts, evaluation_budget(g)) {}
  /// With `steps` quantifier steps to take instead of the model's whole budget: what is left of
  /// it after the elements before (raise_threats evaluates ranges of elements on several threads).
  Evaluator(const ModelGraph& g, const GraphFacts* facts, std::uint64_t steps)
      : g_(g), facts_(facts), steps_left_(steps) {
    // Checked in release builds too (an assert is compiled out there): a graph whose elements
    // were not packed would be read out of bounds, silently.
    if (g.cores.size() != g.elements.size())
      throw std::logic_error("the graph's elements were not packed (ModelGraph::cores)");
  }

  /// The scanner evidence `scan_results()` and `scanned()` read; without it they find nothing.
  void set_scans(const ScanFacts* scans) { scans_ = scans; }

  /// True once the budget of quantifier steps is spent: from then on quantifiers stop early, so
  /// every value computed since the budget ran out is unreliable.
  bool exhausted() const { return exhausted_; }
  /// Quantifier steps this evaluator may still take.
  std::uint64_t steps_left() const { return steps_left_; }

  /// True when `expr` holds for element `e`.
  bool holds(const CompiledExpr& expr, ElementId e);

  /// Value of node `i` of `expr` with the scope set up by the last holds() or by set_subject().
  Val value(const CompiledExpr& expr, std::int32_t i);
  ListRef list(const CompiledExpr& expr, std::int32_t i);
  void set_subject(ElementId e) { scope_[0] = e; }
  /// Makes `item` the element of quantifier scope `scope` (for explanations): the scope of a
  /// quantifier with a condition, always below kMaxQuantifierScopes.
  void set_scope(std::uint8_t scope, ElementId item) { scope_[scope] = item; }
  /// The element of quantifier scope `scope` (0: the subject).
  ElementId scope(std::uint8_t scope) const { return scope_[scope]; }

 private:
  bool truth(const CompiledExpr& expr, std::int32_t i) {
    const Val v = value(expr, i);
    return v.is_set() && v.bits != 0;
  }
  ElementId subject(const CompiledExpr& expr, const ExprNode& n);
  Val attr(ElementId s, const ExprNode& n) const;
  Val prop(ElementId s, Computed p) const;
  ListRef prop_list(ElementId s, Computed p) const;
  bool compare(const CompiledExpr& expr, const ExprNode& n, Val a, Val b) const;
  /// A string by its pool index: the expression's own literals (negative) or the graph's.
  std::string_view text(const CompiledExpr& expr, std::int64_t bits) const;
  /// `list == member`: the list `n.a` is not empty and holds only the member `n.b`.
  bool only(const CompiledExpr& expr, const ExprNode& n);
  /// Whether the list `n.b` holds the value `x` (strings compared by their text).
  bool contains(const CompiledExpr& expr, const ExprNode& n, std::int64_t x);
  /// `a in b`; a list of enum members on the left is a subset test.
  bool in_list(const CompiledExpr& expr, const ExprNode& n);
  Val quantify(const CompiledExpr& expr, const ExprNode& n);

  const GraphFacts& facts() const;

  const ModelGraph& g_;
  mutable const GraphFacts* facts_;
  mutable std::unique_ptr<GraphFacts> own_facts_;  ///< when none were given
  const ScanFacts* scans_ = nullptr;
  std::uint64_t steps_left_;
  bool exhausted_ = false;
  /// The element in each quantifier scope; compile_when keeps every scope index below
  /// kMaxQuantifierScopes (a deeper `when` is a NestingTooDeep error), so the array holds them.
  std::array<ElementId, kMaxQuantifierScopes> scope_{};
};

}  // namespace moat
