// Reading one evidence file: its digest, size and lines, and the excerpts the appendix quotes.
// The file is untrusted repository content: a FIFO or device is never opened, a huge file is not
// read, binary content is never quoted, and quoted lines are cut and cleaned of control
// characters (the renderers escape the rest for HTML and Markdown).
#include <algorithm>

#include "analyzer/evidence_pack.hpp"
#include "analyzer/sha256.hpp"
#include "compiler/parser.hpp"

namespace moat {

namespace {

std::uint32_t count_lines(const std::string& text) {
  auto n = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++n;
  return n;
}

/// The length of the invisible control character UTF-8 encodes at `line[i]`, or 0: a C1 control
/// (U+0080-U+009F), a bidirectional formatting character (U+061C, U+200E-U+200F, U+202A-U+202E,
/// U+2066-U+2069), a zero-width one (U+200B-U+200D, U+2060, U+FEFF) or a line or paragraph
/// separator (U+2028, U+2029). Quoted code is evidence: a right-to-left override would show
/// an auditor lines in another order than the compiler reads them ("Trojan Source").
std::size_t invisible_control(std::string_view line, std::size_t i) {
  auto at = [&](std::size_t k) {
    return k < line.size() ? static_cast<unsigned char>(line[k]) : 0;
  };
  const unsigned a = at(i), b = at(i + 1), c = at(i + 2);
  if (a == 0xC2 && b >= 0x80 && b <= 0x9F) return 2;
  if (a == 0xD8 && b == 0x9C) return 2;
  // U+200B-U+200F (zero-width, marks), U+2028-U+2029 (line and paragraph separators),
  // U+202A-U+202E (embeddings, overrides), U+2060 (word joiner), U+2066-U+2069 (isolates).
  if (a == 0xE2 && b == 0x80 && ((c >= 0x8B && c <= 0x8F) || (c >= 0xA8 && c <= 0xAE))) return 3;
  if (a == 0xE2 && b == 0x81 && (c == 0xA0 || (c >= 0xA6 && c <= 0xA9))) return 3;
  if (a == 0xEF && b == 0xBB && c == 0xBF) return 3;  // U+FEFF, a zero-width no-break space
  return 0;
}

/// The line cut at kMaxExcerptLineBytes (on a UTF-8 boundary, then "…"), control characters
/// but tabs (C0, DEL, C1, bidirectional formatting) shown as U+FFFD, a final carriage return
/// dropped.
std::string clean_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  bool cut = false;
  if (line.size() > kMaxExcerptLineBytes) {
    std::size_t end = kMaxExcerptLineBytes;
    while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
    line = line.substr(0, end);
    cut = true;
  }
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto u = static_cast<unsigned char>(line[i]);
    const std::size_t invisible = invisible_control(line, i);
    if ((u < 0x20 && u != '\t') || u == 0x7F || invisible > 0) {
      out += "\xEF\xBF\xBD";
      if (invisible > 0) i += invisible - 1;
    } else {
      out += line[i];
    }
  }
  if (cut) out += "\xE2\x80\xA6";
  return out;
}

}  // namespace

EvidenceFile read_evidence_file(const FileTree& tree, const std::string& real, std::string& text) {
  EvidenceFile f;
  text.clear();
  const FileStatus st = tree.status(real);
  if (!st.exists || !st.regular) {
    f.unread = "not a regular file";
    return f;
  }
  f.size = st.size;
  if (st.size > kMaxEvidenceFileBytes) {
    f.unread = "larger than 64 MiB, not read";
    return f;
  }
  std::string error;
  if (!tree.read(real, text, error)) {
    f.unread = "unreadable: " + error;
    text.clear();
    return f;
  }
  f.size = text.size();
  f.sha256 = sha256_hex(text);
  f.lines = count_lines(text);
  f.binary = first_invalid_utf8(text) != std::string::npos;  // NUL bytes included
  return f;
}

Excerpt excerpt_of(const std::string& text, std::uint32_t first, std::uint32_t last) {
  Excerpt out;
  out.first = first == 0 ? 1 : first;
  const std::uint32_t end_line = first == 0 ? UINT32_MAX : last;
  std::size_t pos = 0;
  for (std::uint32_t line = 1; pos < text.size() && line <= end_line; ++line) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (line >= out.first) {
      if (out.lines.size() == kMaxExcerptLines) {
        // Count what is left of the location without quoting it.
        const std::string_view rest(text.data() + pos, text.size() - pos);
        const auto left = static_cast<std::uint32_t>(std::count(rest.begin(), rest.end(), '\n')) +
                          (text.back() != '\n' ? 1u : 0u);
        out.omitted = std::min(left, end_line - line + 1);
        break;
      }
      out.lines.push_back(clean_line(std::string_view(text).substr(pos, nl - pos)));
    }
    pos = nl + 1;
  }
  return out;
}

}  // namespace moat
