#pragma once
// Where the cursor is, read from the text alone: the text being typed rarely parses, so
// completion cannot ask the syntax tree. A light scan of the text before the cursor (strings
// and comments skipped) tracks the open blocks and lists, and the tokens of the entry being
// written since the last separator (a newline, a comma, a brace).
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace moat::lsp {

struct CursorContext {
  /// False inside a string or a comment: nothing to complete there.
  bool completable = true;
  /// The keyword of the statement whose `{` block holds the cursor; empty at the top level.
  std::string block;
  /// The keywords of every enclosing block, outermost first.
  std::vector<std::string> blocks;
  /// Attribute names already written (`name =`) in the innermost block.
  std::set<std::string> written;
  /// The words and punctuation of the entry before the partial word, in order (`authn`, `=`).
  std::vector<std::string> entry;
  bool in_list = false;  ///< inside `[ ]` of the entry
  /// The partial word at the cursor (identifier characters and dots) and where it starts.
  std::string prefix;
  std::uint32_t prefix_begin = 0;

  /// The attribute being given a value (`authn` in `authn = [oi`), or empty.
  std::string value_of() const;
};

/// The context of byte `offset` of `text`.
CursorContext cursor_context(std::string_view text, std::uint32_t offset);

}  // namespace moat::lsp
