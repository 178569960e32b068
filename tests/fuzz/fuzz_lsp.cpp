// libFuzzer target: the language server's message reader and dispatcher (lsp/jsonrpc.hpp,
// lsp/server.hpp) on arbitrary bytes. The bytes are read as a stream of framed messages with a
// 64 KiB cap; each message goes to a fresh, initialized server whose replies are written to a
// string. Any input must end, with every body within the cap and every reply framed with its
// exact length around valid JSON; no crash, sanitizer report or hang. Seeds in
// tests/fuzz/corpus_lsp/: sessions of every method, bad headers, bad JSON, cancellations.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "lsp/jsonrpc.hpp"
#include "lsp/server.hpp"

namespace {

constexpr std::size_t kCap = 64 * 1024;

/// Every reply in `out` is `Content-Length: N\r\n\r\n` and N bytes of JSON.
void check_replies(std::string_view out) {
  static constexpr std::string_view kHead = "Content-Length: ";
  while (!out.empty()) {
    if (out.substr(0, kHead.size()) != kHead) __builtin_trap();
    out.remove_prefix(kHead.size());
    const std::size_t crlf = out.find("\r\n\r\n");
    if (crlf == std::string_view::npos) __builtin_trap();
    const std::size_t length = std::stoul(std::string(out.substr(0, crlf)));
    out.remove_prefix(crlf + 4);
    if (length > out.size()) __builtin_trap();
    if (!nlohmann::json::accept(out.substr(0, length))) __builtin_trap();
    out.remove_prefix(length);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out;
  moat::lsp::Server server(out, {std::chrono::milliseconds(0), kCap});
  server.handle_message(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{}})");
  std::size_t reads = 0;
  for (;;) {
    std::string body;
    const moat::lsp::ReadStatus status = moat::lsp::read_message(in, body, kCap);
    if (status == moat::lsp::ReadStatus::End) break;
    if (++reads > size + 1) __builtin_trap();  // each read consumes input: it must end
    if (body.size() > kCap) __builtin_trap();
    if (status == moat::lsp::ReadStatus::Message && !server.handle_message(body)) break;
  }
  check_replies(out.str());
  return 0;
}
