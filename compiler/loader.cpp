#include "compiler/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <cstdio>
#include <set>

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

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "is a directory";
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = std::strerror(errno);
    return false;
  }
  out.clear();
  char buf[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) error = "read error";
  return !failed;
}

namespace {

class Loader {
 public:
  Loader(Program& program, DiagnosticSink& diags, FileReader reader = {})
      : program_(program), diags_(diags), read_(reader ? std::move(reader) : FileReader(read_file)) {}

  bool load_root(const std::string& display, std::string text, const fs::path& identity) {
    use_module("prelude", {});
    const FileId file = program_.sources.add(display, std::move(text));
    loaded_.insert(identity.string());
    return load_file(file, identity);
  }

 private:
  bool load_file(FileId file, const fs::path& identity) {
    auto module = std::make_unique<ast::Module>();
    bool ok = parse_module(program_.sources, file, *module, diags_);
    const ast::Module& m = *module;
    stack_.push_back(identity.string());
    // Modules first, so that stdlib declarations precede the model's in load order.
    for (const ast::UseDecl& u : m.uses) ok = use_module(u.module.name, u.module.span) && ok;
    program_.modules.push_back(std::move(module));
    for (const ast::ImportDecl& i : m.imports) ok = import_file(file, i) && ok;
    stack_.pop_back();
    return ok;
  }

  bool use_module(const std::string& name, Span where) {
    if (!used_.insert(name).second) return true;
    std::vector<std::string_view> names;
    for (const StdlibModule& mod : stdlib_modules()) {
      if (mod.name == name) {
        const FileId file = program_.sources.add("<stdlib>/" + name + ".moat",
                                                 std::string(mod.text), true);
        return load_file(file, "<stdlib>/" + name);
      }
      if (mod.name != "prelude") names.push_back(mod.name);
    }
    std::string known;
    for (std::string_view n : names) known += (known.empty() ? "" : ", ") + std::string(n);
    auto& d = diags_.report(DiagKind::UnknownModule, where,
                            "unknown module '" + name + "'; the standard library has: " + known);
    DiagnosticSink::suggest(d, closest_match(name, names));
    return false;
  }

  bool import_file(FileId from, const ast::ImportDecl& imp) {
    const SourceFile& importer = program_.sources.file(from);
    const fs::path display = (fs::path(importer.path).parent_path() / imp.path).lexically_normal();
    std::error_code ec;
    fs::path identity = fs::weakly_canonical(display, ec);
    if (ec) identity = display;
    if (std::find(stack_.begin(), stack_.end(), identity.string()) != stack_.end()) {
      std::string chain;
      for (auto it = std::find(stack_.begin(), stack_.end(), identity.string()); it != stack_.end(); ++it) {
        chain += fs::path(*it).filename().string() + " -> ";
      }
      diags_.report(DiagKind::ImportCycle, imp.span,
                    "import cycle: " + chain + identity.filename().string());
      return false;
    }
    if (!loaded_.insert(identity.string()).second) return true;  // already loaded (diamond)
    if (loaded_.size() > kMaxImportedFiles || stack_.size() >= kMaxImportDepth) {
      diags_.report(DiagKind::ImportCycle, imp.span,
                    "too many imported files (the limit is " + std::to_string(kMaxImportedFiles) +
                        " files, " + std::to_string(kMaxImportDepth) + " levels deep)");
      return false;
    }
    std::string text, error;
    if (importer.is_stdlib || !read_(display.string(), text, error)) {
      if (importer.is_stdlib) error = "standard-library modules cannot import files";
      diags_.report(DiagKind::FileNotFound, imp.span,
                    "cannot read '" + display.string() + "': " + error);
      return false;
    }
    const FileId file = program_.sources.add(display.string(), std::move(text));
    return load_file(file, identity);
  }

  Program& program_;
  DiagnosticSink& diags_;
  std::set<std::string> used_;
  std::set<std::string> loaded_;
  std::vector<std::string> stack_;
  FileReader read_;
};

}  // namespace

LoadStatus load_program(const std::string& path, Program& program, DiagnosticSink& diags,
                        std::string& io_error, const FileReader& reader) {
  std::string text;
  const FileReader read = reader ? reader : FileReader(read_file);
  if (!read(path, text, io_error)) return LoadStatus::RootUnreadable;
  std::error_code ec;
  fs::path identity = fs::weakly_canonical(path, ec);
  if (ec) identity = path;
  Loader loader(program, diags, read);
  return loader.load_root(path, std::move(text), identity) ? LoadStatus::Ok
                                                           : LoadStatus::SyntaxErrors;
}

LoadStatus load_program_text(const std::string& display_path, std::string text, Program& program,
                             DiagnosticSink& diags) {
  Loader loader(program, diags);
  return loader.load_root(display_path, std::move(text), display_path) ? LoadStatus::Ok
                                                                        : LoadStatus::SyntaxErrors;
}

}  // namespace moat
