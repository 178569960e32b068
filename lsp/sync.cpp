// Text synchronization: open buffers, debounced re-checks, publishing and clearing diagnostics.
#include <filesystem>

#include "lsp/publish.hpp"
#include "lsp/server.hpp"
#include "lsp/stdlib_files.hpp"
#include "lsp/text.hpp"

namespace moat::lsp {

std::string document_path(const nlohmann::json& params) {
  const nlohmann::json& doc = params.at("textDocument");
  const std::string path = uri_to_path(doc.at("uri").get<std::string>());
  if (path.empty()) throw RpcError{ErrorCode::InvalidParams, "only file: URIs are served"};
  return normal_path(path);
}

void Server::did_open(const nlohmann::json& params) {
  const std::string path = document_path(params);
  workspace_.open(path, params.at("textDocument").at("text").get<std::string>());
  if (is_stdlib_copy(path)) return;  // read-only standard library: nothing to check
  // A file its model was checked with, as it is on the disk, has its diagnostics already: opening
  // every file of a large model must not check the model once per file.
  if (const Model* m = workspace_.model_of(path); m && pending_.empty()) {
    const FileId f = m->file_id(path);
    if (f != kNoFile && m->compilation->program.sources.file(f).text == *workspace_.text(path)) {
      return;
    }
  }
  pending_.insert(path);
  recheck_pending();  // a file just opened shows its diagnostics at once
}

void Server::did_change(const nlohmann::json& params) {
  const std::string path = document_path(params);
  std::string* text = workspace_.text(path);
  if (!text) return;
  for (const nlohmann::json& change : params.at("contentChanges")) {
    if (!apply_change(*text, change)) return;
  }
  schedule(path);
}

void Server::did_close(const nlohmann::json& params) {
  const std::string path = document_path(params);
  workspace_.close(path);
  for (auto& model : workspace_.drop_unused()) clear(*model);
  // The models that still hold it read it from the disk again.
  if (const Model* m = workspace_.model_of(path)) pending_.insert(m->root);
}

void Server::schedule(const std::string& path) {
  if (is_stdlib_copy(path)) return;
  pending_.insert(path);
  due_ = std::chrono::steady_clock::now() + options_.debounce;
}

void Server::recheck_pending() {
  std::set<std::string> roots;
  for (const std::string& path : pending_) {
    for (std::string& root : workspace_.roots_of(path)) roots.insert(std::move(root));
  }
  pending_.clear();
  for (const std::string& root : roots) {
    std::vector<std::unique_ptr<Model>> dropped;
    Model& model = workspace_.check(root, dropped);
    for (auto& d : dropped) {
      std::erase_if(d->published, [&](const std::string& f) { return model.contains(f); });
      clear(*d);
    }
    publish(model);
  }
}

void Server::publish(Model& model) {
  std::map<std::string, nlohmann::json> by_file = diagnostics_by_file(model);
  for (const std::string& f : model.published) {
    if (!by_file.count(f)) by_file[f] = nlohmann::json::array();  // no longer in the model
  }
  model.published.clear();
  for (auto& [path, diagnostics] : by_file) {
    notify({{"jsonrpc", "2.0"},
            {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", path_to_uri(path)}, {"diagnostics", std::move(diagnostics)}}}});
    model.published.insert(path);
  }
}

void Server::clear(Model& model) {
  for (const std::string& path : model.published) {
    notify({{"jsonrpc", "2.0"},
            {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", path_to_uri(path)}, {"diagnostics", nlohmann::json::array()}}}});
  }
  model.published.clear();
}

}  // namespace moat::lsp
