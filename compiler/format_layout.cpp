// The formatter's layout pass: decides where output lines break and how each is indented.
//
// Line breaks are kept as written, with four exceptions: a multi-line block gets a break after
// its `{` and before its `}` (and after its `}`), every top-level statement starts a line, a `{`
// written on the line after its declaration joins that line, and runs of blank lines collapse
// to one (none after `{`, before `}` or at the start of the file). These only add or remove line
// breaks where the grammar reads any white space alike; formatter.cpp checks that the result
// parses to the same tokens.
//
// Indentation: an item (statement, attribute, field, enum member, `expect`) is indented by the
// number of enclosing blocks; a line that continues an item (a `when` going on after `and`, a
// title on its own line) one level more; a line inside `[...]`, `(...)` or `enum {...}` one level
// more than the line with the opening bracket, and the closing bracket's line as much as it.
#include <algorithm>
#include <array>

#include "compiler/format_internal.hpp"
#include "grammar/keywords.hpp"

namespace moat::format_detail {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

enum class FrameKind : std::uint8_t {
  Top,
  Attrs,
  Rule,
  Schema,
  Enum,
  Boundary,
  Test,
  Bracket,
  Angle
};

bool is_block(FrameKind k) {
  return k != FrameKind::Bracket && k != FrameKind::Angle;
}

template <std::size_t N>
bool one_of(const Token& t, const std::array<std::string_view, N>& words) {
  return t.kind == TokKind::Word && std::find(words.begin(), words.end(), t.text) != words.end();
}

/// Tokens after which an item always goes on (an operator waiting for its right-hand side).
constexpr std::array<std::string_view, 8> kDangling = {"=",  ":",  "->", "<->",
                                                       "==", "!=", "<=", ">="};

/// Whether `t` is a keyword that starts a statement where `flags` says (grammar/keywords.hpp).
bool statement_keyword(const Token& t, std::uint8_t flags) {
  return t.kind == TokKind::Word && grammar::find_keyword(t.text, flags) != nullptr;
}

struct Frame {
  FrameKind kind = FrameKind::Top;
  std::size_t open = npos;  ///< the opening token
  int inner = 0;            ///< indentation of items (blocks) or of lines inside (brackets)
  int outer = 0;            ///< indentation of the closing token's line
  bool multiline = false;
  int id = 0;
  // The item being read (blocks only).
  std::size_t item_codes = 0;  ///< code tokens of the current item so far
  std::string item_keyword;    ///< the keyword that started it, for declarations
  bool in_when = false;        ///< it is a rule's `when` expression
};

class Layout {
 public:
  explicit Layout(std::vector<Token> tokens) : toks_(std::move(tokens)) { match_braces(); }

  std::vector<Line> run() {
    stack_.push_back(Frame{});
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (toks_[i].comment()) {
        place_comment(i);
      } else {
        place_code(i);
      }
    }
    indent_comment_lines();
    return std::move(lines_);
  }

 private:
  /// Finds, for each `{`, whether anything up to its `}` is on another line.
  void match_braces() {
    multiline_.assign(toks_.size(), true);
    std::vector<std::size_t> open;
    std::vector<std::size_t> breaks(toks_.size() + 1, 0);  // tokens up to i that start a line
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      breaks[i + 1] = breaks[i] + ((t.newlines > 0 || t.multiline()) ? 1 : 0);
      if (t.is("{")) open.push_back(i);
      if (t.is("}") && !open.empty()) {
        // (open, close]: a break before any token after `{`, or a comment spanning lines.
        multiline_[open.back()] = breaks[i + 1] - breaks[open.back() + 1] > 0;
        open.pop_back();
      }
    }
  }

  std::size_t prev_code(std::size_t i) const {
    while (i-- > 0) {
      if (!toks_[i].comment()) return i;
    }
    return npos;
  }
  std::size_t next_code(std::size_t i) const {
    for (++i; i < toks_.size(); ++i) {
      if (!toks_[i].comment()) return i;
    }
    return npos;
  }
  bool next_is(std::size_t i, std::string_view punct) const {
    const std::size_t n = next_code(i);
    return n != npos && toks_[n].is(punct);
  }

  bool dangling(const Token& prev, const Frame& f) const {
    if (prev.kind == TokKind::Punct) {
      if (std::find(kDangling.begin(), kDangling.end(), prev.text) != kDangling.end()) return true;
      return f.in_when && (prev.text == "<" || prev.text == ">");
    }
    if (f.in_when && one_of(prev, std::array<std::string_view, 4>{"and", "or", "not", "in"}))
      return true;
    return f.kind == FrameKind::Test &&
           one_of(prev, std::array<std::string_view, 3>{"expect", "not", "on"});
  }

  /// Whether token i starts an item of the innermost block.
  bool item_start(std::size_t i) const {
    const Frame& f = stack_.back();
    if (!is_block(f.kind)) return false;
    const Token& t = toks_[i];
    const std::size_t prev = prev_code(i);
    if (prev == npos || prev == f.open) return true;
    if (f.item_codes == 1 && !f.item_keyword.empty()) return false;  // the name after a keyword
    if (dangling(toks_[prev], f)) return false;
    const bool word = t.kind == TokKind::Word;
    switch (f.kind) {
      case FrameKind::Top:
        return statement_keyword(t, grammar::kTopLevel);
      case FrameKind::Test:
        return statement_keyword(t, grammar::kInTest);
      case FrameKind::Boundary:
        return (statement_keyword(t, grammar::kInBoundary) && next_code(i) != npos &&
                toks_[next_code(i)].kind == TokKind::Word) ||
               (word && next_is(i, "="));
      case FrameKind::Attrs:
      case FrameKind::Rule:
        return word && next_is(i, "=");
      case FrameKind::Schema:
        return word && next_is(i, ":");
      case FrameKind::Enum:
        return word;
      default:
        return false;
    }
  }

  /// Starts a new output line (unless the current one is still empty).
  void new_line(bool blank) {
    if (!lines_.empty() && lines_.back().tokens.empty()) return;
    Line line;
    line.blank_before = blank && !lines_.empty() && !first_in_block_;
    first_in_block_ = false;
    lines_.push_back(std::move(line));
  }
  Line& line() {
    if (lines_.empty()) lines_.emplace_back();
    return lines_.back();
  }
  bool line_has_code() {
    for (const Placed& p : line().tokens) {
      if (!p.tok.comment()) return true;
    }
    return false;
  }

  void place_comment(std::size_t i) {
    const Token& t = toks_[i];
    if (t.newlines > 0 && !lines_.empty()) new_line(t.newlines >= 2);
    line().tokens.push_back({t, Role::Plain});
  }

  void place_code(std::size_t i) {
    const Token& t = toks_[i];
    Frame& f = stack_.back();
    const bool item = item_start(i);
    const bool closes_block = t.is("}") && is_block(f.kind) && f.kind != FrameKind::Top;
    bool brk = t.newlines > 0;
    // `{` written under its declaration joins the declaration's line.
    if (t.is("{") && opens_block(f) && i > 0 && !toks_[i - 1].comment()) brk = false;
    const bool forced =
        need_break_ || (closes_block && f.multiline) || (item && f.kind == FrameKind::Top);
    need_break_ = false;
    if (brk || (forced && line_has_code())) new_line(t.newlines >= 2 && !closes_block);
    if (!line_has_code()) {
      start_line(i, f, item, closes_block);
    } else if (item && line().kind == LineKind::Attr) {
      line().kind = LineKind::Item;  // a second item on the line: nothing to align
    }
    if (item) {
      f.item_codes = 0;
      f.in_when = f.kind == FrameKind::Rule && t.word("when");
      const bool declares = (f.kind == FrameKind::Top || f.kind == FrameKind::Boundary ||
                             f.kind == FrameKind::Test) &&
                            statement_keyword(t, grammar::kAnywhere) && !next_is(i, "=");
      f.item_keyword = declares ? t.text : "";
    }
    ++f.item_codes;
    emit(i);
  }

  /// Sets the kind, indentation and block of the line whose first code token is token i.
  void start_line(std::size_t i, const Frame& f, bool item, bool closes_block) {
    const Token& t = toks_[i];
    Line& l = line();
    l.frame = f.id;
    if (closes_block) {
      l.kind = LineKind::Close;
      l.indent = f.outer;
      l.frame = stack_.size() > 1 ? stack_[stack_.size() - 2].id : 0;
    } else if (!is_block(f.kind)) {
      l.kind = LineKind::Continuation;
      l.indent = closes(t, f) ? f.outer : f.inner;
    } else if (item) {
      const bool attr_block =
          f.kind == FrameKind::Attrs || f.kind == FrameKind::Rule || f.kind == FrameKind::Boundary;
      const bool attr =
          attr_block && t.kind == TokKind::Word && i + 1 < toks_.size() && toks_[i + 1].is("=");
      l.kind = attr ? LineKind::Attr : LineKind::Item;
      l.indent = f.inner;
    } else {
      l.kind = LineKind::Continuation;
      l.indent = f.inner + 1;
    }
  }

  static bool closes(const Token& t, const Frame& f) {
    if (f.kind == FrameKind::Angle) return t.is(">") || t.is(">=");
    return t.is("]") || t.is(")") || t.is("}");
  }

  /// Whether a `{` here opens a declaration block (else it is an inline enum's brace).
  static bool opens_block(const Frame& f) {
    return f.kind == FrameKind::Top || f.kind == FrameKind::Boundary || f.kind == FrameKind::Test;
  }

  bool in_schema() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (is_block(it->kind)) return it->kind == FrameKind::Schema;
    }
    return false;
  }

  /// Appends token i to the current line, opening or closing frames as it does.
  void emit(std::size_t i) {
    Token t = toks_[i];
    Frame& f = stack_.back();
    if (!is_block(f.kind) && closes(t, f)) {
      const bool angle = f.kind == FrameKind::Angle;
      stack_.pop_back();
      if (angle && t.is(">=")) {  // `list<T>= x`: the `>` closes the type, `=` starts the default
        line().tokens.push_back(
            {Token{TokKind::Punct, ">", t.newlines, t.column}, Role::CloseAngle});
        line().tokens.push_back({Token{TokKind::Punct, "=", 0, t.column + 1}, Role::Plain});
        return;
      }
      line().tokens.push_back({std::move(t), angle ? Role::CloseAngle : Role::CloseBracket});
      return;
    }
    if (t.is("}") && is_block(f.kind) && f.kind != FrameKind::Top) {
      need_break_ = f.multiline;
      stack_.pop_back();
      line().tokens.push_back({std::move(t), Role::CloseBlock});
      return;
    }
    if (t.is("{") && opens_block(f)) return open_block(i);
    const bool angle = t.is("<") && in_schema();
    if (t.is("[") || t.is("(") || t.is("{") || angle) {
      Frame b;
      b.kind = angle ? FrameKind::Angle : FrameKind::Bracket;
      b.open = i;
      b.outer = line().indent;
      b.inner = line().indent + 1;
      stack_.push_back(b);
      line().tokens.push_back({std::move(t), angle ? Role::OpenAngle : Role::OpenBracket});
      return;
    }
    line().tokens.push_back({std::move(t), Role::Plain});
  }

  void open_block(std::size_t i) {
    const Frame& parent = stack_.back();
    const std::string& kw = parent.item_keyword;
    auto is = [&](grammar::Keyword k) { return kw == grammar::keyword_text(k); };
    Frame b;
    b.kind = is(grammar::Keyword::Rule)         ? FrameKind::Rule
             : is(grammar::Keyword::Attributes) ? FrameKind::Schema
             : is(grammar::Keyword::Enum)       ? FrameKind::Enum
             : is(grammar::Keyword::Boundary)   ? FrameKind::Boundary
             : is(grammar::Keyword::Test)       ? FrameKind::Test
                                                : FrameKind::Attrs;
    b.open = i;
    b.outer = parent.inner;
    b.inner = parent.inner + 1;
    b.multiline = multiline_[i];
    b.id = next_id_++;
    stack_.push_back(b);
    line().tokens.push_back({toks_[i], Role::OpenBlock});
    if (b.multiline) {
      need_break_ = true;
      first_in_block_ = true;
    }
  }

  /// A comment on a line of its own is indented like the code line after it, or one level more
  /// when that line closes a block or bracket (so a comment before `}` stays inside the block).
  void indent_comment_lines() {
    int next_indent = 0;
    for (std::size_t k = lines_.size(); k-- > 0;) {
      Line& l = lines_[k];
      if (l.kind == LineKind::Comment) {
        l.indent = next_indent;
        continue;
      }
      const Placed* first = first_code(l);
      const bool closer =
          first && (first->role == Role::CloseBlock || first->role == Role::CloseBracket ||
                    first->role == Role::CloseAngle);
      next_indent = l.indent + (closer ? 1 : 0);
    }
  }
  static const Placed* first_code(const Line& l) {
    for (const Placed& p : l.tokens) {
      if (!p.tok.comment()) return &p;
    }
    return nullptr;
  }

  std::vector<Token> toks_;
  std::vector<bool> multiline_;
  std::vector<Frame> stack_;
  std::vector<Line> lines_;
  bool need_break_ = false;
  bool first_in_block_ = false;
  int next_id_ = 1;
};

}  // namespace

std::vector<Line> layout_lines(std::vector<Token> tokens) {
  return Layout(std::move(tokens)).run();
}

}  // namespace moat::format_detail
