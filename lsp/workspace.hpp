#pragma once
// The server's view of the files: the unsaved text of every open document, and one compiled
// model per root file. A file belongs to the model of the root that imports it (an open root,
// or a file next to it that imports it), else it is a root itself. Compiling reads open buffers
// first, then the disk.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"
#include "compiler/compile.hpp"

namespace moat::lsp {

/// One compiled and (when it compiled) analyzed model.
struct Model {
  std::string root;  ///< absolute path of the root file
  std::shared_ptr<Compilation> compilation;
  /// The last compilation of this root without errors (else this one): completion reads its
  /// schema and names while the text being typed does not compile.
  std::shared_ptr<const Compilation> basis;
  Analysis analysis;
  bool analyzed = false;
  std::vector<std::string> files;   ///< absolute paths of the model's own (non-stdlib) files
  std::set<std::string> published;  ///< files that were last sent diagnostics for this model

  bool contains(const std::string& path) const;
  /// The compilation's id of `path`, or kNoFile.
  FileId file_id(const std::string& path) const;
};

class Workspace {
 public:
  /// Imports may reach anywhere under `folder` (the editor's workspace root); empty: the root
  /// file's folder, as `moat check` without a repository.
  void set_import_root(std::string folder) { import_root_ = std::move(folder); }

  void open(const std::string& path, std::string text);
  /// The open text of `path`, or null when it is not open.
  std::string* text(const std::string& path);
  void close(const std::string& path);
  bool is_open(const std::string& path) const { return open_.count(path) != 0; }

  /// The roots whose model `path` belongs to (at least one: `path` itself when no other).
  std::vector<std::string> roots_of(const std::string& path) const;
  /// Compiles and analyzes the model rooted at `root`, replacing the previous one, and drops
  /// models whose root is now a file of it. Returns it; `dropped` gets the dropped models.
  Model& check(const std::string& root, std::vector<std::unique_ptr<Model>>& dropped);
  /// Drops the models that no open file belongs to.
  std::vector<std::unique_ptr<Model>> drop_unused();

  /// The model `path` belongs to, if it was checked; else null.
  const Model* model_of(const std::string& path) const;
  const std::map<std::string, std::unique_ptr<Model>>& models() const { return models_; }

 private:
  std::string find_importer_on_disk(const std::string& path) const;

  std::map<std::string, std::string> open_;
  std::map<std::string, std::unique_ptr<Model>> models_;
  StdlibCache stdlib_;
  std::string import_root_;
};

/// `path` made absolute and lexically normal: the key of a file everywhere in the server.
std::string normal_path(const std::string& path);

}  // namespace moat::lsp
