// Top-level statements: each starts with a keyword at the start of a line outside any block,
// list, string or comment.
#include "lsp/range_format.hpp"

#include <vector>

namespace moat::lsp {

namespace {

bool keyword_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/// The byte offsets where top-level statements start.
std::vector<std::uint32_t> statement_starts(std::string_view text) {
  std::vector<std::uint32_t> starts;
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((i == 0 || text[i - 1] == '\n') && depth == 0 && keyword_char(c)) {
      starts.push_back(static_cast<std::uint32_t>(i));
    }
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (text.substr(i, 2) == "//") {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (text.substr(i, 2) == "/*") {
      const std::size_t close = text.find("*/", i + 2);
      i = close == std::string_view::npos ? text.size() : close + 1;
    } else if (c == '{' || c == '[' || c == '(') {
      ++depth;
    } else if ((c == '}' || c == ']' || c == ')') && depth > 0) {
      --depth;
    }
  }
  return starts;
}

}  // namespace

StatementRange enclosing_statements(std::string_view text, std::uint32_t from, std::uint32_t to) {
  const std::vector<std::uint32_t> starts = statement_starts(text);
  StatementRange r{0, static_cast<std::uint32_t>(text.size())};
  for (const std::uint32_t s : starts) {
    if (s <= from) r.begin = s;
  }
  for (const std::uint32_t s : starts) {
    // A range ending at the start of a line ends before that line's statement.
    const bool past = to > from ? s >= to : s > to;
    if (past && s > r.begin) {
      r.end = s;
      break;
    }
  }
  // Blank lines and the comment lines above the next statement are not part of this one.
  for (;;) {
    while (r.end > r.begin && (text[r.end - 1] == ' ' || text[r.end - 1] == '\n' ||
                               text[r.end - 1] == '\t' || text[r.end - 1] == '\r')) {
      --r.end;
    }
    if (r.end <= r.begin) return r;
    const std::size_t eol = text.rfind('\n', r.end - 1);
    const std::size_t line = eol == std::string_view::npos ? 0 : eol + 1;
    const std::size_t first = text.find_first_not_of(" \t", line);
    if (line <= r.begin || text.substr(first, 2) != "//") return r;
    r.end = static_cast<std::uint32_t>(line);
  }
}

}  // namespace moat::lsp
