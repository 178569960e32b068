// The scan behind CursorContext: tokens up to the cursor, blocks and lists, the current entry.
#include "lsp/cursor_context.hpp"

namespace moat::lsp {

namespace {

bool word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// The end of the word starting at `i`: identifier characters, dots, and dashes not part of
/// an arrow.
std::size_t word_end(std::string_view text, std::size_t i, std::size_t limit) {
  while (i < limit) {
    const char c = text[i];
    const bool dash = c == '-' && !(i + 1 < text.size() && text[i + 1] == '>');
    if (!word_start(c) && c != '.' && !dash) break;
    ++i;
  }
  return i;
}

struct Frame {
  std::string keyword;
  std::set<std::string> written;
};

class Scanner {
 public:
  Scanner(std::string_view text, std::uint32_t offset) : text_(text), limit_(offset) {}

  CursorContext run() {
    CursorContext c;
    std::size_t i = 0;
    std::size_t last_word_begin = limit_ + 1;
    while (i < limit_) {
      const char ch = text_[i];
      if (ch == '"') {
        i = skip_string(i, c);
      } else if (text_.substr(i, 2) == "//") {
        const std::size_t eol = text_.find('\n', i);
        if (eol == std::string_view::npos || eol >= limit_) c.completable = false;
        i = eol == std::string_view::npos ? text_.size() : eol;
      } else if (text_.substr(i, 2) == "/*") {
        const std::size_t close = text_.find("*/", i + 2);
        if (close == std::string_view::npos || close + 2 > limit_) c.completable = false;
        i = close == std::string_view::npos ? text_.size() : close + 2;
      } else if (word_start(ch)) {
        const std::size_t end = word_end(text_, i, limit_);
        last_word_begin = i;
        entry_.emplace_back(text_.substr(i, end - i));
        i = end;
      } else {
        punct(i);
        ++i;
      }
    }
    finish(c, last_word_begin);
    return c;
  }

 private:
  std::size_t skip_string(std::size_t i, CursorContext& c) {
    for (++i; i < text_.size() && text_[i] != '"' && text_[i] != '\n'; ++i) {
      if (text_[i] == '\\') ++i;
    }
    if (i >= limit_) c.completable = false;  // the cursor is inside the string
    entry_.emplace_back("\"");
    return i + 1;
  }

  void punct(std::size_t& i) {
    const char ch = text_[i];
    switch (ch) {
      case '\n':
      case ',':
        if (lists_ == 0) entry_.clear();
        return;
      case '{':
        frames_.push_back({entry_.empty() ? std::string() : entry_.front(), {}});
        entry_.clear();
        lists_ = 0;
        return;
      case '}':
        if (!frames_.empty()) frames_.pop_back();
        entry_.clear();
        lists_ = 0;
        return;
      case '[':
        ++lists_;
        break;
      case ']':
        if (lists_ > 0) --lists_;
        break;
      case '=':
        if (i + 1 < limit_ && text_[i + 1] == '=') {
          entry_.emplace_back("==");
          ++i;
          return;
        }
        if (entry_.size() == 1 && !frames_.empty()) frames_.back().written.insert(entry_.front());
        break;
      case '-':
      case '<':
        if (text_.substr(i, 2) == "->" || text_.substr(i, 3) == "<->") {
          i += ch == '<' ? 2 : 1;
          entry_.emplace_back("->");
          return;
        }
        break;
      case ' ':
      case '\t':
      case '\r':
        return;
      default:
        break;
    }
    entry_.emplace_back(1, ch);
  }

  void finish(CursorContext& c, std::size_t last_word_begin) {
    // A word reaching the cursor is the partial word being completed, not part of the entry.
    if (!entry_.empty() && last_word_begin < limit_ &&
        last_word_begin + entry_.back().size() == limit_ && word_start(text_[last_word_begin])) {
      c.prefix = entry_.back();
      c.prefix_begin = static_cast<std::uint32_t>(last_word_begin);
      entry_.pop_back();
    } else {
      c.prefix_begin = limit_;
    }
    for (const Frame& f : frames_) c.blocks.push_back(f.keyword);
    if (!frames_.empty()) {
      c.block = frames_.back().keyword;
      c.written = frames_.back().written;
    }
    c.entry = std::move(entry_);
    c.in_list = lists_ > 0;
  }

  std::string_view text_;
  std::size_t limit_;
  std::vector<Frame> frames_;
  std::vector<std::string> entry_;
  int lists_ = 0;
};

}  // namespace

std::string CursorContext::value_of() const {
  if (entry.size() >= 2 && entry[1] == "=") return entry[0];
  return {};
}

CursorContext cursor_context(std::string_view text, std::uint32_t offset) {
  if (offset > text.size()) offset = static_cast<std::uint32_t>(text.size());
  return Scanner(text, offset).run();
}

}  // namespace moat::lsp
