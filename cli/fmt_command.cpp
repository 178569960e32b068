// `moat fmt PATH...`: rewrite model files in the canonical layout (docs/fmt.md).
//
// A file is formatted only when its model compiles: a file with errors is left alone and its
// diagnostics are printed (exit 1). A file that only makes sense inside a larger model (one that
// another file imports, say `common.moat`) does not compile on its own; it is formatted when a
// file that imports it compiles. Those are looked for among the files of the run and the *.moat
// files next to it and one directory up.
//
// A model is its root file and every file the root imports: `moat fmt root.moat` (and --check)
// formats them all, the standard library aside, so one command keeps a whole model formatted.
#include "cli/fmt_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/atomic_write.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/line_diff.hpp"
#include "cli/model_files.hpp"
#include "compiler/compile.hpp"
#include "compiler/formatter.hpp"

namespace moat::cli {

namespace fs = std::filesystem;

void add_fmt_options(CLI::App* cmd, FmtOptions& options) {
  cmd->add_option("paths", options.paths,
                  "Model files, directories (searched for *.moat), or - for standard input")
      ->required();
  cmd->add_flag("--check", options.check,
                "Write nothing; list the files that are not formatted and exit 1 if any");
  cmd->add_flag("--diff", options.diff, "Write nothing; print a unified diff of what would change");
}

namespace {

std::string identity(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

/// The files to format: those named, and the *.moat files under each directory named (sorted),
/// each once. `-` stands for standard input.
std::vector<std::string> collect(const std::vector<std::string>& paths, int& exit) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  auto add = [&](const std::string& f) {
    if (f == "-" || seen.insert(identity(f)).second) files.push_back(f);
  };
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p != "-" && fs::is_directory(p, ec)) {
      for (const std::string& f : moat_files_under(p)) add(f);
    } else if (p == "-" || fs::exists(p, ec)) {
      add(p);
    } else {
      print_error("cannot read '{}': no such file or directory", p);
      exit = std::max<int>(exit, kUsage);
    }
  }
  return files;
}

/// The standard library's prelude is loaded into every model, so a copy of it (stdlib/prelude.moat)
/// compiled on its own only redeclares the built-in one. Such a file is admitted when those
/// redeclarations are its only errors.
bool restates_prelude(const std::string& path, const Compilation& c) {
  if (fs::path(path).filename() != "prelude.moat" || c.load != LoadStatus::Ok) return false;
  for (const Diagnostic& d : c.diags.all()) {
    if (d.severity != Severity::Error) continue;
    if (d.kind != DiagKind::DuplicateId && d.kind != DiagKind::ConflictingAttribute) return false;
    const bool in_prelude = std::any_of(d.notes.begin(), d.notes.end(), [&](const DiagNote& n) {
      return n.span.valid() && c.program.sources.file(n.span.file).path == "<stdlib>/prelude.moat";
    });
    if (!in_prelude) return false;
  }
  return true;
}

/// Decides whether a file's model compiles; compiles each root once per run.
class CompileGate {
 public:
  explicit CompileGate(const std::vector<std::string>& run_files) : run_files_(run_files) {}

  /// True when `file` may be formatted; otherwise `diagnostics` says why not.
  bool admits(const std::string& file, std::string& diagnostics) {
    const Entry& own = entry(file);
    if (own.ok) return true;
    diagnostics = own.diagnostics;
    if (own.syntax_errors) return false;
    const std::string id = identity(file);
    for (const std::string& root : candidates(file)) {
      if (identity(root) == id || !may_import(root)) continue;
      const Entry& e = entry(root);
      if (e.ok && e.files.count(id)) return true;
    }
    return false;
  }

  /// The files `file` imports, directly or not, as they are named in diagnostics, in load
  /// order; none when its model does not compile.
  const std::vector<std::string>& imports_of(const std::string& file) {
    return entry(file).imports;
  }

 private:
  struct Entry {
    bool ok = false;
    bool syntax_errors = false;
    std::set<std::string> files;       ///< identities of the model files it loaded
    std::vector<std::string> imports;  ///< paths of the files it imports, when ok
    std::string diagnostics;
  };

  /// A cheap filter before compiling a candidate: a file without `import` imports nothing.
  bool may_import(const std::string& path) const {
    if (cache_.count(identity(path))) return true;
    std::string text, error;
    return read_file(path, text, error) && text.find("import") != std::string::npos;
  }

  const Entry& entry(const std::string& path) {
    const std::string id = identity(path);
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    CompileOptions options;
    options.require_model = false;  // rule libraries and rule-test files have no `model`
    const auto c = compile_file(path, options);
    Entry e;
    e.ok = c->ok() || restates_prelude(path, *c);
    e.syntax_errors = c->load == LoadStatus::SyntaxErrors;
    for (const std::string& f : model_files(*c)) {
      e.files.insert(identity(f));
      if (e.ok && identity(f) != id) e.imports.push_back(f);
    }
    if (!e.ok) e.diagnostics = render_text(c->program.sources, c->diags.sorted());
    if (c->load == LoadStatus::RootUnreadable)
      e.diagnostics = error_line("cannot read '{}': {}", path, c->io_error);
    return cache_.emplace(id, std::move(e)).first->second;
  }

  /// Files that might import `file`: the run's files, then *.moat beside it and one level up.
  std::vector<std::string> candidates(const std::string& file) const {
    std::vector<std::string> out;
    for (const std::string& f : run_files_) {
      if (f != "-") out.push_back(f);
    }
    const fs::path dir = fs::path(file).parent_path();
    for (const fs::path& d :
         {dir.empty() ? fs::path(".") : dir, (dir.empty() ? fs::path(".") : dir) / ".."}) {
      std::error_code ec;
      std::vector<std::string> found;
      for (auto it = fs::directory_iterator(d, ec); !ec && it != fs::directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".moat")
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    }
    return out;
  }

  const std::vector<std::string>& run_files_;
  std::map<std::string, Entry> cache_;
};

/// Writes `text` over `path` atomically, keeping its permissions (and following a symlink).
bool replace_file(const std::string& path, const std::string& text, std::string& error) {
  std::error_code ec;
  const std::string target = fs::is_symlink(path, ec) ? fs::canonical(path, ec).string() : path;
  const fs::perms perms = fs::status(target, ec).permissions();
  const bool known = !ec;
  if (!write_file_atomically(ec ? path : target, text, error)) return false;
  if (known) fs::permissions(target, perms, ec);
  return true;
}

class Formatter {
 public:
  Formatter(const FmtOptions& options, const std::vector<std::string>& files)
      : options_(options), gate_(files) {}

  const std::vector<std::string>& imports_of(const std::string& path) {
    return gate_.imports_of(path);
  }

  /// Formats one file; returns its exit code. A file `imported` by a model that compiled needs no
  /// other check: on its own it may not compile (its imports may lead out of its folder).
  int file(const std::string& path, bool imported = false) {
    std::string text, error;
    if (!read_file(path, text, error)) {
      print_error("cannot read '{}': {}", path, error);
      return kUsage;
    }
    std::string diagnostics;
    if (!imported && !gate_.admits(path, diagnostics)) return refuse(path, diagnostics);
    std::string formatted;
    if (!format(path, text, formatted)) return kModelErrors;
    if (formatted == text) return kOk;
    if (options_.check || options_.diff) return report(path, text, formatted);
    if (!replace_file(path, formatted, error)) {
      print_error("cannot write '{}': {}", path, error);
      return kUsage;
    }
    return kOk;
  }

  /// Formats standard input to standard output (or checks or diffs it).
  int standard_input() {
    const std::string name = "<stdin>";
    const std::string text{std::istreambuf_iterator<char>(std::cin),
                           std::istreambuf_iterator<char>()};
    CompileOptions compile;
    compile.require_model = false;
    const auto c = compile_text(name, text, compile);
    if (!c->ok()) return refuse(name, render_text(c->program.sources, c->diags.sorted()));
    std::string formatted;
    if (!format(name, text, formatted)) return kModelErrors;
    if (options_.check || options_.diff)
      return formatted == text ? kOk : report(name, text, formatted);
    std::cout << formatted << std::flush;
    return kOk;
  }

 private:
  static int refuse(const std::string& path, const std::string& diagnostics) {
    std::cerr << diagnostics << error_line("'{}' has errors; not formatted", path) << std::flush;
    return kModelErrors;
  }

  static bool format(const std::string& path, const std::string& text, std::string& formatted) {
    FormatResult r = format_checked(text);
    if (!r.ok) {
      print_error("'{}': {}", path, r.error);
      return false;
    }
    formatted = std::move(r.text);
    return true;
  }

  /// --check and --diff: print what would change; exit 1 only for --check.
  int report(const std::string& path, const std::string& text, const std::string& formatted) const {
    if (options_.diff) {
      std::cout << unified_diff(text, formatted, path) << std::flush;
    } else {
      std::cout << path << "\n" << std::flush;
    }
    return options_.check ? kModelErrors : kOk;
  }

  const FmtOptions& options_;
  CompileGate gate_;
};

}  // namespace

int run_fmt(const FmtOptions& options) {
  int exit = kOk;
  const std::vector<std::string> files = collect(options.paths, exit);
  Formatter formatter(options, files);
  std::set<std::string> done;  // identities: a file named and imported is formatted once
  for (const std::string& f : files) {
    if (f == "-") {
      exit = std::max(exit, formatter.standard_input());
      continue;
    }
    if (!done.insert(identity(f)).second) continue;
    const int own = formatter.file(f);
    exit = std::max(exit, own);
    if (own == kUsage) continue;  // unreadable: nothing to follow
    for (const std::string& imported : formatter.imports_of(f)) {
      if (done.insert(identity(imported)).second)
        exit = std::max(exit, formatter.file(imported, true));
    }
  }
  return exit;
}

}  // namespace moat::cli
