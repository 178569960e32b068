#pragma once
// Paths for the SARIF and CSV backends: code locations as written in a model ("src/api/",
// "src/x.ts:12", "a.ts:3-9"), paths made relative to the repository root, URI references, and
// the stable hash used for SARIF fingerprints.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace moat {

/// A `location` value taken apart as the analyzer reads it (analyzer/locations.hpp), plus what
/// SARIF needs to know: whether it names a directory, a glob or a URL.
struct CodeLocation {
  std::string path;               ///< without the line part or a trailing '/'
  std::uint32_t first_line = 0;   ///< 0 when no line was given
  std::uint32_t last_line = 0;    ///< equals first_line for a single line
  bool directory = false;         ///< written with a trailing '/'
  bool glob = false;              ///< contains '*', '?' or '['
  bool external = false;          ///< a URL ("https://...") rather than a path
  bool other_repository = false;  ///< in a repository the model declares ("gitaly:internal/")
};

CodeLocation parse_code_location(const std::string& text);

/// `path` (relative to the working directory, or absolute) relative to `root`, with forward
/// slashes and symlinks resolved; nullopt when it lies outside `root`.
std::optional<std::string> source_path_in_repo(const std::string& path, const std::string& root);

/// A code location's path (relative to `root`, or absolute) normalised relative to `root`;
/// nullopt when it lies outside `root` or names `root` itself.
std::optional<std::string> code_path_in_repo(const std::string& path, const std::string& root);

/// A relative path as a URI reference: every byte but unreserved characters, '/' and the
/// sub-delimiters allowed in a path segment is percent-encoded (so ':', spaces, '<', '%', '#',
/// '?', brackets and non-ASCII bytes are).
std::string uri_reference(std::string_view relative_path);

/// 64-bit FNV-1a of `text` as 16 lowercase hex digits.
std::string fnv1a64_hex(std::string_view text);

}  // namespace moat
