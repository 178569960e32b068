// The message loop: a reader thread frames messages into a queue; this thread handles them in
// order, answers `$/cancelRequest` for requests still queued, and re-checks changed models when
// no message arrived for the debounce period.
#include "lsp/server.hpp"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace moat::lsp {

namespace {

struct Incoming {
  ReadStatus status = ReadStatus::End;
  std::string body;
};

/// Shared by the reader thread and the server; owned by both, since on `exit` the server returns
/// while the reader may still be blocked reading.
struct Queue {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Incoming> items;
};

void read_all(std::istream& in, std::shared_ptr<Queue> queue, std::size_t max_bytes) {
  for (;;) {
    Incoming item;
    item.status = read_message(in, item.body, max_bytes);
    const bool end = item.status == ReadStatus::End;
    {
      std::lock_guard lock(queue->mutex);
      queue->items.push_back(std::move(item));
    }
    queue->ready.notify_one();
    if (end) return;
  }
}

/// The ids of the requests that `$/cancelRequest` notifications among `items` cancel.
std::set<std::string> cancelled_ids(const std::deque<Incoming>& items) {
  std::set<std::string> ids;
  for (const Incoming& item : items) {
    if (item.status != ReadStatus::Message ||
        item.body.find("$/cancelRequest") == std::string::npos) {
      continue;
    }
    const nlohmann::json j = nlohmann::json::parse(item.body, nullptr, false);
    if (j.is_object() && j.value("method", "") == "$/cancelRequest" && j.contains("params") &&
        j["params"].is_object() && j["params"].contains("id")) {
      ids.insert(j["params"]["id"].dump());
    }
  }
  return ids;
}

}  // namespace

int Server::run(std::istream& in) {
  auto queue = std::make_shared<Queue>();
  std::thread(read_all, std::ref(in), queue, options_.max_message_bytes).detach();
  for (;;) {
    std::deque<Incoming> batch;
    {
      std::unique_lock lock(queue->mutex);
      auto has_items = [&] { return !queue->items.empty(); };
      if (pending_.empty()) {
        queue->ready.wait(lock, has_items);
      } else if (!queue->ready.wait_until(lock, due_, has_items)) {
        lock.unlock();
        recheck_pending();
        continue;
      }
      batch.swap(queue->items);
    }
    const std::set<std::string> cancelled = cancelled_ids(batch);
    for (const Incoming& item : batch) {
      switch (item.status) {
        case ReadStatus::End:
          return shutdown_ ? exit_code_ : 0;
        case ReadStatus::BadHeader:
          notify(error_response(nullptr, ErrorCode::InvalidRequest,
                                "bad message header: expected 'Content-Length: N'"));
          break;
        case ReadStatus::TooLarge:
          notify(error_response(nullptr, ErrorCode::InvalidRequest,
                                "message refused: larger than the limit of " +
                                    std::to_string(options_.max_message_bytes) + " bytes"));
          break;
        case ReadStatus::Message:
          if (!handle(item.body, cancelled)) return exit_code_;
          break;
      }
    }
  }
}

void Server::notify(const nlohmann::json& message) {
  write_message(out_, message);
}

bool Server::handle(const std::string& body, const std::set<std::string>& cancelled) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    notify(error_response(nullptr, ErrorCode::ParseError, "the message is not valid JSON"));
    return true;
  }
  const nlohmann::json id = j.is_object() && j.contains("id") ? j["id"] : nlohmann::json();
  const bool valid_id = id.is_null() || id.is_string() || id.is_number_integer();
  if (!j.is_object() || !j.contains("method") || !j["method"].is_string() || !valid_id) {
    // A response to a request of ours (the server sends none that need one) is not an error.
    const bool response = j.is_object() && j.contains("id") && !j.contains("method") &&
                          (j.contains("result") || j.contains("error"));
    if (!response) {
      notify(error_response(valid_id ? id : nlohmann::json(), ErrorCode::InvalidRequest,
                            "not a JSON-RPC request or notification"));
    }
    return true;
  }
  const std::string method = j["method"];
  const nlohmann::json params = j.value("params", nlohmann::json::object());
  if (!j.contains("id")) {
    if (method == "exit") {
      exit_code_ = shutdown_ ? 0 : 1;
      return false;
    }
    notification(method, params);
    return true;
  }
  nlohmann::json reply = {{"jsonrpc", "2.0"}, {"id", id}};
  if (cancelled.count(id.dump())) {
    notify(error_response(id, ErrorCode::RequestCancelled, "request cancelled"));
    return true;
  }
  if (!initialized_ && method != "initialize") {
    notify(error_response(id, ErrorCode::ServerNotInitialized, "the server is not initialized"));
    return true;
  }
  if (shutdown_) {
    notify(error_response(id, ErrorCode::InvalidRequest, "the server is shutting down"));
    return true;
  }
  try {
    reply["result"] = request(method, params);
  } catch (const RpcError& e) {
    notify(error_response(id, e.code, e.message));
    return true;
  } catch (const nlohmann::json::exception& e) {
    notify(
        error_response(id, ErrorCode::InvalidParams, std::string("invalid params: ") + e.what()));
    return true;
  } catch (const std::exception& e) {
    notify(error_response(id, ErrorCode::InternalError, e.what()));
    return true;
  }
  notify(reply);
  return true;
}

void Server::notification(const std::string& method, const nlohmann::json& params) {
  if (!initialized_) return;  // before initialize, notifications other than exit are dropped
  try {
    if (method == "textDocument/didOpen") {
      did_open(params);
    } else if (method == "textDocument/didChange") {
      did_change(params);
    } else if (method == "textDocument/didClose") {
      did_close(params);
    } else if (method == "textDocument/didSave") {
      schedule(document_path(params));
      recheck_pending();
    }
    // Others (initialized, $/cancelRequest, $/setTrace, workspace/didChange...) need nothing.
  } catch (const RpcError&) {
    // A document moat does not serve (an "untitled:" buffer): notifications are never answered.
  } catch (const std::exception&) {
    // A malformed notification cannot be answered (notifications never are): it is ignored.
  }
}

}  // namespace moat::lsp
