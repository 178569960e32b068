#include "cli/watch.hpp"

#include "cli/console.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>

namespace moat::cli {

namespace fs = std::filesystem;

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
    if (wd >= 0) w.dirs[wd] = p.parent_path().string();
  }
  return w;
}

namespace {

/// Reads the pending events; true when one names a watched file.
bool read_events(FolderWatch& w, char* buf, std::size_t size, bool& failed) {
  const ssize_t n = ::read(w.fd, buf, size);
  if (n <= 0) {
    failed = !(n < 0 && errno == EINTR);
    return false;
  }
  bool changed = false;
  for (ssize_t i = 0; i < n;) {
    const auto* e = reinterpret_cast<const inotify_event*>(buf + i);
    if (e->len > 0 && w.names.count((fs::path(w.dirs[e->wd]) / e->name).string())) changed = true;
    i += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
  }
  return changed;
}

}  // namespace

WatchEnd wait_for_change(FolderWatch& w, int stop_fd) {
  alignas(inotify_event) char buf[64 * 1024];
  WatchEnd end = WatchEnd::Failed;
  for (bool failed = false; !failed;) {
    pollfd fds[2] = {{w.fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    if (::poll(fds, stop_fd < 0 ? 1 : 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (stop_fd >= 0 && (fds[1].revents & POLLIN)) {
      end = WatchEnd::Stopped;
      break;
    }
    if ((fds[0].revents & POLLIN) && read_events(w, buf, sizeof buf, failed)) {
      end = WatchEnd::Changed;
      break;
    }
  }
  // An editor's save is often several events: let them settle, then drain them.
  pollfd p{w.fd, POLLIN, 0};
  while (end == WatchEnd::Changed && ::poll(&p, 1, 150) > 0 && ::read(w.fd, buf, sizeof buf) > 0) {
  }
  ::close(w.fd);
  return end;
}

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
    if (w.fd < 0 || wait_for_change(w, -1) != WatchEnd::Changed) {
      print_error("cannot watch the model's files (inotify)");
      return 2;
    }
    std::cerr << "moat: change detected; running again" << std::endl;
  }
}

}  // namespace moat::cli
