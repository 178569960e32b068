#pragma once
// The rule language's questions about scanner evidence (docs/evidence.md):
// `scan_results(KIND)`, `scan_results(KIND, severity >= S)` (how many open results of a kind land
// on the element) and `scanned(TYPE)` (a present, fresh scan of that type covers its code).
#include <optional>
#include <string>

#include "compiler/diagnostics.hpp"
#include "compiler/expr.hpp"
#include "compiler/graph.hpp"

namespace moat {

/// What went wrong compiling a scan function, for the expression compiler to report.
struct ScanCallError {
  DiagKind kind = DiagKind::UnknownFunction;
  Span span;
  std::string message;
  std::string suggestion;  ///< the closest member name, or ""
};

/// True when `name` is one of the scan functions.
bool is_scan_function(const std::string& name);

/// Compiles the call `e` to a scan function into `n` (op, value, cmp, arg, type, span); the
/// subject is left to the caller. An error when the arguments are not a member of `scan_kind`
/// (`scan_results`) or `scan_type` (`scanned`), then optionally `severity CMP MEMBER`.
std::optional<ScanCallError> compile_scan_call(const ast::Expr& e, const ModelGraph& g,
                                               ExprNode& n);

}  // namespace moat
