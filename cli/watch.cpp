#include "cli/watch.hpp"

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

/// Watches the folders of `files`; true once a listed file was written, created or replaced.
bool wait_for_change(const std::vector<std::string>& files) {
  const int fd = ::inotify_init1(IN_CLOEXEC);
  if (fd < 0) return false;
  std::map<int, fs::path> dirs;
  std::set<std::string> names;
  std::error_code ec;
  for (const std::string& f : files) {
    const fs::path p = fs::absolute(f, ec).lexically_normal();
    names.insert(p.string());
    const int wd = ::inotify_add_watch(fd, p.parent_path().c_str(),
                                       IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
    if (wd >= 0) dirs[wd] = p.parent_path();
  }
  alignas(inotify_event) char buf[64 * 1024];
  bool changed = false;
  while (!changed) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buf + i);
      if (e->len > 0 && names.count((dirs[e->wd] / e->name).string())) changed = true;
      i += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
    }
  }
  // An editor's save is often several events: let them settle, then drain them.
  pollfd p{fd, POLLIN, 0};
  while (changed && ::poll(&p, 1, 150) > 0 && ::read(fd, buf, sizeof buf) > 0) {
  }
  ::close(fd);
  return changed;
}

}  // namespace

int watch(const std::function<int(std::vector<std::string>& sources)>& once) {
  for (;;) {
    std::vector<std::string> sources;
    once(sources);
    if (sources.empty()) {
      std::cerr << "moat: error: --watch has no readable model file to watch\n";
      return 2;
    }
    std::cerr << "moat: watching " << sources.size() << " file" << (sources.size() == 1 ? "" : "s")
              << " for changes (Ctrl-C to stop)" << std::endl;
    if (!wait_for_change(sources)) {
      std::cerr << "moat: error: cannot watch the model's files (inotify)\n";
      return 2;
    }
    std::cerr << "moat: change detected; running again" << std::endl;
  }
}

}  // namespace moat::cli
