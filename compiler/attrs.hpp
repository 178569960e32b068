#pragma once
// Reads the attribute values of one element or declaration by name. The values are in place
// with the schema's defaults once the graph is built, so an attribute the kind declares reads
// as written or as its default; one it does not declare, or an optional one left out, reads as
// unset. The compiler fills its declaration records with it; the backends read elements with it.
#include <optional>
#include <string>
#include <vector>

#include "compiler/graph.hpp"

namespace moat {

/// The attributes of one element or declaration: `kind` says which schema, `offset` where its
/// values start in ModelGraph::values.
struct Attrs {
  const ModelGraph& g;
  DeclKind kind;
  std::uint32_t offset;

  /// The value, unset when the kind has no attribute `name`.
  Val get(const char* name) const;
  /// A string; "" when unset.
  std::string str(const char* name) const;
  /// A bool; false when unset.
  bool flag(const char* name) const;
  /// An enum member's ordinal; 0 when unset.
  std::uint8_t ordinal(const char* name) const;
  /// An enum member's name, or a list's members joined by ", "; "" when unset or not an enum.
  std::string member(const char* name) const;
  /// A date (days since 1970-01-01) or other integer; std::nullopt when unset.
  std::optional<std::int64_t> opt_int(const char* name) const;
  /// The items of a list of ids or ordinals; empty when unset.
  template <typename T>
  std::vector<T> list(const char* name) const {
    std::vector<T> out;
    const Val v = get(name);
    if (!v.is_set()) return out;
    out.reserve(v.list_size());
    for (std::uint32_t i = 0; i < v.list_size(); ++i) {
      const Val item = g.list_items[v.list_offset() + i];
      if constexpr (is_id_v<T>)
        out.push_back(item.id<T>());
      else
        out.push_back(static_cast<T>(item.bits));
    }
    return out;
  }
  /// The items of a list of strings.
  std::vector<std::string> strings(const char* name) const;
  /// The items of a list of elements.
  std::vector<ElementId> elements(const char* name) const { return list<ElementId>(name); }
};

/// The name of member `ordinal` of enum `enum_name` ("" when there is no such member).
std::string member_name(const ModelGraph& g, const char* enum_name, std::uint8_t ordinal);

/// The attributes of element `e`.
Attrs attrs_of(const ModelGraph& g, ElementId e);
/// The attributes of the `model` declaration.
Attrs model_attrs(const ModelGraph& g);

}  // namespace moat
