#pragma once
// Source files and spans. A span is a byte range in one file; lines and columns are computed
// only when a diagnostic is printed, through each file's line-start table.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moat {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

/// A byte range [begin, end) in one source file.
struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool valid() const { return file != kNoFile; }
};

/// 1-based line and column; the column counts code points, not bytes.
struct LineCol {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// One loaded source: its display path, its text and where each line starts.
struct SourceFile {
  std::string path;  ///< as shown in diagnostics (relative when the user gave it so)
  std::string text;
  bool is_stdlib = false;                  ///< an embedded standard-library module
  std::vector<std::uint32_t> line_starts;  ///< line 1 starts after a byte-order mark
};

/// Owns every source file of a compilation; FileIds index into it.
class SourceManager {
 public:
  FileId add(std::string path, std::string text, bool is_stdlib = false);
  const SourceFile& file(FileId id) const { return files_[id]; }
  std::size_t size() const { return files_.size(); }

  LineCol line_col(FileId file, std::uint32_t offset) const;
  /// The text of 1-based line `line` without its line terminator.
  std::string_view line_text(FileId file, std::uint32_t line) const;
  std::string_view text(Span span) const;

 private:
  std::vector<SourceFile> files_;
};

/// 3 when `text` starts with a UTF-8 byte-order mark (U+FEFF), else 0.
std::size_t byte_order_mark_size(std::string_view text);

/// Number of code points in a UTF-8 byte range (invalid bytes count as one each).
std::uint32_t count_code_points(std::string_view bytes);

}  // namespace moat
