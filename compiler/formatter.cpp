// `moat fmt`'s engine: lex, lay out, render (compiler/format_internal.hpp explains the passes),
// and the check that the formatted text means the same as the original.
#include "compiler/formatter.hpp"

#include "compiler/ast.hpp"
#include "compiler/format_internal.hpp"
#include "compiler/parser.hpp"

namespace moat {

namespace fd = format_detail;

std::string format_source(std::string_view source) {
  // A byte-order mark is not a token: it stays in front, as the file's editor wrote it.
  const std::size_t bom = byte_order_mark_size(source);
  std::vector<fd::Token> tokens = fd::lex(source.substr(bom));
  if (tokens.empty()) return std::string(source.substr(0, bom));
  return std::string(source.substr(0, bom)) + fd::render_lines(fd::layout_lines(std::move(tokens)));
}

namespace {

bool parses(std::string_view text) {
  SourceManager sources;
  const FileId file = sources.add("<fmt>", std::string(text));
  ast::Module module;
  DiagnosticSink diags;
  return parse_module(sources, file, module, diags) && !diags.has_errors();
}

/// The tokens of `text` with punctuation split into single characters: the formatter may write
/// `list<T> = x` for `list<T>= x`, which lexes differently but is the same characters.
std::vector<fd::Token> canonical_tokens(std::string_view text) {
  std::vector<fd::Token> out;
  for (fd::Token& t : fd::lex(text)) {
    if (t.kind != fd::TokKind::Punct) {
      out.push_back(std::move(t));
      continue;
    }
    for (char c : t.text) out.push_back(fd::Token{fd::TokKind::Punct, std::string(1, c), 0, 0});
  }
  return out;
}

bool same_tokens(std::string_view a, std::string_view b) {
  const std::vector<fd::Token> x = canonical_tokens(a);
  const std::vector<fd::Token> y = canonical_tokens(b);
  if (x.size() != y.size()) return false;
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (x[k].kind != y[k].kind || x[k].text != y[k].text) return false;
  }
  return true;
}

}  // namespace

FormatResult format_checked(std::string_view source) {
  FormatResult r;
  if (!parses(source)) {
    r.error = "the file has syntax errors";
    return r;
  }
  std::string text = format_source(source);
  // Both checks guard against a formatter bug; neither fails on a file that parsed.
  if (!parses(text)) {
    r.error = "internal error: the formatted text does not parse (please report this file)";
    return r;
  }
  if (!same_tokens(source, text)) {
    r.error = "internal error: formatting would change the file's tokens (please report this file)";
    return r;
  }
  r.ok = true;
  r.text = std::move(text);
  return r;
}

}  // namespace moat
