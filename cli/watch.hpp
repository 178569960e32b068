#pragma once
// --watch: run a command, then run it again whenever one of the model's source files changes
// (inotify on their folders, so editors that save by renaming are seen too). For live use in a
// threat-modeling workshop; stops on Ctrl-C.
#include <functional>
#include <string>
#include <vector>

namespace moat::cli {

/// Runs `once` (which returns its exit code and fills `sources` with the files it read), then
/// waits for a change to any of them and runs it again, forever. Returns only on error.
int watch(const std::function<int(std::vector<std::string>& sources)>& once);

}  // namespace moat::cli
