#pragma once
// `moat lsp`: the language server. Messages are read on a thread of their own and handled in
// order on the caller's thread; a change re-checks its model after a quiet period (debounce),
// and a request about a file whose model waits to be re-checked re-checks it first.
#include <chrono>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/jsonrpc.hpp"
#include "lsp/workspace.hpp"

namespace moat::lsp {

struct ServerOptions {
  std::chrono::milliseconds debounce{150};  ///< quiet time after a change before re-checking
  std::size_t max_message_bytes = kMaxMessageBytes;
};

/// The path of `params.textDocument.uri`; throws RpcError(InvalidParams) when it is missing or
/// not a file URI.
std::string document_path(const nlohmann::json& params);

class Server {
 public:
  Server(std::ostream& out, ServerOptions options = {}) : out_(out), options_(options) {}

  /// Serves messages from `in` until `exit` or the end of input; returns the exit code
  /// (0 after `shutdown`, or when the input ends; 1 on `exit` without `shutdown`).
  int run(std::istream& in);
  /// Handles one message body as run() does, without a reader thread (the fuzz target);
  /// false once `exit` was received.
  bool handle_message(const std::string& body) { return handle(body, {}); }

 private:
  /// Handles one message body; false once `exit` was received.
  bool handle(const std::string& body, const std::set<std::string>& cancelled);
  void notify(const nlohmann::json& message);
  nlohmann::json request(const std::string& method, const nlohmann::json& params);
  void notification(const std::string& method, const nlohmann::json& params);

  // Text synchronization and diagnostics.
  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void schedule(const std::string& path);
  void recheck_pending();
  void publish(Model& model);
  void clear(Model& model);

  // Requests about a position or a document.
  nlohmann::json initialize(const nlohmann::json& params);
  nlohmann::json hover(const nlohmann::json& params);
  nlohmann::json definition(const nlohmann::json& params);
  nlohmann::json references(const nlohmann::json& params, bool highlight);
  nlohmann::json document_symbol(const nlohmann::json& params);
  nlohmann::json formatting(const nlohmann::json& params);

  // Requests that edit: completion, rename, code actions and lenses, range formatting
  // (requests_edit.cpp).
  nlohmann::json completion(const nlohmann::json& params);
  nlohmann::json prepare_rename(const nlohmann::json& params);
  nlohmann::json rename(const nlohmann::json& params);
  nlohmann::json code_action(const nlohmann::json& params);
  nlohmann::json code_lens(const nlohmann::json& params);
  nlohmann::json range_formatting(const nlohmann::json& params);

  /// The document a request names (`textDocument.uri`), re-checked if it waits to be.
  struct Target {
    std::string path;
    const Model* model = nullptr;
    FileId file = kNoFile;
    std::uint32_t offset = 0;  ///< the byte offset of `position`, when the request has one
  };
  Target target(const nlohmann::json& params, bool with_position);

  std::ostream& out_;
  ServerOptions options_;
  Workspace workspace_;
  std::map<std::string, std::string> renamed_;  ///< new element id -> old, from renames here
  std::set<std::string> pending_;  ///< files changed since their models were last checked
  std::chrono::steady_clock::time_point due_{};
  bool initialized_ = false;
  bool shutdown_ = false;
  int exit_code_ = 0;
};

}  // namespace moat::lsp
