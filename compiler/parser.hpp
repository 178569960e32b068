#pragma once
// The parser: one source file's text in, its AST out. Syntax errors are diagnostics; the parser
// resumes at the next declaration so one run reports the errors of several declarations.
#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"

namespace moat {

/// The deepest nesting the parser accepts, counting boundaries, lists, types, parentheses and
/// `not` together (one counter): deep enough for any real model, shallow enough for the stack.
inline constexpr std::size_t kMaxNesting = 128;

/// Parses `file` into `out`. Returns false when the file had syntax errors (reported to `diags`).
bool parse_module(const SourceManager& sources, FileId file, ast::Module& out,
                  DiagnosticSink& diags);

/// What parse_statements reached: whether every statement parsed, and where it stopped.
struct StatementsResult {
  bool ok = true;
  std::size_t end = 0;
};

/// Parses the statements that start in [begin, end) of `file` into `out`. A statement that starts
/// before `end` is parsed to its end, which may lie beyond `end`.
StatementsResult parse_statements(const SourceManager& sources, FileId file, std::size_t begin,
                                  std::size_t end, ast::Module& out, DiagnosticSink& diags);

/// Offset of the first NUL byte or malformed UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace moat
