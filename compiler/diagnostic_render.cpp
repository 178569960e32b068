// Text rendering of diagnostics, in the format asserted by the golden tests:
//   file:line:col: error: message [Kind]
//      12 | source line
//         |      ^~~~~~
//   file:line:col: note: did you mean 'x'?
#include <fmt/format.h>

#include "compiler/diagnostics.hpp"

namespace moat {

namespace {

std::string location(const SourceManager& sources, Span span) {
  if (!span.valid()) return "moat";
  const LineCol lc = sources.line_col(span.file, span.begin);
  return fmt::format("{}:{}:{}", sources.file(span.file).path, lc.line, lc.column);
}

// Control characters from a model never reach the terminal: each is shown as its Unicode
// control picture (ESC as U+241B, NUL as U+2400, DEL as U+2421): one code point, so carets
// stay aligned, and the reader still sees which character it was. Tabs are kept.
std::string printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) {
      const unsigned picture = u == 0x7f ? 0x2421 : 0x2400 + u;  // U+24xx: three UTF-8 bytes
      out += static_cast<char>(0xE0 | (picture >> 12));
      out += static_cast<char>(0x80 | ((picture >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (picture & 0x3F));
    } else {
      out += c;
    }
  }
  return out;
}

// The source line and an underline of the span's part on that line. Tabs in the source are
// copied into the caret line so the caret stays under the right character.
void render_excerpt(std::string& out, const SourceManager& sources, Span span) {
  if (!span.valid()) return;
  const LineCol lc = sources.line_col(span.file, span.begin);
  const std::string_view line = sources.line_text(span.file, lc.line);
  const std::uint32_t line_start = sources.file(span.file).line_starts[lc.line - 1];
  const std::uint32_t col_byte = span.begin - line_start;
  const std::uint32_t end_byte = std::min<std::uint32_t>(
      std::max(span.end, span.begin) - line_start, static_cast<std::uint32_t>(line.size()));
  const std::string gutter = std::to_string(lc.line);
  out += fmt::format(" {} | {}\n", gutter, printable(line));
  std::string marks;
  for (std::uint32_t i = 0; i < col_byte && i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\t') marks += '\t';
    else if ((c & 0xC0) != 0x80) marks += ' ';
  }
  marks += '^';
  const std::uint32_t width =
      end_byte > col_byte ? count_code_points(line.substr(col_byte, end_byte - col_byte)) : 1;
  for (std::uint32_t i = 1; i < width; ++i) marks += '~';
  out += fmt::format(" {} | {}\n", std::string(gutter.size(), ' '), marks);
}

}  // namespace

std::string render_text(const SourceManager& sources, const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const Diagnostic& d : diags) {
    out += fmt::format("{}: {}: {} [{}]\n", location(sources, d.span), severity_name(d.severity),
                       d.message, diag_kind_name(d.kind));
    render_excerpt(out, sources, d.span);
    for (const DiagNote& n : d.notes) {
      if (n.span.valid()) {
        out += fmt::format("{}: note: {}\n", location(sources, n.span), n.message);
      } else {
        out += fmt::format("    note: {}\n", n.message);
      }
    }
  }
  return out;
}

}  // namespace moat
