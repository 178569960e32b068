// The language server's text handling (lsp/text.hpp) and message framing (lsp/jsonrpc.hpp):
// UTF-16 positions on non-ASCII lines, incremental edits, file URIs, and bad frames.
#include <sstream>

#include <doctest/doctest.h>

#include "lsp/jsonrpc.hpp"
#include "lsp/text.hpp"

using namespace moat::lsp;

TEST_CASE("lsp: positions count UTF-16 code units") {
  // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units (a surrogate pair).
  const std::string text = "ab\nxé😀y = 1\r\nlast";
  const auto starts = line_starts(text);
  REQUIRE(starts.size() == 3);
  const auto y = static_cast<std::uint32_t>(text.find('y'));
  const Position p = position_of(text, starts, y);
  CHECK(p.line == 1);
  CHECK(p.character == 4);  // x, é, and the two units of 😀
  CHECK(offset_of(text, starts, p) == y);
  CHECK(offset_of(text, starts, {1, 999}) == text.find('\r'));  // past the line: its end
  CHECK(offset_of(text, starts, {9, 0}) == text.size());        // past the text: its end
  CHECK(position_of(text, starts, text.size()).line == 2);
}

TEST_CASE("lsp: incremental and full changes") {
  std::string text = "one\ntwé\nthree\n";
  auto change = nlohmann::json::parse(
      R"({"range": {"start": {"line": 1, "character": 2}, "end": {"line": 2, "character": 1}},
          "text": "X"})");
  REQUIRE(apply_change(text, change));
  CHECK(text == "one\ntwXhree\n");
  REQUIRE(apply_change(text, nlohmann::json::parse(R"({"text": "new"})")));
  CHECK(text == "new");
  CHECK_FALSE(apply_change(text, nlohmann::json::parse(R"({"range": 3, "text": "x"})")));
  CHECK_FALSE(apply_change(text, nlohmann::json::parse(R"({"range": {}})")));
}

TEST_CASE("lsp: file URIs") {
  CHECK(uri_to_path("file:///a%20b/c%C3%A9.moat") == "/a b/c\xC3\xA9.moat");
  CHECK(uri_to_path("untitled:1").empty());
  CHECK(path_to_uri("/a b/c.moat") == "file:///a%20b/c.moat");
  CHECK(uri_to_path(path_to_uri("/x/#1 é.moat")) == "/x/#1 é.moat");
}

TEST_CASE("lsp: message framing") {
  std::string body;
  std::istringstream two(
      "Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]");
  CHECK(read_message(two, body) == ReadStatus::Message);
  CHECK(body == "{}");
  CHECK(read_message(two, body) == ReadStatus::Message);
  CHECK(body == "[1]");
  CHECK(read_message(two, body) == ReadStatus::End);

  std::istringstream bad("Content-Length: -4\r\n\r\nContent-Length: 2\r\n\r\n{}");
  CHECK(read_message(bad, body) == ReadStatus::BadHeader);
  CHECK(read_message(bad, body) == ReadStatus::Message);

  std::istringstream none("X-Other: 1\r\n\r\n");
  CHECK(read_message(none, body) == ReadStatus::BadHeader);

  std::istringstream big("Content-Length: 10\r\n\r\n0123456789Content-Length: 1\r\n\r\n1");
  CHECK(read_message(big, body, 5) == ReadStatus::TooLarge);
  CHECK(read_message(big, body, 5) == ReadStatus::Message);
  CHECK(body == "1");

  std::istringstream cut("Content-Length: 10\r\n\r\n01");
  CHECK(read_message(cut, body) == ReadStatus::End);
}
