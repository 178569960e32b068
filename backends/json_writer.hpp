#pragma once
// A streaming JSON writer for the large machine outputs (`moat check --format json`, the `json`
// format of `moat build`): it writes each value as the caller walks the model, into a buffer that
// goes to a stream in large blocks, so no tree of the whole document is ever built. Its bytes are
// exactly those of nlohmann's `dump(2, ' ', false, error_handler_t::replace)` for the same
// document: two-space indent, `": "` and `,` separators, `[]`/`{}` for empty containers,
// strings escaped as nlohmann escapes them, invalid UTF-8 replaced by U+FFFD
// (tests/unit/test_json_writer.cpp holds the writer to that).
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace moat {

/// Appends `s` to `out` as a quoted JSON string, escaped as nlohmann's dump escapes it without
/// ensure_ascii: `\" \\ \b \f \n \r \t`, other control characters as `\u00xx`, every other valid
/// UTF-8 sequence as is, each invalid or truncated sequence as U+FFFD.
void append_json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  /// Writes into `out`, which holds the whole document at the end.
  explicit JsonWriter(std::string& out) : buffer_(out) {}
  /// Writes to `stream` in blocks of about 64 KiB; flush() or the destructor writes the rest.
  explicit JsonWriter(std::ostream& stream) : buffer_(own_), stream_(&stream) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter() { flush(); }

  /// Opens an object or array at the current position (after key() in an object).
  void begin_object() { open('{'); }
  void begin_array() { open('['); }
  /// Closes the innermost container: `{}`/`[]` when it stayed empty.
  void end_object() { close('}'); }
  void end_array() { close(']'); }
  /// The key of the next member of the innermost object.
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(bool b);
  void value(std::int64_t n);
  void value(std::uint64_t n);
  void value(int n) { value(static_cast<std::int64_t>(n)); }
  void value(unsigned n) { value(static_cast<std::uint64_t>(n)); }
  /// A number as nlohmann prints it (shortest round-trip form).
  void value(double d);
  void null();
  /// A small tree, written at the current position as if it were part of the document.
  void value(const nlohmann::ordered_json& j);

  /// A member: key(k) then value(v).
  template <typename T>
  void member(std::string_view k, const T& v) {
    key(k);
    value(v);
  }
  /// A string made of `parts` one after the other, escaped as one (no allocation per call: ids
  /// such as `element.rule` are joined in a buffer the writer keeps).
  void value_concat(std::initializer_list<std::string_view> parts);
  /// A member whose value is null when `s` is empty.
  void member_or_null(std::string_view k, const std::string& s);

  /// Writes what the buffer holds to the stream (nothing when writing into a string).
  void flush();

 private:
  void open(char bracket);
  void close(char bracket);
  /// Separator and indent before a value in an array (nothing after a key or at the top).
  void before_value();
  void newline_indent(std::size_t depth);
  void maybe_flush() {
    if (stream_ && buffer_.size() >= kBlock) flush();
  }

  static constexpr std::size_t kBlock = 64 * 1024;
  std::string own_;
  std::string scratch_;
  std::string& buffer_;
  std::ostream* stream_ = nullptr;
  /// Members or items written so far in each open container, innermost last.
  std::vector<std::size_t> counts_;
  bool after_key_ = false;
};

/// What `write(JsonWriter&)` writes, read back as a tree: the tree form of a streamed part, for
/// the small documents built around one (`moat serve`) and for tests.
template <typename Write>
nlohmann::ordered_json written_tree(Write write) {
  std::string text;
  {
    JsonWriter w(text);
    write(w);
  }
  return nlohmann::ordered_json::parse(text);
}

}  // namespace moat
