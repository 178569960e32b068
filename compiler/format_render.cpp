// The formatter's render pass: turns laid-out lines into text.
//
// Spacing: one space between tokens, except none before `,` `:` `?`, none inside `[]`, `()` and
// `list<T>`, none between a function name and its `(`, and `{}` for an empty block.
//
// Alignment, in the style of the examples in docs/language.md:
// - the `=` of consecutive one-attribute lines of the same block line up (a blank line, or a line
//   holding anything else, ends the group; comment lines and continuation lines do not);
// - end-of-line comments of consecutive lines of the same block line up, at least two spaces
//   after the longest code among them (a blank line, a change of block or a comment spanning
//   lines ends the group). A comment on a line of its own written in the same column as the
//   end-of-line comment just above continues it, and stays in that comment's column.
// Both depend only on the tokens, never on the spacing of the input, so formatting twice gives
// the same text.
#include <algorithm>

#include "compiler/format_internal.hpp"
#include "compiler/source.hpp"

namespace moat::format_detail {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool word_operator(const Token& t) {
  return t.word("and") || t.word("or") || t.word("not") || t.word("in");
}

/// Spaces between two tokens on one line.
int spaces(const Placed& a, const Placed& b) {
  const Token& x = a.tok;
  const Token& y = b.tok;
  if (y.is(",")) return 0;
  if (x.comment() || y.comment()) return 1;
  if (y.is(":") || y.is("?")) return 0;
  if (a.role == Role::OpenAngle || b.role == Role::OpenAngle || b.role == Role::CloseAngle)
    return 0;
  if (x.is("(") || x.is("[") || y.is(")") || y.is("]")) return 0;
  if (x.is("{") && y.is("}")) return 0;
  if (y.is("(")) return x.kind == TokKind::Word && !word_operator(x) ? 0 : 1;
  return 1;
}

/// One line, rendered in parts so that its end-of-line comment can be placed afterwards.
struct Rendered {
  std::string code;      ///< indentation and tokens up to the last code token
  std::string trailing;  ///< comments after the code, or the comments of a comment line
  bool comment_only = false;
  bool unalignable = false;         ///< holds a comment spanning lines
  std::uint32_t source_column = 0;  ///< where the (first) trailing comment was in the source
  std::size_t column = 0;  ///< where the trailing comment goes; 0: two spaces after the code
  bool hanging = false;    ///< a comment line continuing the end-of-line comment above
};

std::size_t last_code(const Line& l) {
  for (std::size_t k = l.tokens.size(); k-- > 0;) {
    if (!l.tokens[k].tok.comment()) return k;
  }
  return npos;
}

/// A one-attribute line whose name comes first: the only lines whose `=` is aligned.
bool alignable(const Line& l) {
  return l.kind == LineKind::Attr && l.tokens.size() > 1 && !l.tokens[0].tok.comment() &&
         l.tokens[1].tok.is("=");
}

/// The padding before each alignable line's `=`.
std::vector<std::size_t> equals_padding(const std::vector<Line>& lines) {
  std::vector<std::size_t> pad(lines.size(), 0);
  std::vector<std::size_t> group;
  int frame = -1;
  auto flush = [&] {
    std::size_t widest = 0;
    for (std::size_t k : group)
      widest = std::max<std::size_t>(widest, count_code_points(lines[k].tokens[0].tok.text));
    for (std::size_t k : group) pad[k] = widest - count_code_points(lines[k].tokens[0].tok.text);
    group.clear();
  };
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const Line& l = lines[k];
    if (l.blank_before) flush();
    if (l.kind == LineKind::Comment || l.kind == LineKind::Continuation) continue;
    if (!alignable(l) || l.frame != frame) flush();
    if (!alignable(l)) continue;
    frame = l.frame;
    group.push_back(k);
  }
  flush();
  return pad;
}

std::string join(const std::vector<Placed>& toks, std::size_t from, std::size_t to,
                 std::size_t equals_pad) {
  std::string s;
  for (std::size_t k = from; k < to; ++k) {
    if (k > from)
      s.append(static_cast<std::size_t>(spaces(toks[k - 1], toks[k])) + (k == 1 ? equals_pad : 0),
               ' ');
    s += toks[k].tok.text;
  }
  return s;
}

Rendered render_parts(const Line& l, std::size_t equals_pad) {
  Rendered r;
  const std::string indent(static_cast<std::size_t>(l.indent) * 2, ' ');
  const std::size_t last = last_code(l);
  r.comment_only = last == npos;
  const std::size_t split = r.comment_only ? 0 : last + 1;
  if (!r.comment_only) r.code = indent + join(l.tokens, 0, split, equals_pad);
  if (split < l.tokens.size()) {
    r.trailing = join(l.tokens, split, l.tokens.size(), 0);
    r.source_column = l.tokens[split].tok.column;
  }
  for (const Placed& p : l.tokens) r.unalignable = r.unalignable || p.tok.multiline();
  return r;
}

/// Places end-of-line comments (see the file comment).
void align_comments(const std::vector<Line>& lines, std::vector<Rendered>& out) {
  std::vector<std::size_t> group;
  int frame = -1;
  auto flush = [&] {
    std::size_t widest = 0;
    for (std::size_t k : group) {
      if (!out[k].hanging) widest = std::max<std::size_t>(widest, count_code_points(out[k].code));
    }
    for (std::size_t k : group) out[k].column = widest + 2;
    group.clear();
  };
  for (std::size_t k = 0; k < lines.size(); ++k) {
    Rendered& r = out[k];
    if (lines[k].blank_before) flush();
    if (r.comment_only) {
      r.hanging = !r.unalignable && !group.empty() && group.back() == k - 1 &&
                  out[k - 1].source_column == r.source_column;
      if (r.hanging) group.push_back(k);
      continue;
    }
    if (r.unalignable || lines[k].frame != frame) flush();
    frame = lines[k].frame;
    if (!r.unalignable && !r.trailing.empty()) group.push_back(k);
  }
  flush();
}

}  // namespace

std::string render_lines(const std::vector<Line>& lines) {
  const std::vector<std::size_t> pad = equals_padding(lines);
  std::vector<Rendered> out;
  out.reserve(lines.size());
  for (std::size_t k = 0; k < lines.size(); ++k) out.push_back(render_parts(lines[k], pad[k]));
  align_comments(lines, out);
  std::string text;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const Rendered& r = out[k];
    if (lines[k].blank_before) text += '\n';
    if (r.comment_only) {
      const std::size_t at = r.hanging ? r.column : static_cast<std::size_t>(lines[k].indent) * 2;
      text.append(at, ' ');
      text += r.trailing;
    } else {
      text += r.code;
      if (!r.trailing.empty()) {
        const std::size_t width = count_code_points(r.code);
        text.append(r.column > width + 1 ? r.column - width : 2, ' ');
        text += r.trailing;
      }
    }
    text += '\n';
  }
  return text;
}

}  // namespace moat::format_detail
