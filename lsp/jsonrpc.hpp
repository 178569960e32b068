#pragma once
// JSON-RPC 2.0 over a byte stream with LSP's `Content-Length` framing (LSP 3.17, "Base
// Protocol"). Reading never throws and never trusts the peer: a bad header, a missing length or
// a body over the size cap is reported as a status the server answers with an error.
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace moat::lsp {

/// The largest message body the server accepts (64 MiB); larger ones are skipped and refused.
inline constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;

/// JSON-RPC and LSP error codes (LSP 3.17, "ErrorCodes").
enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
  RequestCancelled = -32800,
};

/// Thrown by a request handler to answer with an error.
struct RpcError {
  ErrorCode code;
  std::string message;
};

enum class ReadStatus {
  Message,    ///< `body` holds one message body
  End,        ///< the stream ended (cleanly or in the middle of a message)
  BadHeader,  ///< a header without `Content-Length`, or one that is not a number
  TooLarge,   ///< the body was over kMaxMessageBytes; it was skipped
};

/// Reads one framed message from `in` into `body`.
ReadStatus read_message(std::istream& in, std::string& body,
                        std::size_t max_bytes = kMaxMessageBytes);

/// Writes `message` with its header and flushes.
void write_message(std::ostream& out, const nlohmann::json& message);

/// A response carrying an error; `id` is null when the request's id could not be read.
nlohmann::json error_response(const nlohmann::json& id, ErrorCode code, const std::string& text);

}  // namespace moat::lsp
