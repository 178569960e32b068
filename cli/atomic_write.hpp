#pragma once
// Writing outputs so nothing is lost: each file is written to a temporary file in the same
// directory and renamed into place, so a failed run leaves the earlier output untouched. A
// build stages all its files first and renames them only when every one was written.
#include <string>
#include <string_view>

namespace moat::cli {

/// Writes `bytes` to a new temporary file beside `path` and flushes it to disk; its name, or
/// "" with a reason in `error` (nothing left behind).
std::string stage_file(const std::string& path, std::string_view bytes, std::string& error);

/// Renames the staged file `tmp` to `path`; false with a reason (the staged file removed).
bool commit_staged(const std::string& tmp, const std::string& path, std::string& error);

/// Removes a staged file that will not be committed.
void discard_staged(const std::string& tmp);

/// Writes `bytes` to `path` atomically; false with a reason on failure (the target unchanged).
bool write_file_atomically(const std::string& path, std::string_view bytes, std::string& error);

}  // namespace moat::cli
