#pragma once
// Text positions as LSP counts them: 0-based lines and UTF-16 code units within a line, while
// the compiler's spans are byte offsets into UTF-8 text. Every conversion goes through here.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace moat::lsp {

/// An LSP Position: 0-based line, UTF-16 code units from the start of the line.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
};

/// Byte offsets of the start of each line of `text` (lines end at LF; a CR before it belongs
/// to the line's end).
std::vector<std::uint32_t> line_starts(std::string_view text);

/// The position of byte `offset` of `text` (clamped to the text).
Position position_of(std::string_view text, const std::vector<std::uint32_t>& starts,
                     std::uint32_t offset);
/// The byte offset of `pos` (a line past the end: the end; a character past the line: its end).
std::uint32_t offset_of(std::string_view text, const std::vector<std::uint32_t>& starts,
                        Position pos);

/// Reads an LSP Position from JSON; false when it is not one.
bool parse_position(const nlohmann::json& j, Position& pos);
nlohmann::json to_json(Position pos);
/// An LSP Range of bytes [begin, end) of `text`.
nlohmann::json range_json(std::string_view text, const std::vector<std::uint32_t>& starts,
                          std::uint32_t begin, std::uint32_t end);

/// Applies one `contentChanges` entry of didChange (with a range: incremental; without: the
/// whole text). False when the change is malformed.
bool apply_change(std::string& text, const nlohmann::json& change);

/// `file:///a%20b/c.moat` -> `/a b/c.moat`; empty when `uri` is not a file URI.
std::string uri_to_path(const std::string& uri);
/// `/a b/c.moat` -> `file:///a%20b/c.moat`.
std::string path_to_uri(const std::string& path);

}  // namespace moat::lsp
