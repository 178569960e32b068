#pragma once
// One SARIF result's JSON, built from the parser's SAX events into a flat array of nodes and one
// text buffer that the next result reuses: reading a result allocates nothing once the buffers
// have grown, where nlohmann's DOM allocated every object, key and string (docs/performance.md).
// A node answers the few questions the reader asks of nlohmann::json, with the same meaning: a
// duplicate key's last value wins, as it does when nlohmann builds an object.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace moat::sarif {

class JsonTree;

class JsonNode {
 public:
  enum class Type : std::uint8_t { Null, Boolean, Integer, Unsigned, Float, String, Object, Array };

  bool is_null() const { return type_ == Type::Null; }
  bool is_boolean() const { return type_ == Type::Boolean; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_string() const { return type_ == Type::String; }
  bool is_number_integer() const { return type_ == Type::Integer || type_ == Type::Unsigned; }
  bool is_number() const { return is_number_integer() || type_ == Type::Float; }

  /// A string's text (valid until the tree is cleared).
  std::string_view text() const;
  /// An integer's value, as nlohmann's get<std::int64_t>() converts it.
  std::int64_t integer() const;
  /// A number as nlohmann's dump() writes it.
  std::string dump() const;
  /// The key this value has in its object.
  std::string_view key() const;

  /// An array's or object's element count (an object's duplicate keys counted once).
  std::size_t size() const;
  /// The first element of an array or object; null when empty.
  const JsonNode* first() const;
  /// The next element of the same array or object; null after the last. For objects, a key
  /// given again later is skipped here: only its last value is visited.
  const JsonNode* next() const;
  /// The value of `key` in an object (its last, when given twice); null when absent.
  const JsonNode* find(std::string_view key) const;

 private:
  friend class JsonTree;
  const JsonNode* raw_next() const;
  bool overridden() const;

  const JsonTree* tree_ = nullptr;
  Type type_ = Type::Null;
  bool boolean_ = false;
  bool member_ = false;                        ///< a value in an object (it has a key)
  bool overridden_ = false;                    ///< its key is given again later in its object
  std::uint32_t key_at_ = 0, key_size_ = 0;    ///< in the tree's text
  std::uint32_t text_at_ = 0, text_size_ = 0;  ///< a string's, in the tree's text
  std::uint32_t first_ = 0;                    ///< first child's index; 0: none
  std::uint32_t next_ = 0;                     ///< next sibling's index; 0: none
  std::uint32_t count_ = 0;                    ///< children
  union {
    std::int64_t integer_;
    std::uint64_t unsigned_;
    double float_;
  } number_{0};
};

/// The builder: one value at a time, from SAX events (evidence/sarif_reader.cpp).
class JsonTree {
 public:
  /// Forgets the last value, keeping the buffers' capacity.
  void clear();
  /// The key of the next value added to the open object.
  void key(std::string_view k);
  void add_null();
  void add_boolean(bool v);
  void add_integer(std::int64_t v);
  void add_unsigned(std::uint64_t v);
  void add_float(double v);
  void add_string(std::string_view v);
  void open_object() { open(JsonNode::Type::Object); }
  void open_array() { open(JsonNode::Type::Array); }
  void close();
  /// Containers still open: 0 when the value is complete.
  std::size_t depth() const { return open_.size(); }
  /// The value built (the first node); only when the tree holds one.
  const JsonNode& root() const { return nodes_.front(); }

 private:
  friend class JsonNode;
  JsonNode& add(JsonNode::Type type);
  void open(JsonNode::Type type);
  std::uint32_t store(std::string_view s);
  void mark_overridden(std::uint32_t object);

  struct Open {
    std::uint32_t node, last_child;
  };
  std::vector<JsonNode> nodes_;
  std::vector<Open> open_;
  std::string text_;
  std::uint32_t key_at_ = 0, key_size_ = 0;
  std::vector<std::uint32_t> children_;        ///< scratch of mark_overridden
  std::unordered_set<std::string_view> keys_;  ///< scratch of mark_overridden
};

}  // namespace moat::sarif
