#pragma once
// A streaming JSON writer for the large machine outputs (`moat check --format json`, the `json`
// format of `moat build`): it writes each value as the caller walks the model, into a buffer that
// goes to a stream in large blocks, so no tree of the whole document is ever built. Its bytes are
// exactly those of nlohmann's `dump(2, ' ', false, error_handler_t::replace)` for the same
// document: two-space indent, `": "` and `,` separators, `[]`/`{}` for empty containers,
// strings escaped as nlohmann escapes them, invalid UTF-8 replaced by U+FFFD
// (tests/unit/test_json_writer.cpp holds the writer to that).
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
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

/// A member name written in the code, checked when compiling to need no escaping (printable
/// ASCII, no `"` or `\\`), so the writer copies it as it is: a document has a key per value,
/// and escaping each one was a tenth of `moat check --format json`.
class JsonKey {
 public:
  template <std::size_t N>
  consteval JsonKey(const char (&text)[N]) : text_(text, N - 1) {  // NOLINT: implicit on purpose
    for (const char c : text_) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') throw "a JSON key must need no escaping";
    }
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

/// How write_array() (backends/json_parallel.hpp) may split a large array among threads.
struct JsonParallelism {
  /// Threads that write chunks: 0 for one per core (up to 8), 1 to write everything in order.
  unsigned threads = 0;
  /// Items per chunk; an array of fewer than four chunks is written without threads.
  std::size_t chunk_items = 256;
};

class JsonWriter {
 public:
  /// Writes into `out`, which holds the whole document once the writer is destroyed.
  explicit JsonWriter(std::string& out) : target_(&out) {}
  /// A chunk writer: writes items of an array that is `depth` containers deep in the document,
  /// with the indent the enclosing writer would give them, as if they began the array (no `,`
  /// before the first). It keeps them in its buffer (bytes()) for splice() to put into the
  /// enclosing writer: no copy on the way.
  explicit JsonWriter(std::size_t depth)
      : parallelism_{1, 1}, counts_(depth, 0), flush_at_(static_cast<std::size_t>(-1)) {}
  /// Writes to `stream` in blocks of about 64 KiB; flush() or the destructor writes the rest.
  explicit JsonWriter(std::ostream& stream) : stream_(&stream) {}
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
  void key(JsonKey k);
  /// A key that comes from data (a tree's member name): escaped.
  void key_text(std::string_view k);

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
  void member(JsonKey k, const T& v) {
    key(k);
    value(v);
  }
  /// A string made of `parts` one after the other, escaped as one (no allocation per call: ids
  /// such as `element.rule` are joined in a buffer the writer keeps).
  void value_concat(std::initializer_list<std::string_view> parts);
  /// A member whose value is null when `s` is empty.
  void member_or_null(JsonKey k, const std::string& s);

  /// Writes what the buffer holds to the stream or the string.
  void flush();

  /// Containers open at the current position.
  std::size_t depth() const { return counts_.size(); }
  /// Members or items written so far in the innermost container.
  std::size_t items() const { return counts_.back(); }
  /// A chunk writer's items, appended to the innermost array (a chunk writer of this depth),
  /// with the `,` that separates them from the items before.
  void splice(const JsonWriter& chunk);
  /// A chunk writer's bytes so far.
  std::string_view bytes() const { return {buffer_.get(), used_}; }
  /// Empties a chunk writer for the next chunk, keeping its buffer.
  void restart() {
    used_ = 0;
    counts_.back() = 0;
  }

  const JsonParallelism& parallelism() const { return parallelism_; }
  void set_parallelism(JsonParallelism p) { parallelism_ = p; }

 private:
  void open(char bracket);
  void close(char bracket);
  /// Separator and indent before a value in an array (nothing after a key or at the top).
  void before_value();
  void newline_indent(std::size_t depth);
  /// `s` quoted and escaped (append_json_string()'s bytes).
  void string(std::string_view s);
  void maybe_flush() {
    if (used_ >= flush_at_) flush();
  }
  // The bytes go into a buffer of our own, written out in blocks: one bounds check per piece
  // instead of std::string's bookkeeping on every append (most pieces are a few bytes).
  /// Where `n` more bytes go at the end of the buffer.
  char* room(std::size_t n) {
    if (capacity_ - used_ < n) grow(n);
    return buffer_.get() + used_;
  }
  void grow(std::size_t n);
  void put(const char* p, std::size_t n) {
    std::memcpy(room(n), p, n);
    used_ += n;
  }
  void put(char c) {
    *room(1) = c;
    ++used_;
  }

  static constexpr std::size_t kBlock = 64 * 1024;
  std::unique_ptr<char[]> buffer_{new char[2 * kBlock]};
  std::size_t used_ = 0, capacity_ = 2 * kBlock;
  std::string* target_ = nullptr;
  std::ostream* stream_ = nullptr;
  JsonParallelism parallelism_;
  /// Members or items written so far in each open container, innermost last.
  std::vector<std::size_t> counts_;
  bool after_key_ = false;
  /// How full the buffer gets before it goes out: a block, or never for a chunk writer.
  std::size_t flush_at_ = kBlock;
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
