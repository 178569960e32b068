#pragma once
// One attribute of every element kind, its slot in each kind's values resolved once: for passes
// that read the same attribute of many elements, where looking the name up in the kind's slot
// map for every element (attribute_named(), attrs_of().get()) is a cost of its own.
#include <array>

#include "compiler/graph.hpp"

namespace moat {

class AttrSlot {
 public:
  AttrSlot(const ModelGraph& g, std::string_view name) {
    for (int k = 0; k < kDeclKindCount; ++k)
      slot_[static_cast<std::size_t>(k)] = g.schema.of(static_cast<DeclKind>(k)).slot(name);
  }

  /// The attribute's value on `e`, unset when `e`'s kind has no such attribute.
  Val of(const ModelGraph& g, ElementId e) const {
    const int slot = slot_[static_cast<std::size_t>(decl_kind(g.elements[e].kind))];
    return slot < 0 ? Val{} : g.attr(e, slot);
  }
  /// A flag that is set and true.
  bool flag(const ModelGraph& g, ElementId e) const {
    const Val v = of(g, e);
    return v.is_set() && v.bits != 0;
  }

 private:
  std::array<int, kDeclKindCount> slot_{};
};

}  // namespace moat
