// The streaming JSON writer (backends/json_writer.hpp) against nlohmann's dump, the form the
// JSON outputs had before it: the same bytes for tricky strings, invalid UTF-8, empty and nested
// containers, numbers, and for random byte strings.
#include <doctest/doctest.h>

#include <random>

#include "backends/json_writer.hpp"

using namespace moat;
using json = nlohmann::ordered_json;

namespace {

std::string nlohmann_dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

std::string written(const json& j) {
  std::string out;
  JsonWriter w(out);
  w.value(j);
  return out;
}

std::string escaped(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("json writer: strings escape exactly as nlohmann's dump escapes them") {
  const std::string cases[] = {
      "",
      "plain",
      std::string("nul\0inside", 10),
      "\x01\x07\x08\x09\x0a\x0b\x0c\x0d\x1b\x1f",
      "quote \" backslash \\ slash /",
      "\x7f delete",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // 2-, 3- and 4-byte sequences
      "\xed\xa0\x80 surrogate",                     // a UTF-16 surrogate encoded as UTF-8
      "\xc0\xaf overlong",
      "\xe0\x80\x80 overlong three",
      "\xf0\x80\x80\x80 overlong four",
      "\xf4\x90\x80\x80 above U+10FFFF",
      "\xf5\xff\xfe bytes that start nothing",
      "\x80\xbf stray continuations",
      "truncated at the end \xe2\x82",
      "truncated then ASCII \xe2\x82x",
      "truncated then a lead \xf0\x9f\xc3\xa9",
      "\xef\xbf\xbd already a replacement",
      "<script>alert(1)</script> & \u2028\u2029",
  };
  for (const std::string& s : cases) {
    CAPTURE(s);
    CHECK(escaped(s) == nlohmann_dump(json(s)));
  }
  CHECK(escaped("\x01") == "\"\\u0001\"");
  CHECK(escaped("\xff") == "\"\xef\xbf\xbd\"");
}

TEST_CASE("json writer: random bytes escape as nlohmann's dump escapes them") {
  std::mt19937 random(16);
  // Biased towards the bytes that matter: control, ASCII, continuation and lead bytes.
  const unsigned char pool[] = {0x00, 0x09, 0x0a, 0x1f, 0x22, 0x5c, 0x41, 0x7f, 0x80,
                                0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0,
                                0xe1, 0xed, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof pool - 1);
  std::uniform_int_distribution<std::size_t> length(0, 12);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (std::size_t n = length(random); n > 0; --n) s += static_cast<char>(pool[pick(random)]);
    CAPTURE(round);
    REQUIRE(escaped(s) == nlohmann_dump(json(s)));
  }
}

TEST_CASE("json writer: a byte to escape anywhere in a long plain run") {
  // Plain runs are scanned eight bytes at a time: each special byte at each offset of a word,
  // and words cut by the end of the string, must come out as nlohmann writes them.
  const std::string specials[] = {
      std::string(1, '\0'), "\x1f", "\"", "\\", "\x7f", "\x80", "\xc3\xa9",
      "\xe2\x82",           "\xff", " ",  "!",  "#",    "[",    "]"};
  for (std::size_t length = 0; length < 40; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const std::string& special : specials) {
        std::string s(length, 'a');
        s.insert(at, special);
        CAPTURE(s);
        REQUIRE(escaped(s) == nlohmann_dump(json(s)));
      }
    }
  }
}

TEST_CASE("json writer: a string larger than the writer's buffer, and ids joined from parts") {
  // 300 KB with escapes and UTF-8 throughout: the buffer grows past its blocks.
  std::string big;
  for (int i = 0; big.size() < 300000; ++i)
    big += "line " + std::to_string(i) + " \"caf\xc3\xa9\"\t";
  // A tree's member names come from data: escaped like any string.
  const json doc = {{"big", big}, {"after", "x"}, {"k\"\x01\xc3\xa9\xff", {{"a\\b", 1}}}};
  CHECK(written(doc) == nlohmann_dump(doc));
  // value_concat escapes the parts as one string: a sequence cut between two parts stays whole.
  std::string out;
  {
    JsonWriter w(out);
    w.begin_array();
    w.value_concat({"web", ".", "rule"});
    w.value_concat({"caf\xc3", "\xa9", ".x"});
    w.value_concat({"a\"b", ".", "c\xff"});
    w.end_array();
  }
  CHECK(out == nlohmann_dump(json::array({"web.rule", "caf\xc3\xa9.x", "a\"b.c\xff"})));
}

TEST_CASE("json writer: deep nesting indents as nlohmann's dump(2)") {
  json j = json::array({1});
  for (int depth = 0; depth < 45; ++depth) j = json::object({{"k", j}, {"n", depth}});
  CHECK(written(j) == nlohmann_dump(j));
}

TEST_CASE("json writer: containers, separators and numbers as nlohmann's dump(2)") {
  const json doc = json::parse(R"({
    "empty_object": {}, "empty_array": [], "null": null, "yes": true, "no": false,
    "int": -42, "big": 18446744073709551615, "doubles": [0.5, 1.0, 3.14159, 1e-7, 2.5e20, 0.1],
    "nested": [[], [{}], [1, [2, [3]]], {"a": {"b": {"c": []}}}],
    "strings": ["a", "", "\u0000"]
  })");
  CHECK(written(doc) == nlohmann_dump(doc));
  CHECK(written(json::array()) == "[]");
  CHECK(written(json::object()) == "{}");
  CHECK(written(json(nullptr)) == "null");
}

TEST_CASE("json writer: calls write the same bytes as the tree they describe") {
  std::string out;
  {
    JsonWriter w(out);
    w.begin_object();
    w.member("name", "moat");
    w.member_or_null("owner", "");
    w.member("count", std::uint64_t{3});
    w.key("items");
    w.begin_array();
    w.value(std::int64_t{-1});
    w.value(json{{"k", json::array()}});
    w.begin_array();
    w.end_array();
    w.end_array();
    w.member("value", 0.25);
    w.end_object();
  }
  const json tree = {{"name", "moat"},
                     {"owner", nullptr},
                     {"count", 3},
                     {"items", {-1, {{"k", json::array()}}, json::array()}},
                     {"value", 0.25}};
  CHECK(out == nlohmann_dump(tree));
}

TEST_CASE("json writer: a stream gets the whole document, in blocks") {
  std::ostringstream stream;
  json big = json::array();
  for (int i = 0; i < 20000; ++i) big.push_back({{"id", "threat-" + std::to_string(i)}});
  {
    JsonWriter w(stream);
    w.value(big);
  }
  CHECK(stream.str() == nlohmann_dump(big));
}
