#include "cli/git_state.hpp"

#include "cli/git_source.hpp"

#include <algorithm>
#include <set>

namespace moat::cli {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

/// `git status --porcelain -z` entries ("XY path", a rename followed by its old path), whose
/// paths are relative to the work tree's top: those below `prefix` (the folder's place in it).
void read_status(const std::string& out, const std::string& prefix, RepositoryState& state) {
  std::size_t pos = 0;
  while (pos + 3 < out.size()) {
    const std::size_t end = out.find('\0', pos);
    const std::string entry =
        out.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? out.size() : end + 1;
    const std::string xy = entry.substr(0, 2);
    if (xy[0] == 'R' || xy[0] == 'C') {
      // A rename's source follows as its own entry; without its NUL the output ends here.
      const std::size_t source_end = out.find('\0', pos);
      pos = source_end == std::string::npos ? out.size() : source_end + 1;
    }
    const std::string path = entry.size() > 3 ? entry.substr(3) : "";
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    state.changed[path.substr(prefix.size())] =
        xy == "??" || xy == "!!" || xy[0] == 'A' ? "untracked" : "modified";
  }
}

/// Files git does not track and did not list (a file in a nested repository or a submodule:
/// `status` does not look inside those) are not in this revision either: untracked.
void mark_untracked_elsewhere(const std::string& tracked, const std::string& prefix,
                              const std::vector<std::string>& files, RepositoryState& state) {
  std::set<std::string> known;
  for (std::size_t pos = 0; pos < tracked.size();) {
    const std::size_t end = std::min(tracked.find('\0', pos), tracked.size());
    const std::string path = tracked.substr(pos, end - pos);
    if (path.compare(0, prefix.size(), prefix) == 0) known.insert(path.substr(prefix.size()));
    pos = end + 1;
  }
  for (const std::string& file : files) {
    if (!known.contains(file) && !state.changed.contains(file)) state.changed[file] = "untracked";
  }
}

}  // namespace

RepositoryState git_state(const std::string& dir, const std::vector<std::string>& files) {
  RepositoryState state;
  std::string out, error;
  if (!run_git({"-C", dir, "rev-parse", "--is-inside-work-tree"}, out, error) ||
      trimmed(out) != "true") {
    state.why_none = error.rfind("cannot run git", 0) == 0 ? error : "not a git work tree";
    return state;
  }
  if (!run_git({"-C", dir, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"}, out, error)) {
    state.why_none = "the git work tree has no commit yet";
    return state;
  }
  const std::string revision = trimmed(out);
  std::string prefix;
  if (!run_git({"-C", dir, "rev-parse", "--show-prefix"}, out, error)) {
    state.why_none = "git rev-parse failed: " + error;
    return state;
  }
  prefix = trimmed(out);
  std::vector<std::string> args{"-C", dir,         "--literal-pathspecs",   "status", "--porcelain",
                                "-z", "--ignored", "--untracked-files=all", "--"};
  args.insert(args.end(), files.begin(), files.end());
  if (!run_git(std::move(args), out, error)) {
    state.why_none = "git status failed: " + error;
    return state;
  }
  read_status(out, prefix, state);
  std::vector<std::string> ls{"-C",          dir, "--literal-pathspecs", "ls-files", "-z",
                              "--full-name", "--"};
  ls.insert(ls.end(), files.begin(), files.end());
  if (!run_git(std::move(ls), out, error)) {
    state.why_none = "git ls-files failed: " + error;
    state.changed.clear();
    return state;
  }
  mark_untracked_elsewhere(out, prefix, files, state);
  state.revision = revision;
  return state;
}

}  // namespace moat::cli
