#include "cli/git_source.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string_view>

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

/// The variables that point git at another repository, index or object store than the one
/// around the folder it is run in (`git rev-parse --local-env-vars`, git 2.39): a hook or a CI
/// step may have set them. Configuration variables (`GIT_CONFIG_GLOBAL`, `safe.directory` set
/// through `GIT_CONFIG_COUNT`...) stay: a CI runner may need them to read the checkout at all.
constexpr std::string_view kRepositoryVariables[] = {"GIT_ALTERNATE_OBJECT_DIRECTORIES=",
                                                     "GIT_OBJECT_DIRECTORY=",
                                                     "GIT_DIR=",
                                                     "GIT_WORK_TREE=",
                                                     "GIT_IMPLICIT_WORK_TREE=",
                                                     "GIT_GRAFT_FILE=",
                                                     "GIT_INDEX_FILE=",
                                                     "GIT_NO_REPLACE_OBJECTS=",
                                                     "GIT_REPLACE_REF_BASE=",
                                                     "GIT_PREFIX=",
                                                     "GIT_SHALLOW_FILE=",
                                                     "GIT_COMMON_DIR=",
                                                     "GIT_NAMESPACE=",
                                                     "GIT_CEILING_DIRECTORIES="};

/// The environment git runs in: the caller's, without the variables above, with messages in
/// English (moat reads some of them) and no optional lock on the index (a concurrent `git
/// commit` must not fail because moat refreshed the index behind it).
std::vector<std::string> git_environment() {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const bool repository =
        std::any_of(std::begin(kRepositoryVariables), std::end(kRepositoryVariables),
                    [&](std::string_view v) { return entry.starts_with(v); });
    if (repository || entry.starts_with("LC_ALL=") || entry.starts_with("LANGUAGE=")) continue;
    env.emplace_back(entry);
  }
  env.emplace_back("LC_ALL=C");
  env.emplace_back("GIT_OPTIONAL_LOCKS=0");
  return env;
}

}  // namespace

bool run_git(std::vector<std::string> args, std::string& out, std::string& error) {
  out.clear();
  // A repository's own configuration is not the model author's to choose in CI: `core.fsmonitor`
  // names a program git would run on `status`, so it is switched off for every call.
  args.insert(args.begin(), {"-c", "core.fsmonitor=false"});
  std::vector<std::string> env = git_environment();
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
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
  std::string git = "git";
  std::vector<char*> argv{git.data()};
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  // git starts with no signal blocked: `moat serve` blocks SIGINT and SIGTERM in its threads
  // (it reads them from a signalfd), and a git that inherited that mask would ignore Ctrl-C.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  const int rc = posix_spawnp(&pid, "git", &actions, &attributes, argv.data(), envp.data());
  posix_spawnattr_destroy(&attributes);
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
  // in practice.
  // A revision may hold a file of any size, as a working tree may: the same limit applies.
  if (!read_to_end(out_pipe[0], out, error)) {
    ::kill(pid, SIGKILL);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    ::waitpid(pid, nullptr, 0);
    out.clear();
    return false;
  }
  std::string err, ignored;
  read_to_end(err_pipe[0], err, ignored);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    error = err.empty() ? "git " + args[2] + " failed" : err;
    return false;
  }
  return true;
}

bool git_show(const std::string& rev, const std::string& path, std::string& out,
              std::string& error) {
  // stdout is the file itself.
  return run_git({"show", "--no-textconv", rev + ":./" + path}, out, error);
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
