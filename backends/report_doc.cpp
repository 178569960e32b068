#include "backends/report_doc.hpp"

#include "compiler/repositories.hpp"

namespace moat::report {

const char* tone_name(Tone t) {
  switch (t) {
    case Tone::None:
      return "none";
    case Tone::Good:
      return "good";
    case Tone::Warn:
      return "warn";
    case Tone::Bad:
      return "bad";
    case Tone::Muted:
      return "muted";
    case Tone::Info:
      return "info";
  }
  return "none";
}

Inline text(std::string s) {
  return {Inline::Kind::Text, std::move(s), {}, Tone::None};
}
Inline code(std::string s) {
  return {Inline::Kind::Code, std::move(s), {}, Tone::None};
}
Inline strong(std::string s) {
  return {Inline::Kind::Strong, std::move(s), {}, Tone::None};
}
Inline muted(std::string s) {
  return {Inline::Kind::Muted, std::move(s), {}, Tone::None};
}
Inline link(std::string location) {
  std::string shown = location;
  return {Inline::Kind::Link, std::move(shown), std::move(location), Tone::None};
}
Inline ref(std::string anchor, std::string s) {
  return {Inline::Kind::Ref, std::move(s), std::move(anchor), Tone::None};
}
Inline badge(std::string s, Tone tone) {
  return {Inline::Kind::Badge, std::move(s), {}, tone};
}
Inline br() {
  return {Inline::Kind::Break, {}, {}, Tone::None};
}
Inline nowrap(std::string s) {
  return {Inline::Kind::Nowrap, std::move(s), {}, Tone::None};
}

Cell cell(Inline piece) {
  Cell c;
  c.parts.push_back(std::move(piece));
  return c;
}
Cell cell(std::string s) {
  return cell(text(std::move(s)));
}

Cell joined(std::vector<Inline> items, bool lines) {
  Cell c;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) c.parts.push_back(lines ? br() : text(", "));
    c.parts.push_back(std::move(items[i]));
  }
  return c;
}

Block heading(std::string anchor, Cell text) {
  Block b;
  b.kind = Block::Kind::Heading;
  b.anchor = std::move(anchor);
  b.text = std::move(text);
  return b;
}
Block paragraph(Cell text) {
  Block b;
  b.kind = Block::Kind::Paragraph;
  b.text = std::move(text);
  return b;
}
Block note(Cell text) {
  Block b = paragraph(std::move(text));
  b.kind = Block::Kind::Note;
  return b;
}
Block table_block(Table table) {
  Block b;
  b.kind = Block::Kind::Table;
  b.table = std::move(table);
  return b;
}

Block excerpt_block(std::uint32_t first_line, std::vector<std::string> lines) {
  Block b;
  b.kind = Block::Kind::Excerpt;
  b.first_line = first_line;
  b.lines = std::move(lines);
  return b;
}

std::string anchor_id(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (char c : id) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.' || c == '-';
    out += keep ? c : '-';
  }
  return out;
}

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// Splits "path:12" / "path:12-20" into the path and a GitHub-style "#L12-L20" fragment.
void split_lines(std::string_view location, std::string_view& path, std::string& fragment) {
  path = location;
  const std::size_t colon = location.rfind(':');
  if (colon == std::string_view::npos) return;
  const std::string_view lines = location.substr(colon + 1);
  const std::size_t dash = lines.find('-');
  const std::string_view first = lines.substr(0, dash);
  const std::string_view last =
      dash == std::string_view::npos ? std::string_view() : lines.substr(dash + 1);
  if (!all_digits(first) || (dash != std::string_view::npos && !all_digits(last))) return;
  path = location.substr(0, colon);
  fragment = "#L" + std::string(first);
  if (!last.empty()) fragment += "-L" + std::string(last);
}

bool unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '/';
}

}  // namespace

std::optional<std::string> relative_href(std::string_view location) {
  std::string_view path;
  std::string fragment;
  split_lines(location, path, fragment);
  if (path.empty() || path.front() == '/') return std::nullopt;
  for (unsigned char c : path) {
    // ':' anywhere would let "javascript:" or "https:" (or "C:") through as a scheme.
    if (c == ':' || c == '\\' || c < 0x20 || c == 0x7f) return std::nullopt;
  }
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out + fragment;
}

std::optional<std::string> external_href(std::string_view location) {
  if (!is_url(location)) return std::nullopt;
  const std::size_t scheme = location.find("://");
  std::string out = location[4] == 's' || location[4] == 'S' ? "https" : "http";
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : location.substr(scheme)) {
    if (c < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
    // Kept as written: what a URL's structure needs. Everything else (quotes, '<', '>', spaces,
    // parentheses that would end a Markdown link, non-ASCII bytes) is percent-encoded.
    if (unreserved(c) ||
        std::string_view(":?#[]@!$&*+,;=%").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> location_href(std::string_view location) {
  if (auto external = external_href(location)) return external;
  return relative_href(location);
}

}  // namespace moat::report
