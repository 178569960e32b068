// UTF-8 byte offsets <-> UTF-16 positions, incremental edits, file URIs.
#include "lsp/text.hpp"

#include <algorithm>
#include <cctype>

namespace moat::lsp {

namespace {

/// Length in bytes of the UTF-8 sequence led by `lead` (1 for a stray continuation byte).
std::uint32_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

/// The end of line `line` (before its CR LF or LF).
std::uint32_t line_end(std::string_view text, const std::vector<std::uint32_t>& starts,
                       std::uint32_t line) {
  std::uint32_t end = line + 1 < starts.size() ? starts[line + 1] : text.size();
  if (end > starts[line] && text[end - 1] == '\n') --end;
  if (end > starts[line] && text[end - 1] == '\r') --end;
  return end;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::vector<std::uint32_t> line_starts(std::string_view text) {
  std::vector<std::uint32_t> starts{0};
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

Position position_of(std::string_view text, const std::vector<std::uint32_t>& starts,
                     std::uint32_t offset) {
  offset = std::min<std::uint32_t>(offset, text.size());
  const auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - starts.begin() - 1);
  std::uint32_t units = 0;
  for (std::uint32_t i = starts[line]; i < offset;) {
    const std::uint32_t n = sequence_length(static_cast<unsigned char>(text[i]));
    units += n == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    i += n;
  }
  return {line, units};
}

std::uint32_t offset_of(std::string_view text, const std::vector<std::uint32_t>& starts,
                        Position pos) {
  if (pos.line >= starts.size()) return text.size();
  const std::uint32_t end = line_end(text, starts, pos.line);
  std::uint32_t i = starts[pos.line], units = 0;
  while (i < end && units < pos.character) {
    const std::uint32_t n = sequence_length(static_cast<unsigned char>(text[i]));
    units += n == 4 ? 2 : 1;
    i = std::min(i + n, end);
  }
  return i;
}

bool parse_position(const nlohmann::json& j, Position& pos) {
  if (!j.is_object() || !j.contains("line") || !j.contains("character")) return false;
  const auto& l = j["line"];
  const auto& c = j["character"];
  if (!l.is_number_unsigned() || !c.is_number_unsigned()) return false;
  pos.line = static_cast<std::uint32_t>(std::min<std::uint64_t>(l.get<std::uint64_t>(), 1u << 30));
  pos.character =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(c.get<std::uint64_t>(), 1u << 30));
  return true;
}

nlohmann::json to_json(Position pos) {
  return {{"line", pos.line}, {"character", pos.character}};
}

nlohmann::json range_json(std::string_view text, const std::vector<std::uint32_t>& starts,
                          std::uint32_t begin, std::uint32_t end) {
  return {{"start", to_json(position_of(text, starts, begin))},
          {"end", to_json(position_of(text, starts, end))}};
}

bool apply_change(std::string& text, const nlohmann::json& change) {
  if (!change.is_object() || !change.contains("text") || !change["text"].is_string()) return false;
  const std::string& replacement = change["text"].get_ref<const std::string&>();
  if (!change.contains("range")) {
    text = replacement;
    return true;
  }
  const auto& range = change["range"];
  Position from, to;
  if (!range.is_object() || !parse_position(range.value("start", nlohmann::json()), from) ||
      !parse_position(range.value("end", nlohmann::json()), to)) {
    return false;
  }
  const std::vector<std::uint32_t> starts = line_starts(text);
  std::uint32_t a = offset_of(text, starts, from), b = offset_of(text, starts, to);
  if (b < a) std::swap(a, b);
  text.replace(a, b - a, replacement);
  return true;
}

std::string uri_to_path(const std::string& uri) {
  static constexpr std::string_view kScheme = "file://";
  if (uri.rfind(kScheme, 0) != 0) return {};
  std::string path;
  for (std::size_t i = kScheme.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 &&
        hex_value(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::string path_to_uri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file://";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += ch;
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

}  // namespace moat::lsp
