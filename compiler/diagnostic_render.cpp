// Text rendering of diagnostics, in the format asserted by the golden tests:
//   file:line:col: error: message [Kind]
//      12 | source line
//         |      ^~~~~~
//   file:line:col: note: did you mean 'x'?
// Paths, messages and notes quote the model (import paths, names), so each goes through
// printable_message: this is the one place where model text reaches the terminal.
#include <fmt/format.h>

#include "compiler/diagnostics.hpp"
#include "compiler/excerpt.hpp"

namespace moat {

namespace {

std::string location(const SourceManager& sources, Span span) {
  if (!span.valid()) return "moat";
  const LineCol lc = sources.line_col(span.file, span.begin);
  return fmt::format("{}:{}:{}", printable_message(sources.file(span.file).path), lc.line,
                     lc.column);
}

}  // namespace

std::string render_text(const SourceManager& sources, const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const Diagnostic& d : diags) {
    out += fmt::format("{}: {}: {} [{}]\n", location(sources, d.span), severity_name(d.severity),
                       printable_message(d.message), diag_kind_name(d.kind));
    render_excerpt(out, sources, d.span);
    for (const DiagNote& n : d.notes) {
      if (n.span.valid()) {
        out +=
            fmt::format("{}: note: {}\n", location(sources, n.span), printable_message(n.message));
      } else {
        out += fmt::format("    note: {}\n", printable_message(n.message));
      }
    }
  }
  return out;
}

}  // namespace moat
