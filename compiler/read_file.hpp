#pragma once
// Reading a model file from disk. Only regular files are read, and only up to a size limit: a
// model names its imports, so a hostile one could otherwise name a device (`/dev/zero` never
// ends), a FIFO or a terminal (a read that blocks for ever) and stall or kill a CI job.
#include <cstddef>
#include <string>

namespace moat {

/// The largest file moat reads. Source offsets are 32-bit, and no real model comes close.
inline constexpr std::size_t kMaxModelFileBytes = std::size_t{256} << 20;

/// Reads `fd` (a file or a pipe) to its end into `out`; false with a reason on a read error or
/// once more than kMaxModelFileBytes arrive.
bool read_to_end(int fd, std::string& out, std::string& error);

/// Reads the whole regular file at `path`; false with a reason on failure (not a regular file,
/// larger than kMaxModelFileBytes, or a system error).
bool read_file(const std::string& path, std::string& out, std::string& error);

}  // namespace moat
