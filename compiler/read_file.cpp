#include "compiler/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace moat {

namespace {

std::string too_large() {
  return "the file is larger than " + std::to_string(kMaxModelFileBytes >> 20) +
         " MiB, the limit for a model file";
}

/// Why `st` is not a file moat reads, or empty when it is a regular file.
std::string refusal(const struct stat& st) {
  if (S_ISREG(st.st_mode)) return {};
  if (S_ISDIR(st.st_mode)) return "is a directory";
  return "is not a regular file (a device, FIFO or socket)";
}

}  // namespace

// A file may grow while it is read, and a pipe has no size at all: the limit is checked on
// what arrives, not only on what fstat said.
bool read_to_end(int fd, std::string& out, std::string& error) {
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    if (out.size() + static_cast<std::size_t>(n) > kMaxModelFileBytes) {
      error = too_large();
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  out.clear();
  // O_NONBLOCK: opening a FIFO without a writer would otherwise wait for one. It does not change
  // reads of regular files, the only kind read below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0;
  if (!ok) error = std::strerror(errno);
  if (ok && !(error = refusal(st)).empty()) ok = false;
  if (ok && static_cast<std::size_t>(st.st_size) > kMaxModelFileBytes) {
    error = too_large();
    ok = false;
  }
  if (ok) {
    out.reserve(static_cast<std::size_t>(st.st_size));
    ok = read_to_end(fd, out, error);
  }
  ::close(fd);
  if (!ok) out.clear();
  return ok;
}

}  // namespace moat
