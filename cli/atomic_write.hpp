#pragma once
// Writing outputs so nothing is lost: each file is written to a temporary file in the same
// directory and renamed into place, so a failed run leaves the earlier output untouched.
#include <string>
#include <string_view>

namespace moat::cli {

/// Writes `bytes` to `path` atomically; false with a reason on failure (the target unchanged).
bool write_file_atomically(const std::string& path, std::string_view bytes, std::string& error);

}  // namespace moat::cli
