// The formatter's lexer: a small, forgiving tokenizer for moat source. It recognises the same
// lexemes as the grammar (grammar/grammar.hpp) but never fails: the formatter only runs on files
// that compiled, and its result is checked afterwards (formatter.cpp), so on malformed input it
// only has to terminate.
#include <algorithm>

#include "compiler/format_internal.hpp"
#include "compiler/source.hpp"

namespace moat::format_detail {

bool Token::multiline() const {
  return kind == TokKind::BlockComment && text.find('\n') != std::string::npos;
}

namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}

/// Punctuation, longest first, so `<->` wins over `<=` and `<`.
constexpr std::string_view kPunct[] = {"<->", "->", "==", "!=", "<=", ">="};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    while (skip_space()) out_.push_back(next());
    return out_;
  }

 private:
  /// Skips white space, counting line breaks; false at the end of the input.
  bool skip_space() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\n') {
        ++newlines_;
        line_start_ = i_ + 1;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
        return true;
      }
      ++i_;
    }
    return false;
  }

  Token next() {
    Token t;
    t.newlines = newlines_;
    t.column = count_code_points(s_.substr(line_start_, i_ - line_start_));
    newlines_ = 0;
    const std::size_t start = i_;
    t.kind = scan();
    t.text = std::string(s_.substr(start, i_ - start));
    if (t.kind == TokKind::LineComment) trim_right(t.text);
    if (t.kind == TokKind::BlockComment) drop_carriage_returns(t.text);
    return t;
  }

  TokKind scan() {
    const std::string_view rest = s_.substr(i_);
    if (rest.starts_with("//")) {
      i_ = std::min(s_.find('\n', i_), s_.size());
      return TokKind::LineComment;
    }
    if (rest.starts_with("/*")) {
      const std::size_t end = s_.find("*/", i_ + 2);
      i_ = end == std::string_view::npos ? s_.size() : end + 2;
      return TokKind::BlockComment;
    }
    if (rest[0] == '"') return scan_string();
    if (name_char(rest[0]) || rest[0] == '.' ||
        (rest[0] == '-' && rest.size() > 1 && digit(rest[1]))) {
      scan_word();
      return TokKind::Word;
    }
    for (std::string_view p : kPunct) {
      if (rest.starts_with(p)) {
        i_ += p.size();
        return TokKind::Punct;
      }
    }
    // One byte, or one whole UTF-8 sequence, so a stray character is never split.
    ++i_;
    while (i_ < s_.size() && (static_cast<unsigned char>(s_[i_]) & 0xC0) == 0x80) ++i_;
    return TokKind::Punct;
  }

  TokKind scan_string() {
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\n') i_ += s_[i_] == '\\' ? 2 : 1;
    if (i_ < s_.size() && s_[i_] == '"') ++i_;
    i_ = std::min(i_, s_.size());
    return TokKind::String;
  }

  /// Name characters and dots; a `-` only when a name character follows (`payment-webhook`,
  /// `2027-03-01`), so `api->db` stays three tokens.
  void scan_word() {
    ++i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (name_char(c) || c == '.') {
        ++i_;
      } else if (c == '-' && i_ + 1 < s_.size() && name_char(s_[i_ + 1])) {
        i_ += 2;
      } else {
        break;
      }
    }
  }

  static void trim_right(std::string& s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  }
  static void drop_carriage_returns(std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
      if (s[k] == '\r' && k + 1 < s.size() && s[k + 1] == '\n') continue;
      out.push_back(s[k]);
    }
    s = std::move(out);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t line_start_ = 0;
  int newlines_ = 0;
  std::vector<Token> out_;
};

}  // namespace

std::vector<Token> lex(std::string_view source) {
  return Lexer(source).run();
}

}  // namespace moat::format_detail
