#pragma once
// --watch: run a command, then run it again whenever one of the model's source files changes
// (inotify on their folders, so editors that save by renaming are seen too). For live use in a
// threat-modeling workshop; stops on Ctrl-C. `moat serve` uses the pieces with its own loop.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace moat::cli {

/// Runs `once` (which returns its exit code and fills `sources` with the files it read), then
/// waits for a change to any of them and runs it again, forever. Returns only on error.
int watch(const std::function<int(std::vector<std::string>& sources)>& once);

/// The inotify watches on the folders of the model's files.
struct FolderWatch {
  int fd = -1;  ///< -1: inotify is not available
  std::map<int, std::string> dirs;
  std::set<std::string> names;  ///< the watched files, absolute
};

/// Starts watching the folders of `files`. Call it before saying "watching": a save that
/// follows the message at once must not be missed.
FolderWatch start_watching(const std::vector<std::string>& files);

enum class WatchEnd { Changed, Stopped, Failed };

/// Waits until a watched file was written, created or replaced (Changed), or until `stop_fd`
/// (a signalfd, say; -1: none) becomes readable (Stopped); Failed if inotify fails. Closes the
/// watch either way.
WatchEnd wait_for_change(FolderWatch& w, int stop_fd);

}  // namespace moat::cli
