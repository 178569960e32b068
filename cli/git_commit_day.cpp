#include "cli/git_commit_day.hpp"

#include <charconv>
#include <filesystem>
#include <string_view>

#include "cli/git_source.hpp"

namespace moat::cli {

std::int64_t git_commit_day(const std::string& path, std::string& why) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  // Asked from the file's own folder, so a log in a nested repository is judged by that one.
  const std::string dir = file.has_parent_path() ? file.parent_path().string() : ".";
  const std::string name = file.filename().string();
  std::string out, error;
  std::error_code link_error;
  if (fs::is_symlink(fs::symlink_status(file, link_error))) {
    // git keeps the link's history; the log it points to may never have been committed.
    why = "it is a symbolic link, and git dates the link, not the log";
    return -1;
  }
  if (!run_git({"-C", dir, "rev-parse", "--is-inside-work-tree"}, out, error) ||
      out.rfind("true", 0) != 0) {
    why = error.rfind("cannot run git", 0) == 0 ? "git cannot be run here"
                                                : "it is not in a git work tree";
    return -1;
  }
  // Untracked, ignored, added, modified or deleted: the commit's date is not this file's.
  if (!run_git({"-C", dir, "--literal-pathspecs", "status", "--porcelain", "-z", "--ignored",
                "--untracked-files=all", "--", name},
               out, error)) {
    why = "git status failed on it";
    return -1;
  }
  if (!out.empty()) {
    const std::string xy = out.substr(0, 2);
    why = xy == "??" || xy == "!!" || xy[0] == 'A' ? "it is not committed to git"
                                                   : "it differs from its last commit";
    return -1;
  }
  if (!run_git({"-C", dir, "--literal-pathspecs", "log", "-1", "--format=%ct %P", "--", name}, out,
               error) ||
      out.empty()) {
    why = "it is not committed to git";
    return -1;
  }
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(out.data(), out.data() + out.size(), seconds);
  if (ec != std::errc() || seconds < 0) {
    why = "git gave no date for its last commit";
    return -1;
  }
  // In a shallow clone (CI's default checkout) the oldest commit fetched seems to add every
  // file: a log last changed long before would take that commit's day and pass for fresh.
  const bool parentless =
      std::string_view(end, out.data() + out.size()).find_first_not_of(" \r\n") ==
      std::string_view::npos;
  if (parentless && run_git({"-C", dir, "rev-parse", "--is-shallow-repository"}, out, error) &&
      out.rfind("true", 0) == 0) {
    why =
        "its clone is shallow, so the commit that last changed it may not be fetched "
        "(check out the whole history, e.g. fetch-depth: 0)";
    return -1;
  }
  return seconds / 86400;
}

}  // namespace moat::cli
