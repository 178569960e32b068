#include "analyzer/locations.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <string_view>
#include <unordered_map>

#include "compiler/loader.hpp"
#include "compiler/plain_path.hpp"
#include "compiler/repositories.hpp"

namespace moat {

namespace fs = std::filesystem;

ParsedLocation parse_location(const std::string& text) {
  ParsedLocation loc{text, 0, 0};
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return loc;
  const std::string tail = text.substr(colon + 1);
  std::uint32_t a = 0, b = 0;
  const std::size_t dash = tail.find('-');
  const std::string first = tail.substr(0, dash),
                    last = dash == std::string::npos ? first : tail.substr(dash + 1);
  auto number = [](const std::string& s, std::uint32_t& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && p == s.data() + s.size() && out > 0;
  };
  if (!number(first, a) || !number(last, b) || b < a) return loc;
  return {text.substr(0, colon), a, b};
}

bool stays_inside(const std::string& path) {
  const fs::path p(path);
  if (p.is_absolute() || p.has_root_name()) return false;
  int depth = 0;
  for (const fs::path& part : p.lexically_normal()) {
    if (part == "..")
      --depth;
    else if (part != "." && !part.empty())
      ++depth;
    if (depth < 0) return false;
  }
  return true;
}

namespace {

bool is_glob(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

/// `path` is `folder` or below it; both canonical.
bool is_within(const fs::path& path, const fs::path& folder) {
  const auto mismatch = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return mismatch.first == folder.end();
}

/// The folder, as the user would reach it from here: stable across checkouts.
std::string shown_path(const fs::path& folder) {
  std::error_code ec;
  std::string shown = fs::relative(folder, fs::current_path(ec), ec).generic_string();
  return shown.empty() ? folder.generic_string() : shown;
}

/// The folder a location is checked in: the repository root, or a declared repository.
struct Base {
  std::string prefix;                        ///< "" for the root, "gitaly:" for a repository
  fs::path dir;                              ///< canonical
  std::string name = "the repository root";  ///< or "repository 'gitaly'"
  std::string in = "under";                  ///< the preposition before `name`
  std::string shown;                         ///< `dir` as the user reaches it from here
  bool usable = true;  ///< false: missing or rejected, so its locations are not checked
  bool missing = false;
  std::size_t skipped = 0;  ///< locations not checked because the folder is missing
  const RepositoryRec* rec = nullptr;
  std::vector<std::string> files;  ///< for globs, read on first use
};

class Checker {
 public:
  Checker(const ModelGraph& g, const LocationOptions& o, DiagnosticSink& d)
      : g_(g), options_(o), diags_(d), tree_(o.tree ? *o.tree : disk_) {
    std::error_code ec;
    root_.dir = fs::weakly_canonical(o.root.empty() ? fs::path(".") : fs::path(o.root), ec);
    root_.shown = shown_path(root_.dir);
  }

  LocationCheck run() {
    result_.stale.assign(g_.strings.size(), false);
    result_.resolved.assign(g_.strings.size(), {});
    for (const LocationRef& ref : g_.locations) {
      current_ = ref.string;
      const std::string& text = g_.strings[ref.string];
      if (is_url(text)) continue;  // an external reference: kept, linked, never fetched
      const RepositoryPart part = split_repository(text);
      Base* base = part.repository.empty() ? &root_ : repository(part.repository);
      if (!base) continue;  // an unknown name is a compile error; nothing to check
      if (!base->usable) {
        ++base->skipped;
        continue;
      }
      check(*base, part.path, ref.span);
    }
    for (auto& [name, base] : repositories_) {
      if (base.missing) missing_repository(base);
    }
    return std::move(result_);
  }

 private:
  bool quiet() const { return options_.quiet && !options_.strict; }
  Severity stale_severity() const { return options_.strict ? Severity::Error : Severity::Warning; }

  void stale(const Base& base, const std::string& path, Span span, const std::string& message) {
    result_.stale[current_] = true;  // quiet or not: it is no evidence
    if (quiet()) return;
    Diagnostic& d = diags_.report(DiagKind::StaleLocation, stale_severity(), span, message);
    const std::size_t slash = path.find('/');
    d.group = base.prefix + (slash == std::string::npos ? "" : path.substr(0, slash + 1));
  }

  Base* repository(const std::string& name);
  void missing_repository(const Base& base);
  void check(Base& base, const std::string& text, Span span);
  std::size_t line_count(const fs::path& file);
  bool glob_matches(Base& base, const std::string& pattern);

  void resolved(const Base& base, const std::string& path, std::string real, bool folder,
                std::vector<std::string> matches = {});

  const ModelGraph& g_;
  const LocationOptions& options_;
  DiagnosticSink& diags_;
  const FileTree disk_;
  const FileTree& tree_;
  Base root_;
  std::map<std::string, Base> repositories_;  ///< by name; resolved on first use
  std::unordered_map<std::string, std::size_t> lines_;
  LocationCheck result_;
  StringId current_;  ///< the string being checked
};

/// Resolves a declared repository's folder once. Written in the model (untrusted, like every
/// path in it), it must lie inside the workspace: the folder holding the repository root, where
/// sibling checkouts sit. A folder given with --repository comes from the command line.
Base* Checker::repository(const std::string& name) {
  if (auto it = repositories_.find(name); it != repositories_.end()) return &it->second;
  const RepositoryRec* rec = nullptr;
  for (const RepositoryRec& r : g_.repositories) {
    if (r.id == name) rec = &r;
  }
  if (!rec) return nullptr;
  Base& base = repositories_[name];
  base.prefix = name + ":";
  base.name = "repository '" + name + "'";
  base.in = "in";
  base.rec = rec;
  std::error_code ec;
  const auto given = options_.repository_folders.find(name);
  const bool trusted = given != options_.repository_folders.end();
  const fs::path written(trusted ? given->second : rec->path);
  if (!trusted && (written.is_absolute() || written.has_root_name())) {
    diags_
        .report(DiagKind::RepositoryOutsideWorkspace, rec->path_span,
                "repository '" + name + "' is at an absolute path")
        .notes.push_back({{},
                          "write its folder relative to the repository root, as in " + name +
                              " = \"../" + name + "\""});
    base.usable = false;
    return &base;
  }
  base.dir = fs::weakly_canonical(trusted ? written : root_.dir / written, ec);
  base.shown = shown_path(base.dir);
  const fs::path workspace = root_.dir.parent_path();
  if (!trusted && !is_within(base.dir, workspace)) {
    diags_
        .report(DiagKind::RepositoryOutsideWorkspace, rec->path_span,
                "repository '" + name + "' at '" + rec->path +
                    "' is outside the folder that holds the repository root (" +
                    shown_path(workspace) + ")")
        .notes.push_back({{},
                          "a model may name its own tree or a sibling checkout; give another "
                          "folder on the command line: --repository " +
                              name + "=DIR"});
    base.usable = false;
    return &base;
  }
  if (!tree_.status(base.dir.string()).directory) {
    base.usable = false;
    base.missing = true;
  }
  return &base;
}

void Checker::missing_repository(const Base& base) {
  if (quiet()) return;
  const std::string count = std::to_string(base.skipped) + " code location" +
                            (base.skipped == 1 ? " is" : "s are") + " not checked";
  Diagnostic& d = diags_.report(
      DiagKind::MissingRepository, stale_severity(),
      options_.repository_folders.count(base.rec->id) ? Span{} : base.rec->path_span,
      "repository '" + base.rec->id + "' is not checked out at '" + base.shown + "': its " + count);
  d.notes.push_back({{},
                     "check it out there, give its folder with --repository " + base.rec->id +
                         "=DIR, or pass --quiet-locations"});
}

void Checker::check(Base& base, const std::string& text, Span span) {
  const ParsedLocation loc = parse_location(text);
  const std::string written = base.prefix + loc.path;
  if (!stays_inside(loc.path)) {
    diags_
        .report(DiagKind::LocationOutsideRoot, span,
                "code location '" + written + "' is not inside " + base.name)
        .notes.push_back({{}, "write it relative to " + base.name + " (" + base.shown + ")"});
    return;
  }
  if (is_glob(loc.path)) {
    if (!glob_matches(base, loc.path)) {
      stale(base, loc.path, span,
            "no file " + base.in + " " + base.name + " matches '" + written + "'");
    }
    return;
  }
  const FileStatus status = tree_.status((base.dir / loc.path).string());
  if (!status.exists) {
    stale(base, loc.path, span,
          "code location '" + written + "' does not exist " + base.in + " " + base.name + " (" +
              base.shown + ")");
    return;
  }
  // A symlink may point anywhere: the resolved path must still be inside the folder.
  const fs::path real(status.real);
  if (real.empty() || !is_within(real, base.dir)) {
    diags_.report(DiagKind::LocationOutsideRoot, span,
                  "code location '" + written + "' resolves outside " + base.name);
    return;
  }
  resolved(base, loc.path, status.real, status.directory);
  if (loc.first == 0) return;
  const std::size_t lines = line_count(real);
  if (loc.last > lines) {
    stale(base, loc.path, span,
          "line " + std::to_string(loc.last) + " is past the end of '" + written + "' (" +
              std::to_string(lines) + (lines == 1 ? " line)" : " lines)"));
  }
}

void Checker::resolved(const Base& base, const std::string& path, std::string real, bool folder,
                       std::vector<std::string> matches) {
  ResolvedLocation& r = result_.resolved[current_];
  r.checked = true;
  r.repository = base.rec ? base.rec->id : "";
  r.dir = base.dir.string();
  r.path = path;
  r.real = std::move(real);
  r.folder = folder;
  r.matches = std::move(matches);
}

std::size_t Checker::line_count(const fs::path& file) {
  auto it = lines_.find(file.string());
  if (it != lines_.end()) return it->second;
  std::string text, error;
  std::size_t n = 0;
  if (tree_.read(file.string(), text, error)) {
    n = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n') ++n;
  }
  lines_.emplace(file.string(), n);
  return n;
}

bool Checker::glob_matches(Base& base, const std::string& pattern) {
  if (base.files.empty()) {
    tree_.walk(base.dir.string(), [&](const TreeEntry& e) {
      if (e.directory) return fs::path(e.path).filename() != ".git";
      if (e.regular) base.files.push_back(e.path);
      return true;
    });
    std::sort(base.files.begin(), base.files.end());
  }
  std::vector<std::string> matches;
  for (const std::string& f : base.files) {
    if (::fnmatch(pattern.c_str(), f.c_str(), 0) == 0) matches.push_back(f);
  }
  if (matches.empty()) return false;
  resolved(base, pattern, "", false, std::move(matches));
  return true;
}

}  // namespace

LocationCheck check_locations(const ModelGraph& g, const LocationOptions& options,
                              DiagnosticSink& diags) {
  return Checker(g, options, diags).run();
}

bool location_covers(const std::string& location, const std::string& file, std::uint32_t line) {
  if (is_url(location) || !split_repository(location).repository.empty()) return false;
  const ParsedLocation loc = parse_location(location);
  const bool in_range = loc.first == 0 || line == 0 || (line >= loc.first && line <= loc.last);
  if (is_glob(loc.path)) return in_range && ::fnmatch(loc.path.c_str(), file.c_str(), 0) == 0;
  if (is_plain_relative(loc.path, true) && is_plain_relative(file)) {
    // Both are their own normal forms: the folder test is a prefix test on the text.
    std::string_view folder = loc.path;
    if (folder.back() == '/') folder.remove_suffix(1);
    return in_range && file.size() >= folder.size() &&
           file.compare(0, folder.size(), folder) == 0 &&
           (file.size() == folder.size() || file[folder.size()] == '/');
  }
  const fs::path written = fs::path(loc.path).lexically_normal();
  if (written.empty() || written == ".") return in_range;  // the whole repository
  const fs::path target = fs::path(file).lexically_normal();
  const fs::path folder = written.has_filename() ? written : written.parent_path();
  return in_range && (target == folder || is_within(target, folder));
}

}  // namespace moat
