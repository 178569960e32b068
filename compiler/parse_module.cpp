// parse_module: validates the encoding, then parses the file's statements. A large file is cut
// at top-level statement starts into one chunk per core and the chunks are parsed in parallel
// (parsing dominated checking large models); the chunks' declarations are then joined in source
// order, so the result is the same as a serial parse.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "compiler/parallel.hpp"
#include "compiler/parser.hpp"
#include "grammar/keywords.hpp"

namespace moat {

namespace {

constexpr std::size_t kParallelThreshold = 4u << 20;  // bytes; smaller files parse serially

}  // namespace

// NUL bytes and malformed UTF-8 are rejected before parsing, at their exact offset.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes, none of them NUL, at once: most of a model is ASCII.
    constexpr std::uint64_t kOnes = 0x0101010101010101u, kHighs = 0x8080808080808080u;
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & kHighs) || ((w - kOnes) & ~w & kHighs)) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    if (len == 0 || i + len > s.size()) return i;
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

namespace {

bool keyword_then_space(std::string_view text, std::size_t at, grammar::Keyword k) {
  const std::string_view word = grammar::keyword_text(k);
  return text.compare(at, word.size(), word) == 0 && at + word.size() < text.size() &&
         text[at + word.size()] == ' ';
}

/// A table of the bytes in `bytes`, for scanning to the next of them.
constexpr std::array<bool, 256> byte_set(std::initializer_list<char> bytes) {
  std::array<bool, 256> set{};
  for (const char c : bytes) set[static_cast<unsigned char>(c)] = true;
  return set;
}

/// Offsets where a line at brace depth 0 starts with a declaration keyword, skipping strings and
/// comments. Only used to choose chunk borders; the grammar still decides what is valid.
std::vector<std::size_t> chunk_borders(std::string_view text, std::size_t chunks) {
  std::vector<std::size_t> borders;
  const std::size_t step = text.size() / chunks;
  std::size_t next_goal = step;
  int depth = 0;
  bool line_start = true;
  // The characters that change the state below; any other one only ends a line's indent.
  static constexpr auto kSpecial = byte_set({'"', '/', '{', '}', '\n'});
  // Inside a string: its end, the end of the line, or an escape.
  static constexpr auto kInString = byte_set({'"', '\n', '\\'});
  for (std::size_t i = 0; i < text.size() && borders.size() + 1 < chunks; ++i) {
    if (!line_start) {  // past the indent: skip to the next special character at once
      while (i < text.size() && !kSpecial[static_cast<unsigned char>(text[i])]) ++i;
      if (i == text.size()) break;
    }
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size(); ++i) {  // to the closing quote or the end of the line
        while (i < text.size() && !kInString[static_cast<unsigned char>(text[i])]) ++i;
        if (i >= text.size() || text[i] != '\\') break;
        ++i;  // the escaped character, whatever it is
      }
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = std::min(text.find('\n', i), text.size()) - 1;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = std::min(text.find("*/", i + 2), text.size()) + 1;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      --depth;
    } else if (c == '\n') {
      line_start = true;
      continue;
    } else if (line_start && depth == 0 && i >= next_goal &&
               (keyword_then_space(text, i, grammar::Keyword::Flow) ||
                keyword_then_space(text, i, grammar::Keyword::Boundary))) {
      borders.push_back(i);
      next_goal = i + step;
    }
    if (c != ' ' && c != '\t') line_start = false;
  }
  return borders;
}

/// Moves `from`'s items to the end of `to`. The first part's vectors are taken whole, not moved
/// item by item; a later part's items are moved in, the vector growing once at most.
template <typename T>
void append(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) {
    to.swap(from);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

/// Appends `part` to `out`, shifting the boundary indices of its elements and flows.
void join(ast::Module& out, ast::Module& part) {
  const auto shift = static_cast<std::int32_t>(out.elements.size());
  for (auto& e : part.elements) e.parent = e.parent < 0 ? -1 : e.parent + shift;
  for (auto& f : part.flows) f.parent = f.parent < 0 ? -1 : f.parent + shift;
  append(out.models, part.models);
  append(out.uses, part.uses);
  append(out.imports, part.imports);
  append(out.elements, part.elements);
  append(out.flows, part.flows);
  append(out.enums, part.enums);
  append(out.schemas, part.schemas);
  append(out.rules, part.rules);
  append(out.mitigations, part.mitigations);
  append(out.threats, part.threats);
  append(out.assumptions, part.assumptions);
  append(out.accepts, part.accepts);
  append(out.dismissals, part.dismissals);
  append(out.criteria, part.criteria);
  append(out.attestations, part.attestations);
  append(out.classifications, part.classifications);
  append(out.scans, part.scans);
  append(out.tests, part.tests);
}

/// Parses in chunks on several threads; false when the chunks did not line up with statements
/// (or had errors), in which case the caller parses serially so diagnostics match exactly.
bool parse_parallel(const SourceManager& sources, FileId file, ast::Module& out,
                    DiagnosticSink& diags, std::size_t threads) {
  const std::string_view text = sources.file(file).text;
  std::vector<std::size_t> starts{0};
  for (std::size_t b : chunk_borders(text, threads)) starts.push_back(b);
  starts.push_back(text.size());
  const std::size_t n = starts.size() - 1;
  std::vector<ast::Module> parts(n);
  std::vector<DiagnosticSink> sinks(n);
  std::vector<StatementsResult> results(n);
  for_each_piece(n, threads, [&](std::size_t i) {
    results[i] = parse_statements(sources, file, starts[i], starts[i + 1], parts[i], sinks[i]);
  });
  for (std::size_t i = 0; i < n; ++i) {
    if (!results[i].ok || results[i].end != starts[i + 1] || sinks[i].error_count() ||
        sinks[i].warning_count()) {
      return false;
    }
  }
  for (auto& part : parts) join(out, part);
  (void)diags;
  return true;
}

}  // namespace

bool parse_module(const SourceManager& sources, FileId file, ast::Module& out,
                  DiagnosticSink& diags) {
  const std::string_view text = sources.file(file).text;
  out.file = file;
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    diags.report(DiagKind::InvalidUtf8,
                 {file, static_cast<std::uint32_t>(bad), static_cast<std::uint32_t>(bad + 1)},
                 text[bad] == 0 ? "the file contains a NUL byte"
                                : "the file is not valid UTF-8 at this byte");
    return false;
  }
  const std::size_t threads = worker_threads();
  if (text.size() >= kParallelThreshold && threads > 1) {
    ast::Module parallel;
    parallel.file = file;
    if (parse_parallel(sources, file, parallel, diags, threads)) {
      out = std::move(parallel);
      return true;
    }
  }
  return parse_statements(sources, file, 0, text.size(), out, diags).ok;
}

}  // namespace moat
