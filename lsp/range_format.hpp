#pragma once
// textDocument/rangeFormatting: `moat fmt` on the top-level statements the range touches, the
// rest of the file left as it is (it may be mid-edit and not parse).
#include <cstdint>
#include <string>
#include <string_view>

namespace moat::lsp {

/// The bytes [begin, end) of the top-level statements of `text` that bytes [from, to] touch,
/// from the first one's keyword to the last one's final non-blank character.
struct StatementRange {
  std::uint32_t begin = 0, end = 0;
};
StatementRange enclosing_statements(std::string_view text, std::uint32_t from, std::uint32_t to);

}  // namespace moat::lsp
