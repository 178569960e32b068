#pragma once
// Paths that need no normalising: most scanner results and `code` locations are written as
// "src/app/main.py", and running each through std::filesystem::path::lexically_normal costs
// more than reading the result (docs/performance.md, the evidence bench).
#include <string_view>

namespace moat {

/// A relative '/'-separated path whose parts are none of "", "." and "..": it is its own
/// lexically normal form. A trailing '/' (a folder) is allowed when `folder_slash` is set.
bool is_plain_relative(std::string_view path, bool folder_slash = false);

}  // namespace moat
