#include "cli/pdf_print.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "compiler/literals.hpp"

extern char** environ;

namespace moat::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kNodeDigits = 8;

bool executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

/// A private temporary folder, removed with everything in it when the object goes.
class TempFolder {
 public:
  /// Empty path() when no folder could be made (TMPDIR names a missing folder, say): the caller
  /// reports it instead of moat ending on an exception.
  TempFolder() {
    std::error_code ec;
    const fs::path base = fs::temp_directory_path(ec);
    if (ec) return;
    std::string pattern = (base / "moat-pdf-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool write_text(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);
  f << bytes;
  return static_cast<bool>(f.flush());
}

std::string read_all(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

/// The last line of the browser's log that is not about the desktop bus (which a headless
/// machine never has), to say why printing failed.
std::string last_log_line(const fs::path& log) {
  std::istringstream in(read_all(log));
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty() && line.find("dbus") == std::string::npos) last = line;
  }
  return last;
}

/// Runs `args` in its own process group with stdout and stderr to `log`; its exit status, or
/// -1 when it could not start, or -2 when it ran past `seconds` (the whole group is killed then,
/// and also after a normal exit, so no helper process of the browser outlives the run).
int run_with_timeout(const std::vector<std::string>& args, const fs::path& log, int seconds) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, argv[0], &files, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -2;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Replaces the timestamps Chromium writes (`/CreationDate (D:20261206074408+00'00')`) with
/// `today` at midnight UTC. Same length, so the cross-reference offsets stay right.
void pin_dates(std::string& pdf, std::int64_t today) {
  std::string date = format_date(today);  // YYYY-MM-DD
  date.erase(7, 1).erase(4, 1);
  const std::string stamp = "(D:" + date + "000000+00'00')";
  for (const std::string_view key : {"/CreationDate ", "/ModDate "}) {
    for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
      const std::size_t from = at + key.size();
      const std::size_t to = pdf.find(')', from);
      if (to != std::string::npos && to + 1 - from == stamp.size())
        pdf.replace(from, stamp.size(), stamp);
    }
  }
}

/// The offsets of the structure-tree ids Chromium writes, `(node00000019)`: the number of the
/// DOM node, which varies from run to run.
std::vector<std::size_t> node_ids(const std::string& pdf) {
  constexpr std::string_view open = "(node";
  std::vector<std::size_t> out;
  for (std::size_t at = pdf.find(open); at != std::string::npos; at = pdf.find(open, at + 1)) {
    const std::size_t digits = at + open.size();
    if (digits + kNodeDigits >= pdf.size() || pdf[digits + kNodeDigits] != ')') continue;
    if (std::all_of(pdf.begin() + digits, pdf.begin() + digits + kNodeDigits,
                    [](char c) { return c >= '0' && c <= '9'; }))
      out.push_back(digits);
  }
  return out;
}

/// Renumbers the structure-tree ids 1, 2, ... in their numeric order (so the sorted name tree
/// that maps them stays sorted), each keeping its width.
void renumber_nodes(std::string& pdf) {
  const std::vector<std::size_t> at = node_ids(pdf);
  std::vector<std::string> ids;
  for (std::size_t i : at) ids.push_back(pdf.substr(i, kNodeDigits));
  std::vector<std::string> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (std::size_t k = 0; k < at.size(); ++k) {
    const auto rank = std::lower_bound(sorted.begin(), sorted.end(), ids[k]) - sorted.begin();
    pdf.replace(at[k], kNodeDigits, fmt::format("{:08d}", rank + 1));
  }
}

}  // namespace

std::optional<std::string> find_pdf_engine() {
  if (const char* forced = std::getenv("MOAT_PDF_ENGINE"); forced != nullptr && *forced != 0) {
    if (executable(forced)) return std::string(forced);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  for (const char* name :
       {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    std::istringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
      if (!dir.empty() && executable(fs::path(dir) / name)) return (fs::path(dir) / name).string();
    }
  }
  return std::nullopt;
}

int pdf_timeout_seconds() {
  if (const char* v = std::getenv("MOAT_PDF_TIMEOUT"); v != nullptr) {
    const int seconds = std::atoi(v);
    if (seconds > 0) return seconds;
  }
  return 120;
}

PrintedPdf print_pdf(const std::string& engine, const std::string& html, std::int64_t today) {
  const TempFolder tmp;
  if (tmp.path().empty()) return {{}, "cannot create a temporary folder for the browser"};
  const fs::path page = tmp.path() / "report.html", pdf = tmp.path() / "report.pdf";
  if (!write_text(page, html)) return {{}, "cannot write the page for the browser"};
  std::vector<std::string> args = {engine,
                                   "--headless",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--disable-background-networking",
                                   "--no-pdf-header-footer",
                                   "--generate-pdf-document-outline",
                                   "--user-data-dir=" + (tmp.path() / "profile").string(),
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + page.string()};
  // Chromium cannot start its sandbox as root; the page runs no script (its CSP forbids any).
  if (::geteuid() == 0) args.insert(args.begin() + 2, "--no-sandbox");
  const int seconds = pdf_timeout_seconds();
  const int code = run_with_timeout(args, tmp.path() / "browser.log", seconds);
  if (code == -1) return {{}, fmt::format("cannot start '{}'", engine)};
  if (code == -2) return {{}, fmt::format("'{}' did not finish within {} s", engine, seconds)};
  std::string bytes = read_all(pdf);
  if (code != 0 || bytes.rfind("%PDF-", 0) != 0) {
    const std::string why = last_log_line(tmp.path() / "browser.log");
    return {{},
            fmt::format("'{}' exited with status {} without a PDF{}{}", engine, code,
                        why.empty() ? "" : ": ", why)};
  }
  pin_dates(bytes, today);
  renumber_nodes(bytes);
  return {std::move(bytes), {}};
}

}  // namespace moat::cli
