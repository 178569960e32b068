#include "compiler/literals.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace moat {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

bool decode_string(std::string_view body, std::string& out, LiteralError& error) {
  out.clear();
  out.reserve(body.size());
  std::size_t i = 0;
  while (i < body.size()) {
    // The text up to the next escape is copied as it is, in one piece: most strings have none.
    const std::size_t slash = std::min(body.find('\\', i), body.size());
    out.append(body.data() + i, slash - i);
    if (slash == body.size()) break;
    i = slash + 1;
    const char e = body[i];  // the grammar guarantees a character after the backslash
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u': {
        const std::size_t open = i + 1, close = body.find('}', open);
        std::uint32_t cp = 0;
        std::from_chars(body.data() + open + 1, body.data() + close, cp, 16);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
          error = {static_cast<std::uint32_t>(i - 1), static_cast<std::uint32_t>(close - i + 2),
                   "'\\u{...}' does not name a valid Unicode scalar value"};
          return false;
        }
        append_utf8(out, cp);
        i = close;
        break;
      }
      default:
        break;  // unreachable: the grammar rejects other escapes
    }
    ++i;
  }
  return true;
}

bool decode_date(std::string_view token, std::int64_t& days, LiteralError& error) {
  unsigned y = 0, m = 0, d = 0;
  std::from_chars(token.data(), token.data() + 4, y);
  std::from_chars(token.data() + 5, token.data() + 7, m);
  std::from_chars(token.data() + 8, token.data() + 10, d);
  if (m < 1 || m > 12) {
    error = {5, 2, "month " + std::string(token.substr(5, 2)) + " is not between 01 and 12"};
    return false;
  }
  if (d < 1 || d > days_in_month(y, m)) {
    error = {8, 2, "day " + std::string(token.substr(8, 2)) + " does not exist in that month"};
    return false;
  }
  days = days_from_civil(y, m, d);
  return true;
}

namespace {
/// Seconds per unit. Months and years are fixed lengths (30 and 365 days), so durations compare
/// exactly whatever date they start from; retention periods are written in them.
std::int64_t duration_unit(std::string_view unit) {
  constexpr std::int64_t kDay = 86400;
  if (unit == "mo") return 30 * kDay;
  switch (unit.empty() ? 's' : unit.back()) {
    case 'm':
      return 60;
    case 'h':
      return 3600;
    case 'd':
      return kDay;
    case 'w':
      return 7 * kDay;
    case 'y':
      return 365 * kDay;
    default:
      return 1;
  }
}
}  // namespace

bool is_duration_token(std::string_view token) {
  std::size_t digits = 0;
  while (digits < token.size() && token[digits] >= '0' && token[digits] <= '9') ++digits;
  const std::string_view unit = token.substr(digits);
  return digits > 0 &&
         (unit == "mo" ||
          (unit.size() == 1 && std::string_view("smhdwy").find(unit[0]) != std::string_view::npos));
}

bool decode_duration(std::string_view token, std::int64_t& seconds, LiteralError& error) {
  const std::size_t unit_length = token.ends_with("mo") ? 2 : 1;
  const std::string_view digits = token.substr(0, token.size() - unit_length);
  std::int64_t n = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  const std::int64_t unit = duration_unit(token.substr(digits.size()));
  constexpr std::int64_t kMax = 100LL * 365 * 86400;  // a century is more than any retention
  if (ec != std::errc() || ptr != digits.data() + digits.size() || n > kMax / unit) {
    error = {0, static_cast<std::uint32_t>(token.size()), "duration is longer than 100 years"};
    return false;
  }
  seconds = n * unit;
  return true;
}

bool decode_number(std::string_view token, double& value, LiteralError& error) {
  const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || ptr != token.data() + token.size() || !std::isfinite(value) ||
      std::fabs(value) > 1e15) {
    error = {0, static_cast<std::uint32_t>(token.size()), "number is out of range"};
    return false;
  }
  return true;
}

std::string format_date(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string format_duration(std::int64_t s) {
  if (s != 0 && s % (365 * 86400) == 0) return std::to_string(s / (365 * 86400)) + "y";
  if (s != 0 && s % 86400 == 0) return std::to_string(s / 86400) + "d";
  if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

}  // namespace moat
