#include "cli/watch.hpp"

#include "cli/console.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>

namespace moat::cli {

namespace fs = std::filesystem;

namespace {

/// The inotify watches on the folders of the model's files.
struct FolderWatch {
  int fd = -1;
  std::map<int, fs::path> dirs;
  std::set<std::string> names;  ///< the watched files, absolute
};

/// Starts watching the folders of `files`. Called before "watching" is printed: a save that
/// follows the message at once must not be missed.
FolderWatch start_watching(const std::vector<std::string>& files) {
  FolderWatch w;
  w.fd = ::inotify_init1(IN_CLOEXEC);
  if (w.fd < 0) return w;
  std::error_code ec;
  for (const std::string& f : files) {
    const fs::path p = fs::absolute(f, ec).lexically_normal();
    w.names.insert(p.string());
    const int wd = ::inotify_add_watch(w.fd, p.parent_path().c_str(),
                                       IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
    if (wd >= 0) w.dirs[wd] = p.parent_path();
  }
  return w;
}

/// Waits until a watched file was written, created or replaced; false if inotify fails.
bool wait_for_change(FolderWatch& w) {
  alignas(inotify_event) char buf[64 * 1024];
  bool changed = false;
  while (!changed) {
    const ssize_t n = ::read(w.fd, buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buf + i);
      if (e->len > 0 && w.names.count((w.dirs[e->wd] / e->name).string())) changed = true;
      i += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
    }
  }
  // An editor's save is often several events: let them settle, then drain them.
  pollfd p{w.fd, POLLIN, 0};
  while (changed && ::poll(&p, 1, 150) > 0 && ::read(w.fd, buf, sizeof buf) > 0) {
  }
  ::close(w.fd);
  return changed;
}

}  // namespace

int watch(const std::function<int(std::vector<std::string>& sources)>& once) {
  for (;;) {
    std::vector<std::string> sources;
    once(sources);
    if (sources.empty()) {
      print_error("--watch has no readable model file to watch");
      return 2;
    }
    FolderWatch w = start_watching(sources);
    std::cerr << "moat: watching " << sources.size() << " file" << (sources.size() == 1 ? "" : "s")
              << " for changes (Ctrl-C to stop)" << std::endl;
    if (w.fd < 0 || !wait_for_change(w)) {
      print_error("cannot watch the model's files (inotify)");
      return 2;
    }
    std::cerr << "moat: change detected; running again" << std::endl;
  }
}

}  // namespace moat::cli
