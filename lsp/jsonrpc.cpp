// Content-Length framing: headers end at an empty line; only Content-Length matters (a
// Content-Type, if sent, is utf-8 by the spec and is ignored).
#include "lsp/jsonrpc.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace moat::lsp {

namespace {

/// The longest header line kept; a longer one is read to its end and reported as bad, so a peer
/// cannot make the server hold an endless line.
constexpr std::size_t kMaxHeaderLine = 8192;

/// One header line without its CR LF (a bare LF is accepted too); false at the end of input.
/// `too_long` is set when the line was longer than kMaxHeaderLine.
bool read_header_line(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() < kMaxHeaderLine) {
      line += static_cast<char>(c);
    } else {
      too_long = true;
    }
  }
  return false;
}

/// The value of a `Content-Length: N` line, or -1 when the line is another header, -2 when the
/// value is not a number.
long long content_length(const std::string& line) {
  static constexpr std::string_view kName = "content-length:";
  if (line.size() < kName.size()) return -1;
  for (std::size_t i = 0; i < kName.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != kName[i]) return -1;
  }
  std::size_t at = kName.size();
  while (at < line.size() && line[at] == ' ') ++at;
  long long n = -2;
  const char* end = line.data() + line.size();
  auto [ptr, ec] = std::from_chars(line.data() + at, end, n);
  if (ec != std::errc() || ptr != end || n < 0) return -2;
  return n;
}

}  // namespace

ReadStatus read_message(std::istream& in, std::string& body, std::size_t max_bytes) {
  long long length = -1;
  bool bad = false;
  std::string line;
  bool any = false;
  while (read_header_line(in, line, bad)) {
    if (line.empty()) {
      if (!any) continue;  // stray blank lines between messages
      break;
    }
    any = true;
    const long long n = content_length(line);
    if (n == -2) bad = true;
    if (n >= 0) length = n;
  }
  if (!in) return ReadStatus::End;
  if (bad || length < 0) return ReadStatus::BadHeader;
  if (static_cast<unsigned long long>(length) > max_bytes) {
    // Skipped with read(), not ignore(): libstdc++'s ignore(n) peeks at the byte after the n-th,
    // which blocks until the client sends its next message.
    std::string chunk(std::size_t{1} << 16, '\0');
    for (auto left = static_cast<unsigned long long>(length); left > 0 && in;) {
      const auto n = static_cast<std::streamsize>(std::min<unsigned long long>(left, chunk.size()));
      in.read(chunk.data(), n);
      left -= static_cast<unsigned long long>(in.gcount());
    }
    return in ? ReadStatus::TooLarge : ReadStatus::End;
  }
  body.resize(static_cast<std::size_t>(length));
  in.read(body.data(), length);
  return in ? ReadStatus::Message : ReadStatus::End;
}

void write_message(std::ostream& out, const nlohmann::json& message) {
  const std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

nlohmann::json error_response(const nlohmann::json& id, ErrorCode code, const std::string& text) {
  return {{"jsonrpc", "2.0"},
          {"id", id},
          {"error", {{"code", static_cast<int>(code)}, {"message", text}}}};
}

}  // namespace moat::lsp
