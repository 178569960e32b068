#pragma once
// `moat test`: runs the `test` blocks of model files. Each test is a small model compiled with
// the schema, rules and catalogs of its file (and what that file uses and imports); its
// expectations say which rules must and must not fire on which elements.
#include <map>
#include <string>
#include <vector>

#include "compiler/loader.hpp"

namespace moat {

struct RuleTestResult {
  std::string title;
  Span span;
  bool passed = false;
  std::vector<Diagnostic> diagnostics;  ///< compile errors or failed expectations
};

/// Which rules passing tests showed firing and not firing, by rule id.
struct RuleCoverage {
  std::map<std::string, std::pair<int, int>> counts;  ///< rule id -> (fires, does not fire)
};

/// Runs every test declared in the user files of `program` (not in standard-library modules);
/// passing expectations that name an element are counted in `coverage`.
std::vector<RuleTestResult> run_rule_tests(const Program& program, RuleCoverage& coverage);

}  // namespace moat
