#include "analyzer/threats.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>

#include "analyzer/evaluator.hpp"
#include "analyzer/scan_threats.hpp"
#include "compiler/parallel.hpp"

namespace moat {

namespace {

void report_budget_spent(const ModelGraph& g, RuleId rule, ElementId e, DiagnosticSink& diags) {
  const RuleRec& r = g.rules[rule];
  diags
      .report(DiagKind::EvaluationLimit, r.when_span,
              "rule evaluation took more than " + std::to_string(evaluation_budget(g)) +
                  " quantifier steps, the limit for this model, in rule '" + r.id + "' on '" +
                  g.elements[e].id + "'; later rules and elements were not evaluated")
      .notes.push_back({{},
                        "nested 'any', 'all' and 'count' multiply the lengths of their lists: "
                        "nest fewer of them, or range over shorter lists"});
}

/// Marks the threat mitigated by each of its rule's controlling attributes that holds on it.
void apply_controls(const ModelGraph& g, Evaluator& eval, Threat& t) {
  const RuleRec& r = g.rules[t.rule];
  const int k = static_cast<int>(g.elements[t.element].kind);
  for (std::uint32_t i = 0; i < r.mitigated_by.size(); ++i) {
    if (!eval.holds(r.mitigated_by[i].expr[k], t.element)) continue;
    t.covered_by.push_back(Cover::of_attribute(t.rule, i));
    t.status = ThreatStatus::Mitigated;
  }
}

/// The path behind the first graph property (`reached_from`, `data_from`) that `when` reads on
/// the rule's own element, or none.
std::vector<ElementId> path_behind(const ModelGraph& g, const GraphFacts& facts,
                                   const CompiledExpr& when, ElementId e) {
  for (const ExprNode& n : when.nodes) {
    if (n.op != Op::Prop || n.base >= 0 || n.scope != 0) continue;
    if (n.prop == Computed::ReachedFrom) return facts.reached.path(g, e);
    if (n.prop == Computed::DataFrom) return facts.data.path(g, e);
  }
  return {};
}

/// The rules each element meets: per element kind, the rules that apply to it; per element, the
/// expert-written threats on it (raised there after the rules' threats).
struct RulePlan {
  std::array<std::vector<RuleId>, kKindCount> rules_for;
  IdVector<ElementId, std::vector<RuleId>> experts_on;
};

RulePlan plan_rules(const ModelGraph& g) {
  RulePlan plan;
  for (RuleId r : g.rules.ids()) {
    for (int k = 0; k < kKindCount; ++k) {
      if ((g.rules[r].applies & (1u << k)) && g.rules[r].when[k].valid())
        plan.rules_for[k].push_back(r);
    }
  }
  plan.experts_on.resize(g.elements.size());
  for (RuleId r : g.rules.ids()) {
    if (g.rules[r].expert()) plan.experts_on[g.rules[r].expert_on].push_back(r);
  }
  return plan;
}

/// What evaluating the rules on a range of elements gave.
struct RangeResult {
  IdVector<ThreatId, Threat> threats;
  std::size_t evaluations = 0;
  std::uint64_t steps_left = 0;  ///< of the budget the range started with
  /// The evaluator ran out of steps: where it noticed (the rule and element the error names),
  /// or, when the last evaluation of the range spent it, nowhere yet.
  bool exhausted = false;
  RuleId spent_rule;
  ElementId spent_on;
  bool abandoned = false;  ///< stopped by the RangeGuard: its result would not be used
};

/// What the threads evaluating ranges share, so that together they take about one budget of
/// steps and not one each: the steps all ranges took, and the first range that ran out. A range
/// that goes on past either would be evaluated again on one thread anyway.
class RangeGuard {
 public:
  explicit RangeGuard(std::uint64_t budget) : budget_(budget) {}

  /// Counts the steps range `index` took since it last reported (`used` in all, `reported`
  /// before); true when the range should stop.
  bool give_up(std::size_t index, std::uint64_t used, std::uint64_t& reported) {
    const std::uint64_t all = steps_ += used - reported;
    reported = used;
    return all > budget_ || after_spent(index);
  }
  /// A range before range `index` ran out of steps: its result will not be used.
  bool after_spent(std::size_t index) const {
    return first_spent_.load(std::memory_order_relaxed) < index;
  }
  /// Range `index` ran out of steps.
  void spent(std::size_t index) {
    std::size_t first = first_spent_.load();
    while (index < first && !first_spent_.compare_exchange_weak(first, index)) {
    }
  }

 private:
  const std::uint64_t budget_;
  std::atomic<std::uint64_t> steps_{0};
  std::atomic<std::size_t> first_spent_{SIZE_MAX};
};

/// Evaluates the rules on element `e`, appending its threats to `out`; false when the evaluator
/// ran out of steps (then `out` says where).
bool raise_on(const ModelGraph& g, const GraphFacts& facts, const ScanFacts& scans,
              const RulePlan& plan, Evaluator& eval, ElementId e, RangeResult& out) {
  const int k = static_cast<int>(g.cores[e].kind);
  for (RuleId r : plan.rules_for[k]) {
    ++out.evaluations;
    const bool holds = eval.holds(g.rules[r].when[k], e);
    if (eval.exhausted()) {
      out.exhausted = true;
      out.spent_rule = r;
      out.spent_on = e;
      return false;
    }
    if (!holds) continue;
    if (g.rules[r].from_scans >= 0) {
      raise_scan_threats(g, scans, r, e, out.threats);
      continue;
    }
    Threat t;
    t.rule = r;
    t.element = e;
    t.category = g.rules[r].category;
    t.via = path_behind(g, facts, g.rules[r].when[k], e);
    // A direct caller is in the element's own flows already: only several hops are news.
    if (t.via.size() < 3) t.via.clear();
    apply_controls(g, eval, t);
    out.threats.push_back(std::move(t));
  }
  for (RuleId r : plan.experts_on[e]) {
    Threat t;
    t.rule = r;
    t.element = e;
    t.category = g.rules[r].category;
    out.threats.push_back(std::move(t));
  }
  return true;
}

/// Elements a range evaluates between two looks at its RangeGuard.
constexpr std::uint32_t kGuardEvery = 64;

/// Evaluates the rules on elements [first, last) with `steps` quantifier steps, in element-major
/// order (threats come out in declaration order with no sort); stops where the steps run out.
/// `guard`: range `index` of several evaluated side by side, which stops early (abandoned) once
/// its result could no longer be used.
RangeResult raise_range(const ModelGraph& g, const GraphFacts& facts, const ScanFacts& scans,
                        const RulePlan& plan, ElementId first, ElementId last, std::uint64_t steps,
                        RangeGuard* guard = nullptr, std::size_t index = 0) {
  Evaluator eval(g, &facts, steps);
  eval.set_scans(&scans);
  RangeResult out;
  std::uint64_t reported = 0;
  for (ElementId e = first; e < last; e = ElementId(e.index() + 1)) {
    if (guard && guard->after_spent(index)) {
      out.abandoned = true;
      return out;
    }
    if (!raise_on(g, facts, scans, plan, eval, e, out)) {
      if (guard) guard->spent(index);
      return out;
    }
    if (guard && (e.index() - first.index()) % kGuardEvery == kGuardEvery - 1 &&
        guard->give_up(index, steps - eval.steps_left(), reported)) {
      out.abandoned = true;
      return out;
    }
  }
  out.steps_left = eval.steps_left();
  out.exhausted = eval.exhausted();
  return out;
}

/// Below this many elements the rules run on one thread: starting threads would cost more.
constexpr std::uint32_t kParallelElements = 2048;
/// Ranges per thread: elements differ in cost (a process meets more rules than a data asset), so
/// threads take small ranges in turn rather than one large range each.
constexpr std::uint32_t kRangesPerThread = 16;

/// Evaluates the ranges between `borders` on `threads` threads, each range with the whole budget.
/// A range's result is what one evaluator walking every element in order gives only when the
/// ranges before it left it at least the steps it used (raise_threats checks).
std::vector<RangeResult> raise_ranges(const ModelGraph& g, const GraphFacts& facts,
                                      const ScanFacts& scans, const RulePlan& plan,
                                      const std::vector<ElementId>& borders, std::size_t threads,
                                      std::uint64_t budget) {
  std::vector<RangeResult> results(borders.size() - 1);
  RangeGuard guard(budget);
  for_each_piece(results.size(), threads, [&](std::size_t i) {
    results[i] = raise_range(g, facts, scans, plan, borders[i], borders[i + 1], budget, &guard, i);
  });
  return results;
}

std::vector<ElementId> range_borders(std::uint32_t elements, std::size_t threads) {
  const std::uint32_t ranges = static_cast<std::uint32_t>(threads) * kRangesPerThread;
  std::vector<ElementId> borders;
  for (std::uint32_t i = 0; i < ranges; ++i)
    borders.push_back(
        ElementId(1 + static_cast<std::uint32_t>(std::uint64_t{elements - 1} * i / ranges)));
  borders.push_back(ElementId(elements));
  return borders;
}

/// Moves a range's threats to the end of `to` and frees the range's table at once, so that the
/// threats are held about once, not twice, while the ranges are joined.
void append(IdVector<ThreatId, Threat>& to, RangeResult& from, std::size_t& evaluations) {
  if (to.empty() && to.capacity() < from.threats.size()) {
    to = std::move(from.threats);  // one range, or the first: taken whole
  } else {
    for (Threat& t : from.threats) to.push_back(std::move(t));
  }
  from.threats = IdVector<ThreatId, Threat>();
  evaluations += from.evaluations;
}

/// The threats with the last range's appended, and the budget's error if it ran out there.
IdVector<ThreatId, Threat> finish(const ModelGraph& g, IdVector<ThreatId, Threat>& threats,
                                  RangeResult& last, std::size_t& evaluations,
                                  DiagnosticSink& diags) {
  append(threats, last, evaluations);
  if (last.exhausted && last.spent_on != kNoElement)
    report_budget_spent(g, last.spent_rule, last.spent_on, diags);
  return std::move(threats);
}

}  // namespace

IdVector<ThreatId, Threat> raise_threats(const ModelGraph& g, const GraphFacts& facts,
                                         const ScanFacts& scans, std::size_t& evaluations,
                                         DiagnosticSink& diags, std::size_t threads) {
  const RulePlan plan = plan_rules(g);
  const std::uint64_t budget = evaluation_budget(g);
  const auto elements = static_cast<std::uint32_t>(g.elements.size());
  if (threads == 0) threads = worker_threads();
  IdVector<ThreatId, Threat> threats;
  evaluations = 0;
  ElementId serial_from(std::min<std::uint32_t>(1, elements));  // element 0 is none
  std::uint64_t left = budget;
  if (threads > 1 && elements >= kParallelElements) {
    const std::vector<ElementId> borders = range_borders(elements, threads);
    std::vector<RangeResult> results =
        raise_ranges(g, facts, scans, plan, borders, threads, budget);
    std::size_t total = 0;
    for (const RangeResult& r : results) total += r.threats.size();
    threats.reserve(total);
    // A range that ran out of steps, was abandoned, or used more than the ranges before it left
    // is evaluated again from its start on this thread with what was left: the threats, and the
    // rule and element the error names, are then exactly those of a single evaluator.
    // A range that ran out where it started with all the steps a single evaluator would have
    // had there (the whole budget: no range before it took a step) ran out exactly as that one
    // would: kept as it is.
    std::size_t i = 0;
    for (; i < results.size(); ++i) {
      RangeResult& r = results[i];
      if (r.exhausted && r.spent_on != kNoElement && left == budget)
        return finish(g, threats, r, evaluations, diags);
      const std::uint64_t used = budget - r.steps_left;
      if (r.exhausted || r.abandoned || used > left) break;
      left -= used;
      append(threats, r, evaluations);
    }
    serial_from = i < results.size() ? borders[i] : ElementId(elements);
  }
  if (serial_from.index() < elements) {
    RangeResult rest = raise_range(g, facts, scans, plan, serial_from, ElementId(elements), left);
    return finish(g, threats, rest, evaluations, diags);
  }
  return threats;
}

}  // namespace moat
