#include "cli/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

namespace moat::cli {

namespace {

/// The process's umask, read once: reading it means setting it, which would race between the
/// threads of a build that stage files side by side.
mode_t process_umask() {
  static const mode_t mask = [] {
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return mask;
}

}  // namespace

std::string stage_file(const std::string& path, std::string_view bytes, std::string& error) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return {};
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return {};
    }
    done += static_cast<std::size_t>(n);
  }
  // Readable like any file the user creates (mkstemp makes it 0600).
  ::fchmod(fd, 0666 & ~process_umask());
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    error = std::strerror(errno);
    ::unlink(tmp.c_str());
    return {};
  }
  return tmp;
}

bool commit_staged(const std::string& tmp, const std::string& path, std::string& error) {
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

void discard_staged(const std::string& tmp) {
  ::unlink(tmp.c_str());
}

bool write_file_atomically(const std::string& path, std::string_view bytes, std::string& error) {
  const std::string tmp = stage_file(path, bytes, error);
  return !tmp.empty() && commit_staged(tmp, path, error);
}

}  // namespace moat::cli
