#pragma once
// `moat test`: runs the `test` blocks of model files. Each test is a small model compiled with
// the schema, rules and catalogs of its file (and what that file uses and imports); its
// expectations say which rules must and must not fire on which elements.
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

/// Runs every test declared in the user files of `program` (not in standard-library modules).
std::vector<RuleTestResult> run_rule_tests(const Program& program);

}  // namespace moat
