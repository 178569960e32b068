#pragma once
// Loading a model: the root file, the files it imports (relative to the importing file, and
// never outside the root folder) and the standard-library modules it uses, each parsed
// once. The prelude is always loaded first.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"
#include "compiler/read_file.hpp"

namespace moat {

/// Every source of one compilation, parsed; modules in load order (prelude first).
struct Program {
  SourceManager sources;
  std::vector<std::unique_ptr<ast::Module>> modules;
  std::vector<const ast::Module*> ordered() const;
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
/// `import_root` (empty: the folder of `path`).
LoadStatus load_program(const std::string& path, Program& program, DiagnosticSink& diags,
                        std::string& io_error, const FileReader& reader = {},
                        const std::string& import_root = {});

/// The same, for a root file whose text is already in memory (`display_path` names it and
/// anchors its relative imports).
LoadStatus load_program_text(const std::string& display_path, std::string text, Program& program,
                             DiagnosticSink& diags);

}  // namespace moat
