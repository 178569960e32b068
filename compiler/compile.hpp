#pragma once
// The compiler driver: load, parse, then the semantic passes in one readable list.
#include <memory>

#include "compiler/graph.hpp"
#include "compiler/loader.hpp"

namespace moat {

struct CompileOptions {
  bool require_model = true;  ///< false for rule tests, whose small models need no `model`
  FileReader reader;          ///< how model files are read; empty: from disk
  std::string import_root;  ///< imports must stay inside this folder; empty: the root file's folder
  /// Standard-library modules parsed by earlier compilations, used instead of parsing them again
  /// (and filled with the ones parsed now); null: parse them.
  StdlibCache* stdlib = nullptr;
};

/// One compiled model: its sources, its diagnostics and, when there were no errors, its graph.
struct Compilation {
  Program program;
  DiagnosticSink diags;
  ModelGraph graph;
  LoadStatus load = LoadStatus::Ok;
  std::string io_error;  ///< why the root file could not be read
  bool ok() const { return load == LoadStatus::Ok && !diags.has_errors(); }
};

/// Compiles the model whose root file is `path`.
std::unique_ptr<Compilation> compile_file(const std::string& path,
                                          const CompileOptions& options = {});
/// Compiles a model given as text (for tests and for `GIT_REV:path` sources).
std::unique_ptr<Compilation> compile_text(const std::string& display_path, std::string text,
                                          const CompileOptions& options = {});

/// Runs the semantic passes over already-parsed modules into `graph`.
void analyze_modules(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                     ModelGraph& graph, DiagnosticSink& diags, const CompileOptions& options);

}  // namespace moat
