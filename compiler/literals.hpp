#pragma once
// Decoding of literal tokens that the grammar has already matched: string escapes, dates,
// durations and numbers. Each returns an error message instead of a value when the token is
// well formed but meaningless (a 13th month, an escape naming no code point).
#include <cstdint>
#include <string>
#include <string_view>

namespace moat {

struct LiteralError {
  std::uint32_t offset = 0;  ///< byte offset of the problem within the token
  std::uint32_t length = 1;
  std::string message;
};

/// Unescapes the body of a string literal (the text between the quotes).
bool decode_string(std::string_view body, std::string& out, LiteralError& error);
/// `2027-03-01` to days since 1970-01-01.
bool decode_date(std::string_view token, std::int64_t& days, LiteralError& error);
/// `90d`, `12h`, `30m`, `45s`, `2w`, `6mo`, `7y` to seconds; a month is 30 days, a year 365.
bool decode_duration(std::string_view token, std::int64_t& seconds, LiteralError& error);
/// True when `token` has the shape of a duration literal: digits, then one unit.
bool is_duration_token(std::string_view token);
bool decode_number(std::string_view token, double& value, LiteralError& error);

/// Days since 1970-01-01 back to `YYYY-MM-DD`.
std::string format_date(std::int64_t days);
/// Seconds back to the largest exact unit: `7y`, `90d`, `36h`, `45s` (never `w` or `mo`).
std::string format_duration(std::int64_t seconds);

}  // namespace moat
