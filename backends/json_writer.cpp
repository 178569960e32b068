#include "backends/json_writer.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>

namespace moat {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

/// The length of the valid UTF-8 sequence at `s[i]` (a lead byte of 0x80 or more), or 0 when it
/// is invalid or truncated; `bad` is then how many bytes nlohmann's decoder consumes before it
/// rejects: the lead byte alone when it can start no sequence, else the lead and the
/// continuation bytes it accepted (the rejecting byte is read again as the start of a new one).
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t& bad) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;  // no overlong forms
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    bad = 1;
    return 0;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) {
      bad = k;  // truncated at the end: one replacement for what was read
      return 0;
    }
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < lo || c > hi) {
      bad = k;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

/// The escape of an ASCII byte, or null when it is written as is.
const char* ascii_escape(unsigned char c) {
  static const char* const kControl[32] = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  if (c < 0x20) return kControl[c];
  if (c == '"') return "\\\"";
  if (c == '\\') return "\\\\";
  return nullptr;
}

/// The bytes of `w` that are not written as they are (below 0x20, `"`, `\\`, 0x80 and above),
/// as the high bit of each: the "has a byte less than n" test of SWAR, exact for the lowest byte
/// it marks (a borrow can only mark bytes above a marked one).
std::uint64_t special_bytes(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const std::uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
  return (((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
          ((backslash - kOnes) & ~backslash) | w) &
         kHigh;
}

/// The length of the run of bytes at the start of `s` that are written as they are: printable
/// ASCII other than `"` and `\\`. Eight bytes at a time: most of a document is such runs, and
/// this loop was a fifth of a `check --format json` run when it went byte by byte.
std::size_t plain_run(std::string_view s) {
  static_assert(std::endian::native == std::endian::little, "the first special byte is the lowest");
  constexpr std::uint64_t kPlain = 0x6161616161616161ULL;  // "aaaaaaaa"
  for (std::size_t i = 0; i < s.size(); i += 8) {
    std::uint64_t w = kPlain;  // past the end: plain bytes, so only the string's own count
    std::memcpy(&w, s.data() + i, std::min<std::size_t>(8, s.size() - i));
    if (const std::uint64_t hits = special_bytes(w)) {
      // Little-endian: the lowest set bit is in the first special byte.
      return i + static_cast<std::size_t>(std::countr_zero(hits) / 8);
    }
  }
  return s.size();
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // The common case: a run of printable ASCII, copied at once.
    const std::size_t run = plain_run(s.substr(i));
    out.append(s.data() + i, run);
    i += run;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += ascii_escape(c);
      ++i;
      continue;
    }
    std::size_t bad = 0;
    if (const std::size_t n = utf8_sequence(s, i, bad)) {
      out.append(s.data() + i, n);
      i += n;
    } else {
      out += kReplacement;
      i += bad;
    }
  }
  out += '"';
}

void JsonWriter::key(std::string_view k) {
  if (counts_.back()++ > 0) buffer_ += ',';
  newline_indent(counts_.size());
  append_json_string(buffer_, k);
  buffer_ += ": ";
  after_key_ = true;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()++ > 0) buffer_ += ',';
  newline_indent(counts_.size());
}

void JsonWriter::newline_indent(std::size_t depth) {
  // One append for the usual depths (a threat's members are at depth 4 or so).
  static constexpr std::string_view kIndent =
      "\n                                                                ";
  if (2 * depth < kIndent.size()) {
    buffer_.append(kIndent.data(), 1 + 2 * depth);
    return;
  }
  buffer_ += '\n';
  buffer_.append(2 * depth, ' ');
}

void JsonWriter::open(char bracket) {
  before_value();
  buffer_ += bracket;
  counts_.push_back(0);
}

void JsonWriter::close(char bracket) {
  const std::size_t count = counts_.back();
  counts_.pop_back();
  if (count > 0) newline_indent(counts_.size());
  buffer_ += bracket;
  maybe_flush();
}

void JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(buffer_, s);
  maybe_flush();
}

void JsonWriter::value(bool b) {
  before_value();
  buffer_ += b ? "true" : "false";
}

void JsonWriter::value(std::int64_t n) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  buffer_.append(digits, end);
}

void JsonWriter::value(std::uint64_t n) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  buffer_.append(digits, end);
}

void JsonWriter::value(double d) {
  before_value();
  // Rare in the documents (plan values): nlohmann's own form, so the bytes cannot differ.
  buffer_ += nlohmann::ordered_json(d).dump();
}

void JsonWriter::null() {
  before_value();
  buffer_ += "null";
}

void JsonWriter::value_concat(std::initializer_list<std::string_view> parts) {
  scratch_.clear();
  for (std::string_view part : parts) scratch_ += part;
  value(std::string_view(scratch_));
}

void JsonWriter::member_or_null(std::string_view k, const std::string& s) {
  key(k);
  if (s.empty()) {
    null();
  } else {
    value(s);
  }
}

void JsonWriter::value(const nlohmann::ordered_json& j) {
  using Type = nlohmann::ordered_json::value_t;
  switch (j.type()) {
    case Type::object:
      begin_object();
      for (const auto& [k, v] : j.items()) {
        key(k);
        value(v);
      }
      end_object();
      return;
    case Type::array:
      begin_array();
      for (const auto& v : j) value(v);
      end_array();
      return;
    case Type::string:
      return value(j.get_ref<const std::string&>());
    case Type::boolean:
      return value(j.get<bool>());
    case Type::number_integer:
      return value(j.get<std::int64_t>());
    case Type::number_unsigned:
      return value(j.get<std::uint64_t>());
    case Type::number_float:
      return value(j.get<double>());
    default:  // null, and the binary and discarded values no document holds
      before_value();
      buffer_ += j.dump();
  }
}

void JsonWriter::flush() {
  if (!stream_ || own_.empty()) return;
  stream_->write(own_.data(), static_cast<std::streamsize>(own_.size()));
  own_.clear();
}

}  // namespace moat
