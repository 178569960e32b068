#include "backends/json_writer.hpp"

#include <algorithm>
#include <array>
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

/// The escape of an ASCII byte, or empty when it is written as is.
std::string_view ascii_escape(unsigned char c) {
  static const char* const kControl[32] = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  if (c < 0x20) return kControl[c];
  if (c == '"') return "\\\"";
  if (c == '\\') return "\\\\";
  return {};
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
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (const std::uint64_t hits = special_bytes(w)) {
      // Little-endian: the lowest set bit is in the first special byte.
      return i + static_cast<std::size_t>(std::countr_zero(hits) / 8);
    }
  }
  if (i == s.size()) return i;
  if (s.size() >= 8) {
    // The last word, overlapping the one before: only its bytes from `i` on are new.
    std::uint64_t w;
    std::memcpy(&w, s.data() + s.size() - 8, 8);
    const std::size_t seen = 8 - (s.size() - i);
    const std::uint64_t hits = special_bytes(w) >> (8 * seen);
    return hits ? i + static_cast<std::size_t>(std::countr_zero(hits) / 8) : s.size();
  }
  // Shorter than a word (most keys): byte by byte, by table.
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> special{};
    for (int c = 0; c < 256; ++c) special[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
    return special;
  }();
  while (i < s.size() && !kSpecial[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

/// A newline and the indent of the usual depths, up to 32 levels.
constexpr std::string_view kIndent =
    "\n                                                                ";

/// Writes the escaped form of `s`, without quotes, through `put(const char*, std::size_t)`.
template <typename Put>
void escape(std::string_view s, Put put) {
  std::size_t i = 0;
  while (i < s.size()) {
    // The common case: a run of printable ASCII, copied at once.
    const std::size_t run = plain_run(s.substr(i));
    if (run > 0) put(s.data() + i, run);
    i += run;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      const std::string_view e = ascii_escape(c);
      put(e.data(), e.size());
      ++i;
      continue;
    }
    std::size_t bad = 0;
    if (const std::size_t n = utf8_sequence(s, i, bad)) {
      put(s.data() + i, n);
      i += n;
    } else {
      put(kReplacement.data(), kReplacement.size());
      i += bad;
    }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  escape(s, [&](const char* p, std::size_t n) { out.append(p, n); });
  out += '"';
}

void JsonWriter::string(std::string_view s) {
  // Room for the string as it is, the usual case, so most of it goes in with one check.
  room(s.size() + 2);
  put('"');
  escape(s, [this](const char* p, std::size_t n) { put(p, n); });
  put('"');
}

void JsonWriter::grow(std::size_t n) {
  const std::size_t capacity = std::max({2 * capacity_, used_ + n, 2 * kBlock});
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (used_ > 0) std::memcpy(bigger.get(), buffer_.get(), used_);
  buffer_ = std::move(bigger);
  capacity_ = capacity;
}

void JsonWriter::key(JsonKey key) {
  const std::string_view k = key.text();
  const bool first = counts_.back()++ == 0;
  const std::size_t indent = 1 + 2 * counts_.size();
  if (indent > kIndent.size()) {
    if (!first) put(',');
    newline_indent(counts_.size());
    string(k);
    put(": ", 2);
  } else {
    // The usual case: `,` newline indent `"key": ` in one go.
    char* at = room(k.size() + indent + 5);
    if (!first) *at++ = ',';
    std::memcpy(at, kIndent.data(), indent);
    at += indent;
    *at++ = '"';
    std::memcpy(at, k.data(), k.size());
    at += k.size();
    std::memcpy(at, "\": ", 3);
    used_ = static_cast<std::size_t>(at + 3 - buffer_.get());
  }
  after_key_ = true;
}

void JsonWriter::key_text(std::string_view k) {
  if (counts_.back()++ > 0) put(',');
  newline_indent(counts_.size());
  string(k);
  put(": ", 2);
  after_key_ = true;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()++ > 0) put(',');
  newline_indent(counts_.size());
}

void JsonWriter::newline_indent(std::size_t depth) {
  // One copy for the usual depths (a threat's members are at depth 4 or so).
  if (2 * depth < kIndent.size()) {
    put(kIndent.data(), 1 + 2 * depth);
    return;
  }
  put('\n');
  for (std::size_t i = 0; i < depth; ++i) put("  ", 2);
}

void JsonWriter::open(char bracket) {
  before_value();
  put(bracket);
  counts_.push_back(0);
}

void JsonWriter::close(char bracket) {
  const std::size_t count = counts_.back();
  counts_.pop_back();
  if (count > 0) newline_indent(counts_.size());
  put(bracket);
  maybe_flush();
}

void JsonWriter::value(std::string_view s) {
  before_value();
  string(s);
  maybe_flush();
}

void JsonWriter::value(bool b) {
  before_value();
  if (b) {
    put("true", 4);
  } else {
    put("false", 5);
  }
}

void JsonWriter::value(std::int64_t n) {
  before_value();
  char* at = room(24);
  used_ = static_cast<std::size_t>(std::to_chars(at, at + 24, n).ptr - buffer_.get());
}

void JsonWriter::value(std::uint64_t n) {
  before_value();
  char* at = room(24);
  used_ = static_cast<std::size_t>(std::to_chars(at, at + 24, n).ptr - buffer_.get());
}

void JsonWriter::value(double d) {
  before_value();
  // Rare in the documents (plan values): nlohmann's own form, so the bytes cannot differ.
  const std::string text = nlohmann::ordered_json(d).dump();
  put(text.data(), text.size());
}

void JsonWriter::null() {
  before_value();
  put("null", 4);
}

void JsonWriter::value_concat(std::initializer_list<std::string_view> parts) {
  // Ids (`element.rule`) are plain ASCII: their parts escape one by one as the whole would, and
  // a plain part is copied as it is. Otherwise a UTF-8 sequence could be cut between two parts,
  // so they are joined first.
  std::size_t plain = 0, length = 2;
  for (std::string_view part : parts) {
    if (plain_run(part) != part.size()) break;
    ++plain;
    length += part.size();
  }
  if (plain + 1 < parts.size()) {
    std::string joined;
    for (std::string_view part : parts) joined += part;
    value(std::string_view(joined));
    return;
  }
  before_value();
  if (plain == parts.size()) {
    char* at = room(length);
    *at++ = '"';
    for (std::string_view part : parts) {
      if (part.empty()) continue;
      std::memcpy(at, part.data(), part.size());
      at += part.size();
    }
    *at++ = '"';
    used_ = static_cast<std::size_t>(at - buffer_.get());
  } else {
    put('"');
    for (std::string_view part : parts)
      escape(part, [this](const char* p, std::size_t n) { put(p, n); });
    put('"');
  }
  maybe_flush();
}

void JsonWriter::member_or_null(JsonKey k, const std::string& s) {
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
        key_text(k);
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
    default: {  // null, and the binary and discarded values no document holds
      before_value();
      const std::string text = j.dump();
      put(text.data(), text.size());
    }
  }
}

void JsonWriter::splice(const JsonWriter& chunk) {
  const std::size_t items = chunk.items();
  if (items == 0) return;
  if (counts_.back() > 0) put(',');
  counts_.back() += items;
  // A chunk is large (a few hundred KB): straight to the output, not through the buffer.
  flush();
  const std::string_view bytes = chunk.bytes();
  if (stream_) {
    stream_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  } else {
    target_->append(bytes);
  }
}

void JsonWriter::flush() {
  if (used_ == 0 || (!stream_ && !target_)) return;  // a chunk writer keeps its bytes
  if (stream_) {
    stream_->write(buffer_.get(), static_cast<std::streamsize>(used_));
  } else {
    target_->append(buffer_.get(), used_);
  }
  used_ = 0;
}

}  // namespace moat
