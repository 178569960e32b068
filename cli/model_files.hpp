#pragma once
// The *.moat files under a folder, for commands that take folders as well as files (fmt, test).
#include <string>
#include <vector>

namespace moat {

/// Every regular `*.moat` file below `dir` (recursively), sorted by path so that the order of
/// the output does not depend on the file system. Unreadable subfolders end the walk quietly.
std::vector<std::string> moat_files_under(const std::string& dir);

}  // namespace moat
