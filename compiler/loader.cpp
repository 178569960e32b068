#include "compiler/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "compiler/import_root.hpp"
#include "compiler/parser.hpp"
#include "compiler/stdlib_modules.hpp"
#include "compiler/suggest.hpp"

namespace moat {

namespace fs = std::filesystem;

std::vector<const ast::Module*> Program::ordered() const {
  std::vector<const ast::Module*> out;
  out.reserve(modules.size());
  for (const auto& m : modules) out.push_back(m.get());
  return out;
}

std::shared_ptr<const ast::Module> StdlibCache::find(const SourceFile& source, FileId file) const {
  const auto it = modules_.find({source.path, file});
  return it == modules_.end() ? nullptr : it->second;
}

void StdlibCache::keep(const SourceFile& source, FileId file,
                       std::shared_ptr<const ast::Module> module) {
  modules_.emplace(std::make_pair(source.path, file), std::move(module));
}

namespace {

class Loader {
 public:
  Loader(Program& program, DiagnosticSink& diags, const std::string& root_folder,
         StdlibCache* stdlib, FileReader reader = {})
      : program_(program),
        diags_(diags),
        root_(root_folder),
        stdlib_(stdlib),
        read_(reader ? std::move(reader) : FileReader(read_file)) {}

  bool load_root(const std::string& display, std::string text, const fs::path& identity) {
    use_module("prelude", {});
    root_file_ = program_.sources.add(display, std::move(text));
    loaded_.insert(identity.string());
    return load_file(root_file_, identity);
  }

 private:
  bool load_file(FileId file, const fs::path& identity) {
    std::shared_ptr<const ast::Module> module;
    bool ok = parse(file, module);
    const ast::Module& m = *module;
    stack_.push_back(identity.string());
    // Modules first, so that stdlib declarations precede the model's in load order.
    for (const ast::UseDecl& u : m.uses) ok = use_module(u.module.name, u.module.span) && ok;
    program_.modules.push_back(std::move(module));
    for (const ast::ImportDecl& i : m.imports) ok = import_file(file, i) && ok;
    stack_.pop_back();
    return ok;
  }

  /// Parses `file`, or takes it from the stdlib cache when it is a module parsed there before.
  bool parse(FileId file, std::shared_ptr<const ast::Module>& out) {
    const SourceFile& source = program_.sources.file(file);
    const bool cached = stdlib_ && source.is_stdlib;
    if (cached && (out = stdlib_->find(source, file))) return true;
    auto module = std::make_shared<ast::Module>();
    const std::size_t reported = diags_.all().size();
    const bool ok = parse_module(program_.sources, file, *module, diags_);
    // Only a module that parsed without a word is kept: a later compilation would not repeat it.
    if (cached && ok && diags_.all().size() == reported) stdlib_->keep(source, file, module);
    out = std::move(module);
    return ok;
  }

  bool use_module(const std::string& name, Span where) {
    if (!used_.insert(name).second) return true;
    std::vector<std::string_view> names;
    for (const StdlibModule& mod : stdlib_modules()) {
      if (mod.name == name) {
        const FileId file =
            program_.sources.add("<stdlib>/" + name + ".moat", std::string(mod.text), true);
        return load_file(file, "<stdlib>/" + name);
      }
      if (mod.name != "prelude") names.push_back(mod.name);
    }
    // The embedded table is sorted by file name (stride.cicd.moat before stride.moat).
    std::sort(names.begin(), names.end());
    std::string known;
    for (std::string_view n : names) known += (known.empty() ? "" : ", ") + std::string(n);
    auto& d = diags_.report(DiagKind::UnknownModule, where,
                            "unknown module '" + name + "'; the standard library has: " + known);
    DiagnosticSink::suggest(d, closest_match(name, names));
    return false;
  }

  bool import_file(FileId from, const ast::ImportDecl& imp) {
    const SourceFile& importer = program_.sources.file(from);
    if (importer.is_stdlib) {
      diags_.report(DiagKind::FileNotFound, imp.span,
                    "cannot read '" + imp.path + "': standard-library modules cannot import files");
      return false;
    }
    const fs::path display = (fs::path(importer.path).parent_path() / imp.path).lexically_normal();
    // Before anything else: a path outside the root folder is never read, nor compared with
    // the files already loaded.
    if (!inside_root(imp, display)) return false;
    std::error_code ec;
    fs::path identity = fs::weakly_canonical(display, ec);
    if (ec) identity = display;
    if (in_cycle(imp, identity)) return false;
    if (loaded_.count(identity.string())) return true;  // already loaded (diamond)
    if (!within_limits(imp)) return false;
    loaded_.insert(identity.string());
    std::string text, error;
    if (!read_(display.string(), text, error)) {
      diags_.report(DiagKind::FileNotFound, imp.span,
                    "cannot read '" + display.string() + "': " + error);
      return false;
    }
    const FileId file = program_.sources.add(display.string(), std::move(text));
    return load_file(file, identity);
  }

  bool inside_root(const ast::ImportDecl& imp, const fs::path& display) {
    const ImportPlace place = root_.place(imp.path, display);
    if (place == ImportPlace::Inside) return true;
    std::string message = "import '" + imp.path + "' ";
    if (place == ImportPlace::Absolute)
      message += "is an absolute path";
    else if (place == ImportPlace::Escapes)
      message += "leads out of the root folder";
    else
      message += "leads out of the root folder through a symbolic link";
    auto& d = diags_.report(DiagKind::ImportOutsideRoot, imp.span, std::move(message));
    d.notes.push_back({{},
                       "imports must stay inside '" + root_.shown() +
                           "' (--root; by default the repository's work tree, else the root "
                           "file's folder); write the path relative to the importing file"});
    return false;
  }

  bool in_cycle(const ast::ImportDecl& imp, const fs::path& identity) {
    const auto first = std::find(stack_.begin(), stack_.end(), identity.string());
    if (first == stack_.end()) return false;
    std::string chain;
    for (auto it = first; it != stack_.end(); ++it)
      chain += fs::path(*it).filename().string() + " -> ";
    diags_.report(DiagKind::ImportCycle, imp.span,
                  "import cycle: " + chain + identity.filename().string());
    return true;
  }

  // Each limit is reported once, at the first import past it: the imports after it would only
  // repeat the message (a model importing 5,000 files gave 904 errors).
  bool within_limits(const ast::ImportDecl& imp) {
    if (stack_.size() >= kMaxImportDepth) {
      if (!depth_reported_) {
        diags_.report(
            DiagKind::ImportLimit, imp.span,
            "imports are nested deeper than " + std::to_string(kMaxImportDepth) + " levels");
      }
      depth_reported_ = true;
      return false;
    }
    if (loaded_.size() - 1 >= kMaxImportedFiles) {  // the root file is in loaded_ too
      if (!count_reported_) {
        diags_.report(DiagKind::ImportLimit, imp.span,
                      "too many imported files: a model can import at most " +
                          std::to_string(kMaxImportedFiles) + " files");
      }
      count_reported_ = true;
      return false;
    }
    return true;
  }

  Program& program_;
  DiagnosticSink& diags_;
  std::set<std::string> used_;
  ImportRoot root_;
  StdlibCache* stdlib_;
  FileId root_file_ = kNoFile;
  std::set<std::string> loaded_;
  bool depth_reported_ = false;
  bool count_reported_ = false;
  std::vector<std::string> stack_;
  FileReader read_;
};

}  // namespace

LoadStatus load_program(const std::string& path, Program& program, DiagnosticSink& diags,
                        std::string& io_error, const FileReader& reader,
                        const std::string& import_root, StdlibCache* stdlib) {
  std::string text;
  const FileReader read = reader ? reader : FileReader(read_file);
  if (!read(path, text, io_error)) return LoadStatus::RootUnreadable;
  std::error_code ec;
  fs::path identity = fs::weakly_canonical(path, ec);
  if (ec) identity = path;
  const std::string root =
      import_root.empty() ? fs::path(path).parent_path().string() : import_root;
  Loader loader(program, diags, root, stdlib, read);
  return loader.load_root(path, std::move(text), identity) ? LoadStatus::Ok
                                                           : LoadStatus::SyntaxErrors;
}

LoadStatus load_program_text(const std::string& display_path, std::string text, Program& program,
                             DiagnosticSink& diags, StdlibCache* stdlib) {
  Loader loader(program, diags, fs::path(display_path).parent_path().string(), stdlib);
  return loader.load_root(display_path, std::move(text), display_path) ? LoadStatus::Ok
                                                                       : LoadStatus::SyntaxErrors;
}

}  // namespace moat
