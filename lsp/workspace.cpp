// Buffers, roots and compiling a model through a reader that prefers the open buffers.
#include "lsp/workspace.hpp"

#include <algorithm>
#include <filesystem>

#include "compiler/read_file.hpp"

namespace moat::lsp {

namespace fs = std::filesystem;

namespace {

/// The most sibling files searched for one that imports a newly opened file.
constexpr std::size_t kMaxSiblings = 200;

bool is_inside(const std::string& folder, const std::string& path) {
  if (folder.empty()) return false;
  const fs::path rel = fs::path(path).lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

/// True when `text` has an import line naming a file called `name`.
bool imports_name(const std::string& text, const std::string& name) {
  for (std::size_t at = text.find("import"); at != std::string::npos;
       at = text.find("import", at + 6)) {
    const std::size_t eol = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, eol - at);
    if (line.find("/" + name + "\"") != std::string::npos ||
        line.find("\"" + name + "\"") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string normal_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) p = path;
  return p.lexically_normal().string();
}

bool Model::contains(const std::string& path) const {
  return std::find(files.begin(), files.end(), path) != files.end();
}

FileId Model::file_id(const std::string& path) const {
  const SourceManager& sources = compilation->program.sources;
  for (FileId f = 0; f < sources.size(); ++f) {
    if (!sources.file(f).is_stdlib && sources.file(f).path == path) return f;
  }
  return kNoFile;
}

void Workspace::open(const std::string& path, std::string text) {
  open_[path] = std::move(text);
}

std::string* Workspace::text(const std::string& path) {
  auto it = open_.find(path);
  return it == open_.end() ? nullptr : &it->second;
}

void Workspace::close(const std::string& path) {
  open_.erase(path);
}

std::vector<std::string> Workspace::roots_of(const std::string& path) const {
  std::vector<std::string> roots;
  for (const auto& [root, model] : models_) {
    if (model->contains(path) || root == path) roots.push_back(root);
  }
  // A file checked as its own root gives way to a root that imports it.
  if (roots.size() > 1) std::erase(roots, path);
  if (roots.empty()) {
    const std::string importer = find_importer_on_disk(path);
    roots.push_back(importer.empty() ? path : importer);
  }
  return roots;
}

std::string Workspace::find_importer_on_disk(const std::string& path) const {
  const fs::path folder = fs::path(path).parent_path();
  const std::string name = fs::path(path).filename().string();
  std::error_code ec;
  std::vector<std::string> candidates;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (candidates.size() >= kMaxSiblings) break;
    if (it->path().extension() == ".moat" && it->path().filename() != name) {
      candidates.push_back(it->path().lexically_normal().string());
    }
  }
  std::sort(candidates.begin(), candidates.end());
  for (const std::string& c : candidates) {
    std::string text, error;
    auto it = open_.find(c);
    if (it != open_.end())
      text = it->second;
    else if (!read_file(c, text, error))
      continue;
    if (imports_name(text, name)) return c;
  }
  return {};
}

Model& Workspace::check(const std::string& root, std::vector<std::unique_ptr<Model>>& dropped) {
  CompileOptions options;
  options.stdlib = &stdlib_;
  if (is_inside(import_root_, root)) options.import_root = import_root_;
  options.reader = [this](const std::string& p, std::string& text, std::string& error) {
    auto it = open_.find(normal_path(p));
    if (it == open_.end()) return read_file(p, text, error);
    text = it->second;
    return true;
  };
  auto model = std::make_unique<Model>();
  model->root = root;
  model->compilation = compile_file(root, options);
  Compilation& c = *model->compilation;
  if (c.ok()) {
    model->analysis = analyze(c.graph, {}, c.diags);
    model->analyzed = true;
  }
  for (FileId f = 0; f < c.program.sources.size(); ++f) {
    const SourceFile& source = c.program.sources.file(f);
    if (!source.is_stdlib) model->files.push_back(normal_path(source.path));
  }
  if (model->files.empty()) model->files.push_back(root);
  auto old = models_.find(root);
  if (old != models_.end()) model->published = std::move(old->second->published);
  model->basis = model->compilation;
  if (!c.ok() && old != models_.end() && old->second->basis) model->basis = old->second->basis;
  for (auto it = models_.begin(); it != models_.end();) {
    if (it->first != root && model->contains(it->first)) {
      dropped.push_back(std::move(it->second));
      it = models_.erase(it);
    } else {
      ++it;
    }
  }
  auto& slot = models_[root];
  slot = std::move(model);
  return *slot;
}

std::vector<std::unique_ptr<Model>> Workspace::drop_unused() {
  std::vector<std::unique_ptr<Model>> dropped;
  for (auto it = models_.begin(); it != models_.end();) {
    const bool used = std::any_of(open_.begin(), open_.end(),
                                  [&](const auto& o) { return it->second->contains(o.first); });
    if (used) {
      ++it;
    } else {
      dropped.push_back(std::move(it->second));
      it = models_.erase(it);
    }
  }
  return dropped;
}

const Model* Workspace::model_of(const std::string& path) const {
  for (const std::string& root : roots_of(path)) {
    auto it = models_.find(root);
    if (it != models_.end() && it->second->contains(path)) return it->second.get();
  }
  return nullptr;
}

}  // namespace moat::lsp
