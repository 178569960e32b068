#include "cli/git_source.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "compiler/read_file.hpp"

extern char** environ;

namespace moat::cli {

ModelSource parse_model_source(const std::string& arg) {
  std::error_code ec;
  const std::size_t colon = arg.find(':');
  if (colon == std::string::npos || colon == 0 || std::filesystem::exists(arg, ec)) {
    return {arg, arg, ""};
  }
  return {arg, arg.substr(colon + 1), arg.substr(0, colon)};
}

namespace {

/// Reads everything from `fd` into `out`; false, with `out` cut, once more than `limit` bytes
/// arrive (a revision may hold a file of any size, as a working tree may).
bool drain(int fd, std::string& out, std::size_t limit) {
  char buf[1 << 16];
  ssize_t n = 0;
  while ((n = ::read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
    if (n <= 0) continue;
    if (out.size() + static_cast<std::size_t>(n) > limit) return false;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

bool git_show(const std::string& rev, const std::string& path, std::string& out, std::string& error) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) {
    error = "cannot create a pipe to run git";
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  std::string object = rev + ":./" + path;
  std::string git = "git", show = "show", dashes = "--no-textconv";
  char* argv[] = {git.data(), show.data(), dashes.data(), object.data(), nullptr};
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    error = "cannot run git (is it installed?)";
    return false;
  }
  // git's error output is small, so reading stdout first cannot deadlock on a full stderr pipe
  // in practice; stdout is the file itself.
  if (!drain(out_pipe[0], out, kMaxModelFileBytes)) {
    ::kill(pid, SIGKILL);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    ::waitpid(pid, nullptr, 0);
    out.clear();
    error = "the file is larger than " + std::to_string(kMaxModelFileBytes >> 20) + " MiB, the limit for a model file";
    return false;
  }
  std::string err;
  drain(err_pipe[0], err, kMaxModelFileBytes);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    error = err.empty() ? "git show failed" : err;
    return false;
  }
  return true;
}

FileReader reader_for(const ModelSource& source) {
  if (source.rev.empty()) return {};
  const std::string rev = source.rev;
  return [rev](const std::string& path, std::string& text, std::string& error) {
    // Imports resolve against the display path, which may carry the `REV:` prefix.
    std::string p = path;
    if (p.rfind(rev + ":", 0) == 0) p = p.substr(rev.size() + 1);
    return git_show(rev, p, text, error);
  };
}

}  // namespace moat::cli
