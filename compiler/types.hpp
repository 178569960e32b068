#pragma once
// Value types of the schema and of rule expressions, and the packed value representation the
// model graph stores (one 64-bit word per attribute, lists and strings in side pools).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "compiler/ids.hpp"

namespace moat {

using EnumId = std::uint32_t;

/// The seven element kinds, in the order of ast::ElementKind.
enum class Kind : std::uint8_t { Actor, External, Process, Store, Data, Boundary, Flow };
inline constexpr int kKindCount = 7;
using KindMask = std::uint8_t;
inline constexpr KindMask kind_bit(Kind k) {
  return static_cast<KindMask>(1u << static_cast<int>(k));
}
inline constexpr KindMask kNodeKinds = kind_bit(Kind::Actor) | kind_bit(Kind::External) |
                                       kind_bit(Kind::Process) | kind_bit(Kind::Store);
inline constexpr KindMask kAllKinds = 0x7f;
const char* kind_name(Kind k);
/// "an actor", "a data element": a kind with its article, for messages.
std::string kind_with_article(Kind k);

enum class Base : std::uint8_t {
  Bool,
  Number,
  String,
  Date,
  Duration,
  Location,    ///< a code location string: path[:line[-line]]
  Control,     ///< a control id such as CC6.1, checked against the loaded catalogs
  Name,        ///< an identifier kept as written (`was = [old_id]`)
  Enum,        ///< a member of `enum_id`
  Element,     ///< a reference to an element whose kind is in `kinds`
  Target,      ///< a mitigation/acceptance target: ELEMENT, ELEMENT.CATEGORY, ELEMENT.RULE
  Assumption,  ///< a reference to an assumption
  Invalid,     ///< the type of an expression that already had an error
};

struct Type {
  Base base = Base::Invalid;
  bool list = false;
  bool optional = false;
  EnumId enum_id = 0;  ///< Enum
  KindMask kinds = 0;  ///< Element
  bool operator==(const Type& o) const {
    return base == o.base && list == o.list && enum_id == o.enum_id &&
           (base != Base::Element || kinds == o.kinds);
  }
  Type element_type() const {
    Type t = *this;
    t.list = false;
    return t;
  }
};

/// A packed value: booleans, enum ordinals, dates (days), durations (seconds), element ids,
/// string and control pool indices as integers; numbers as the bits of a double; lists as
/// (offset << 32 | length) into the list pool.
struct Val {
  std::int64_t bits = kUnset;
  static constexpr std::int64_t kUnset = std::numeric_limits<std::int64_t>::min();
  bool is_set() const { return bits != kUnset; }
  static Val of(std::int64_t v) { return Val{v}; }
  /// An element reference, string or criterion index held as a value, and back.
  template <class Tag>
  static Val of(Id<Tag> id) {
    return Val{static_cast<std::int64_t>(id.index())};
  }
  /// An unset value holds no id: none (not the table's first item).
  template <class IdT>
  IdT id() const {
    return is_set() ? IdT(static_cast<std::uint32_t>(bits)) : IdT::none();
  }
  static Val number(double d);
  double as_number() const;
  std::uint32_t list_offset() const {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(bits) >> 32);
  }
  std::uint32_t list_size() const { return static_cast<std::uint32_t>(bits & 0xffffffff); }
  static Val list(std::uint32_t offset, std::uint32_t size) {
    return Val{static_cast<std::int64_t>((static_cast<std::uint64_t>(offset) << 32) | size)};
  }
};

struct EnumDef {
  std::string name;
  bool ordered = false;
  std::vector<std::string> members;
  int member_index(std::string_view m) const;
};

}  // namespace moat
