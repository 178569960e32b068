#pragma once
// Rule evaluation: applies every rule to every element of the kinds it names.
#include "analyzer/analysis.hpp"
#include "analyzer/scan_facts.hpp"

namespace moat {

/// Evaluates all rules; returns the threats in element, then rule, declaration order. `evaluations`
/// counts rule × element; a threat whose rule reads a graph property of its element carries the
/// path found (Threat::via). When the evaluation budget runs out (evaluation_budget()), reports an
/// EvaluationLimit error to `diags` and evaluates nothing more. Rules read scanner evidence
/// through `scans`; a `from_scans` rule raises one threat per scanner rule (scan_threats.hpp).
/// Models of 2,048 elements or more are evaluated on `threads` threads (0: worker_threads()),
/// with the same result as on one, the budget's error included.
IdVector<ThreatId, Threat> raise_threats(const ModelGraph& g, const GraphFacts& facts,
                                         const ScanFacts& scans, std::size_t& evaluations,
                                         DiagnosticSink& diags, std::size_t threads = 0);

}  // namespace moat
