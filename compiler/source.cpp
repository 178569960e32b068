#include "compiler/source.hpp"

#include <algorithm>

namespace moat {

FileId SourceManager::add(std::string path, std::string text, bool is_stdlib) {
  SourceFile f;
  f.path = std::move(path);
  f.text = std::move(text);
  f.is_stdlib = is_stdlib;
  // A UTF-8 byte-order mark (some Windows editors write one) is not part of line 1: the text
  // keeps it, so offsets stay the file's, but columns and excerpts start after it.
  f.line_starts.push_back(static_cast<std::uint32_t>(byte_order_mark_size(f.text)));
  // find() is memchr: a byte loop here was a tenth of the fuzz targets' time, which add the
  // standard library's 65 KB to every compilation.
  const std::string_view all = f.text;
  for (std::size_t i = all.find('\n'); i != std::string_view::npos; i = all.find('\n', i + 1)) {
    f.line_starts.push_back(static_cast<std::uint32_t>(i + 1));
  }
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

LineCol SourceManager::line_col(FileId file, std::uint32_t offset) const {
  const SourceFile& f = files_[file];
  const auto size = static_cast<std::uint32_t>(f.text.size());
  offset = std::clamp(offset, f.line_starts[0], std::max(f.line_starts[0], size));
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - f.line_starts.begin());
  const std::uint32_t start = f.line_starts[line - 1];
  const auto prefix = std::string_view(f.text).substr(start, offset - start);
  return {line, count_code_points(prefix) + 1};
}

std::string_view SourceManager::line_text(FileId file, std::uint32_t line) const {
  const SourceFile& f = files_[file];
  if (line == 0 || line > f.line_starts.size()) return {};
  const std::uint32_t start = f.line_starts[line - 1];
  std::uint32_t end = line < f.line_starts.size() ? f.line_starts[line] - 1
                                                  : static_cast<std::uint32_t>(f.text.size());
  if (end > start && f.text[end - 1] == '\r') --end;
  return std::string_view(f.text).substr(start, end - start);
}

std::string_view SourceManager::text(Span span) const {
  if (!span.valid()) return {};
  const auto& t = files_[span.file].text;
  if (span.begin > t.size()) return {};
  return std::string_view(t).substr(span.begin,
                                    std::min<std::size_t>(span.end, t.size()) - span.begin);
}

std::size_t byte_order_mark_size(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

std::uint32_t count_code_points(std::string_view bytes) {
  std::uint32_t n = 0;
  for (unsigned char c : bytes) {
    if ((c & 0xC0) != 0x80) ++n;  // count every byte that does not continue a sequence
  }
  return n;
}

}  // namespace moat
