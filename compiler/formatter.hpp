#pragma once
// `moat fmt`: the canonical layout of a moat source file (docs/fmt.md). Only white space
// changes: tokens, comments and the order of everything are kept as written.
#include <string>
#include <string_view>

namespace moat {

/// The canonical layout of `source`. Meant for text that parses; on other text the result is
/// unspecified (but it never throws). Idempotent: format_source(format_source(x)) is
/// format_source(x). Text without any token formats to the empty string (or to
/// just its byte-order mark, which is kept in front).
std::string format_source(std::string_view source);

/// What format_checked returns.
struct FormatResult {
  bool ok = false;
  std::string text;   ///< the formatted source (when ok)
  std::string error;  ///< why the formatting was refused (when not ok)
};

/// format_source, then a check that the result means what `source` means: it parses, and it has
/// the same tokens and the same comments in the same order. `source` itself must parse.
FormatResult format_checked(std::string_view source);

}  // namespace moat
