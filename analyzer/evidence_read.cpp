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

/// The line cut at kMaxExcerptLineBytes (on a UTF-8 boundary, then "…"), control characters
/// but tabs shown as U+FFFD, a final carriage return dropped.
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
  for (char ch : line) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u < 0x20 && ch != '\t') || u == 0x7F)
      out += "\xEF\xBF\xBD";
    else
      out += ch;
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
