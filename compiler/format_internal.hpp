#pragma once
// Internals of the formatter (compiler/formatter.hpp), shared by its translation units:
//
//   format_lexer.cpp   source text -> tokens (comments included, white space summarised);
//   format_layout.cpp  tokens -> output lines: where lines break, how deep each is indented,
//                      what each line is (an attribute, an item, a continuation, a comment);
//   format_render.cpp  lines -> text: spacing between tokens, `=` and comment alignment;
//   formatter.cpp      the public functions, and the check that formatting kept the meaning.
//
// Why tokens and not the AST: the AST has no comments and no line structure, and the formatter
// must keep every comment where it was written. The token stream has both; the little structure
// the layout needs (which brace opens a block, where an attribute starts) is recovered from it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moat::format_detail {

enum class TokKind : std::uint8_t { Word, String, Punct, LineComment, BlockComment };

/// One lexeme. Words are maximal runs of name characters and dots (`api`, `webhook.spoofing`,
/// `CC6.1`, `2027-03-01`, `-1.5`, `90d`): the formatter never puts space inside them.
struct Token {
  TokKind kind = TokKind::Word;
  std::string text;          ///< verbatim; comments: CRLF -> LF, line comments right-trimmed
  int newlines = 0;          ///< line breaks in the white space before the token
  std::uint32_t column = 0;  ///< 0-based code-point column where the token starts in the source

  bool comment() const { return kind == TokKind::LineComment || kind == TokKind::BlockComment; }
  bool is(std::string_view s) const { return kind == TokKind::Punct && text == s; }
  bool word(std::string_view s) const { return kind == TokKind::Word && text == s; }
  /// A block comment that spans lines: it cannot take part in column alignment.
  bool multiline() const;
};

std::vector<Token> lex(std::string_view source);

/// What a bracket-like token does in the layout (spacing and indentation depend on it).
enum class Role : std::uint8_t {
  Plain,
  OpenBlock,  ///< `{` of a declaration block
  CloseBlock,
  OpenBracket,  ///< `[`, `(`, and `{` of an inline `enum { ... }` type
  CloseBracket,
  OpenAngle,  ///< `<` of `list<T>`
  CloseAngle,
};

struct Placed {
  Token tok;
  Role role = Role::Plain;
};

enum class LineKind : std::uint8_t {
  Attr,          ///< exactly one `name = value` attribute starts here: its `=` is aligned
  Item,          ///< another item starts here (a declaration, several attributes, a field)
  Continuation,  ///< the rest of an item that started on an earlier line
  Close,         ///< the closing `}` of a multi-line block
  Comment,       ///< comments only
};

struct Line {
  std::vector<Placed> tokens;
  int indent = 0;  ///< in levels of two spaces
  bool blank_before = false;
  LineKind kind = LineKind::Comment;
  int frame = 0;  ///< the block the line belongs to: alignment never crosses blocks
};

std::vector<Line> layout_lines(std::vector<Token> tokens);
std::string render_lines(const std::vector<Line>& lines);

}  // namespace moat::format_detail
