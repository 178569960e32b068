#include "compiler/excerpt.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace moat {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026, one column
/// Code points of context shown before the caret when a line is clipped.
constexpr std::size_t kColumnsBeforeCaret = 60;

bool continues(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// The byte offset `count` code points before `pos` in `s` (or 0).
std::size_t back(std::string_view s, std::size_t pos, std::size_t count) {
  for (; count > 0 && pos > 0; --count) {
    --pos;
    while (pos > 0 && continues(s[pos])) --pos;
  }
  return pos;
}

/// The byte offset `count` code points after `pos` in `s` (or its size).
std::size_t forward(std::string_view s, std::size_t pos, std::size_t count) {
  for (; count > 0 && pos < s.size(); --count) {
    ++pos;
    while (pos < s.size() && continues(s[pos])) ++pos;
  }
  return pos;
}

/// The part [begin, end) of a line that the excerpt shows.
struct Window {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// The whole line when it is short; else kMaxExcerptColumns code points around the caret.
Window window(std::string_view line, std::size_t caret) {
  if (line.size() <= kMaxExcerptColumns || count_code_points(line) <= kMaxExcerptColumns) {
    return {0, line.size()};
  }
  const std::size_t begin = back(line, caret, kColumnsBeforeCaret);
  return {begin, forward(line, begin, kMaxExcerptColumns)};
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
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

std::string printable_message(std::string_view text) {
  if (text.size() <= kMaxMessageBytes) return printable(text);
  std::size_t cut = kMaxMessageBytes;
  while (cut > 0 && continues(text[cut])) --cut;
  return printable(text.substr(0, cut)) + std::string(kEllipsis);
}

// Tabs in the source are copied into the caret line so the caret stays under the right
// character; every other code point becomes one space.
void render_excerpt(std::string& out, const SourceManager& sources, Span span) {
  if (!span.valid()) return;
  const LineCol lc = sources.line_col(span.file, span.begin);
  const std::string_view line = sources.line_text(span.file, lc.line);
  const std::uint32_t line_start = sources.file(span.file).line_starts[lc.line - 1];
  // A span may start before line 1 does: on a byte-order mark, which the excerpt leaves out.
  const std::uint32_t begin = std::max(span.begin, line_start);
  const std::size_t caret = std::min<std::size_t>(begin - line_start, line.size());
  const Window w = window(line, caret);
  const std::size_t end_byte = std::min<std::size_t>(std::max(span.end, begin) - line_start, w.end);
  std::string text = printable(line.substr(w.begin, w.end - w.begin));
  std::string marks;
  if (w.begin > 0) {
    text = std::string(kEllipsis) + text;
    marks += ' ';
  }
  if (w.end < line.size()) text += kEllipsis;
  for (std::size_t i = w.begin; i < caret; ++i) {
    if (line[i] == '\t')
      marks += '\t';
    else if (!continues(line[i]))
      marks += ' ';
  }
  marks += '^';
  const std::uint32_t width =
      end_byte > caret ? count_code_points(line.substr(caret, end_byte - caret)) : 1;
  for (std::uint32_t i = 1; i < width; ++i) marks += '~';
  const std::string gutter = std::to_string(lc.line);
  out += fmt::format(" {} | {}\n", gutter, text);
  out += fmt::format(" {} | {}\n", std::string(gutter.size(), ' '), marks);
}

}  // namespace moat
