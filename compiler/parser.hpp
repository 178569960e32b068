#pragma once
// The parser: one source file's text in, its AST out. Syntax errors are diagnostics; the parser
// resumes at the next declaration so one run reports the errors of several declarations.
#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"

namespace moat {

/// The deepest nesting of boundaries, lists, types and expressions the parser accepts.
inline constexpr std::size_t kMaxNesting = 64;

/// Parses `file` into `out`. Returns false when the file had syntax errors (reported to `diags`).
bool parse_module(const SourceManager& sources, FileId file, ast::Module& out,
                  DiagnosticSink& diags);

}  // namespace moat
