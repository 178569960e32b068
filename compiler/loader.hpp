#pragma once
// Loading a model: the root file, the files it imports (relative to the importing file, and
// never outside the root folder) and the standard-library modules it uses, each parsed
// once. The prelude is always loaded first.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"
#include "compiler/read_file.hpp"

namespace moat {

/// Every source of one compilation, parsed; modules in load order (prelude first). A
/// standard-library module may be shared with other compilations (StdlibCache), so modules are
/// read-only once loaded.
struct Program {
  SourceManager sources;
  std::vector<std::shared_ptr<const ast::Module>> modules;
  std::vector<const ast::Module*> ordered() const;
  /// Frees the syntax trees and keeps the sources, for a command done with the trees: the graph
  /// and its schema own everything they need. On a large model the trees are a third of the
  /// memory the analysis would otherwise add to.
  void drop_syntax() { modules.clear(); }
};

/// Standard-library modules parsed once and shared by every compilation given this cache: for a
/// process that compiles many models (the fuzz targets), since parsing `stride` is most of the
/// work of compiling a small model. A module's spans carry the file id it was parsed as, and a
/// model's `use` lines decide that id (the prelude is always 0; after `use stride`, stride is 2
/// and soc2 3), so a module is kept once per id it was loaded at: the modules a compilation gets
/// are the ones it would have parsed. Not thread-safe: one cache per thread.
class StdlibCache {
 public:
  /// The module loaded as stdlib file `file`, if it was parsed at that id before; else null.
  std::shared_ptr<const ast::Module> find(const SourceFile& source, FileId file) const;
  /// Keeps `module`, parsed without errors from stdlib file `file`.
  void keep(const SourceFile& source, FileId file, std::shared_ptr<const ast::Module> module);
  std::size_t size() const { return modules_.size(); }

 private:
  std::map<std::pair<std::string, FileId>, std::shared_ptr<const ast::Module>> modules_;
};

enum class LoadStatus { Ok, SyntaxErrors, RootUnreadable };

/// Reads a model file: from disk by default, or e.g. from a git revision for `moat diff`.
using FileReader =
    std::function<bool(const std::string& path, std::string& text, std::string& error)>;

/// The most files one model may import, directly or not (the root file does not count), and the
/// longest import chain, counted in files from the root.
inline constexpr std::size_t kMaxImportedFiles = 4096;
inline constexpr std::size_t kMaxImportDepth = 64;

/// Loads `path` and everything it imports and uses. Errors are reported to `diags`; a root file
/// that cannot be read returns RootUnreadable with `io_error` set. Imports must stay inside
/// `import_root` (empty: the folder of `path`). Standard-library modules come from `stdlib`
/// when it has them, and are kept there once parsed.
LoadStatus load_program(const std::string& path, Program& program, DiagnosticSink& diags,
                        std::string& io_error, const FileReader& reader = {},
                        const std::string& import_root = {}, StdlibCache* stdlib = nullptr);

/// The same, for a root file whose text is already in memory (`display_path` names it and
/// anchors its relative imports).
LoadStatus load_program_text(const std::string& display_path, std::string text, Program& program,
                             DiagnosticSink& diags, StdlibCache* stdlib = nullptr);

}  // namespace moat
