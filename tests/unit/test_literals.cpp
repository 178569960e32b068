// Literal decoding: string escapes, dates, durations and numbers (compiler/literals.hpp).
#include <doctest/doctest.h>

#include "compiler/literals.hpp"

using namespace moat;

namespace {

std::string decoded(std::string_view body) {
  std::string out;
  LiteralError err;
  REQUIRE_MESSAGE(decode_string(body, out, err), err.message);
  return out;
}

LiteralError string_error(std::string_view body) {
  std::string out;
  LiteralError err;
  CHECK_FALSE(decode_string(body, out, err));
  return err;
}

std::int64_t date(std::string_view token) {
  std::int64_t days = 0;
  LiteralError err;
  REQUIRE_MESSAGE(decode_date(token, days, err), err.message);
  return days;
}

LiteralError date_error(std::string_view token) {
  std::int64_t days = 0;
  LiteralError err;
  CHECK_FALSE(decode_date(token, days, err));
  return err;
}

std::int64_t seconds(std::string_view token) {
  std::int64_t s = 0;
  LiteralError err;
  REQUIRE_MESSAGE(decode_duration(token, s, err), err.message);
  return s;
}

}  // namespace

TEST_CASE("decode_string passes plain text through, UTF-8 included") {
  CHECK(decoded("") == "");
  CHECK(decoded("Payment webhook") == "Payment webhook");
  CHECK(decoded("Caf\xC3\xA9 \xE2\x98\x95") == "Caf\xC3\xA9 \xE2\x98\x95");
}

TEST_CASE("decode_string decodes every simple escape") {
  CHECK(decoded(R"(a\"b)") == "a\"b");
  CHECK(decoded(R"(a\\b)") == "a\\b");
  CHECK(decoded(R"(a\nb)") == "a\nb");
  CHECK(decoded(R"(a\tb)") == "a\tb");
  CHECK(decoded(R"(a\rb)") == "a\rb");
  CHECK(decoded(R"(\\n)") == "\\n");  // an escaped backslash, then a plain 'n'
  CHECK(decoded(R"(\"\"\")") == "\"\"\"");
}

TEST_CASE("decode_string decodes \\u{...} escapes to UTF-8 of every length") {
  CHECK(decoded(R"(\u{41})") == "A");
  CHECK(decoded(R"(\u{e9})") == "\xC3\xA9");
  CHECK(decoded(R"(\u{E9})") == "\xC3\xA9");
  CHECK(decoded(R"(\u{20AC})") == "\xE2\x82\xAC");
  CHECK(decoded(R"(\u{1F600})") == "\xF0\x9F\x98\x80");
  CHECK(decoded(R"(\u{10FFFF})") == "\xF4\x8F\xBF\xBF");
  CHECK(decoded(R"(x\u{1F600}y\u{41}z)") == "x\xF0\x9F\x98\x80yAz");
}

TEST_CASE("decode_string rejects escapes that name no Unicode scalar value") {
  for (const char* body : {R"(\u{D800})", R"(\u{DFFF})", R"(\u{110000})", R"(\u{0})"}) {
    CAPTURE(body);
    const LiteralError err = string_error(body);
    CHECK(err.offset == 0);
    CHECK(err.length == std::string_view(body).size());
    CHECK(err.message == "'\\u{...}' does not name a valid Unicode scalar value");
  }
  // The error points at the escape, not at the start of the string.
  const LiteralError err = string_error(R"(ok \u{D800} rest)");
  CHECK(err.offset == 3);
  CHECK(err.length == 8);
}

TEST_CASE("decode_date counts days since 1970-01-01") {
  CHECK(date("1970-01-01") == 0);
  CHECK(date("1970-01-02") == 1);
  CHECK(date("1969-12-31") == -1);
  CHECK(date("2000-01-01") == 10957);
  CHECK(date("2027-03-01") - date("2027-02-28") == 1);
  CHECK(date("2028-03-01") - date("2028-02-28") == 2);
}

TEST_CASE("decode_date knows leap years") {
  CHECK(date("2024-02-29") == date("2024-02-28") + 1);
  CHECK(date("2000-02-29") == date("2000-02-28") + 1);  // divisible by 400: leap
  date_error("1900-02-29");                             // divisible by 100: not leap
  date_error("2027-02-29");
  const LiteralError err = date_error("2100-02-29");
  CHECK(err.offset == 8);
  CHECK(err.length == 2);
  CHECK(err.message == "day 29 does not exist in that month");
}

TEST_CASE("decode_date rejects impossible months and days, pointing at the part") {
  LiteralError err = date_error("2027-13-01");
  CHECK(err.offset == 5);
  CHECK(err.length == 2);
  CHECK(err.message == "month 13 is not between 01 and 12");
  err = date_error("2027-00-10");
  CHECK(err.message == "month 00 is not between 01 and 12");
  err = date_error("2027-04-31");
  CHECK(err.offset == 8);
  CHECK(err.message == "day 31 does not exist in that month");
  err = date_error("2027-01-00");
  CHECK(err.message == "day 00 does not exist in that month");
  CHECK(date("2027-12-31") == date("2028-01-01") - 1);
}

TEST_CASE("format_date round-trips decode_date") {
  CHECK(format_date(0) == "1970-01-01");
  CHECK(format_date(-1) == "1969-12-31");
  CHECK(format_date(10957) == "2000-01-01");
  // Every day the grammar can write (years 0001 to 9999), sampled.
  for (std::int64_t d = date("0001-01-01"); d <= date("9999-12-31"); d += 997) {
    const std::string text = format_date(d);
    CAPTURE(text);
    CHECK(date(text) == d);
  }
  for (const char* text : {"2024-02-29", "2000-02-29", "2027-03-01", "9999-12-31", "0001-01-01"}) {
    CHECK(format_date(date(text)) == text);
  }
}

TEST_CASE("decode_duration converts every unit to seconds") {
  CHECK(seconds("45s") == 45);
  CHECK(seconds("30m") == 30 * 60);
  CHECK(seconds("12h") == 12 * 3600);
  CHECK(seconds("90d") == 90 * 86400);
  CHECK(seconds("2w") == 2 * 7 * 86400);
  CHECK(seconds("0d") == 0);
  // Months and years have fixed lengths, so they compare exactly with days.
  CHECK(seconds("6mo") == 180 * 86400);
  CHECK(seconds("1mo") == seconds("30d"));
  CHECK(seconds("7y") == 2555LL * 86400);
  CHECK(seconds("1y") == seconds("365d"));
  CHECK(seconds("100y") == seconds("36500d"));
}

TEST_CASE("is_duration_token knows every unit") {
  for (const char* token : {"45s", "30m", "12h", "90d", "2w", "6mo", "7y", "0d"}) {
    CAPTURE(token);
    CHECK(is_duration_token(token));
  }
  for (const char* token : {"", "d", "6", "6month", "6 mo", "6md", "-3d", "1.5y", "2026-01-01"}) {
    CAPTURE(token);
    CHECK_FALSE(is_duration_token(token));
  }
}

TEST_CASE("decode_duration rejects durations longer than a century") {
  CHECK(seconds("36500d") == 36500LL * 86400);
  for (const char* token :
       {"36501d", "99999999999d", "99999999999999999999999s", "5300w", "101y", "1217mo"}) {
    CAPTURE(token);
    std::int64_t s = 0;
    LiteralError err;
    CHECK_FALSE(decode_duration(token, s, err));
    CHECK(err.offset == 0);
    CHECK(err.length == std::string_view(token).size());
    CHECK(err.message == "duration is longer than 100 years");
  }
}

TEST_CASE("format_duration picks the largest exact unit") {
  CHECK(format_duration(90 * 86400) == "90d");
  CHECK(format_duration(36 * 3600) == "36h");
  CHECK(format_duration(30 * 60) == "30m");
  CHECK(format_duration(90) == "90s");
  CHECK(format_duration(45) == "45s");
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(2555LL * 86400) == "7y");
  CHECK(format_duration(180 * 86400) == "180d");  // 6mo: months are shown in days
  CHECK(format_duration(366 * 86400) == "366d");
  for (const char* token : {"90d", "12h", "30m", "45s", "1d", "7y"}) {
    CHECK(format_duration(seconds(token)) == token);
  }
}

TEST_CASE("decode_number reads integers and decimals within range") {
  double v = 0;
  LiteralError err;
  CHECK(decode_number("42", v, err));
  CHECK(v == 42);
  CHECK(decode_number("0.5", v, err));
  CHECK(v == 0.5);
  CHECK(decode_number("-3", v, err));
  CHECK(v == -3);
  CHECK(decode_number("1000000000000000", v, err));  // 1e15: the largest accepted
  CHECK_FALSE(decode_number("1000000000000001", v, err));
  CHECK(err.message == "number is out of range");
  CHECK_FALSE(decode_number("99999999999999999999", v, err));
  CHECK(err.length == 20);
}
