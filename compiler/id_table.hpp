#pragma once
// The element namespace: identifier -> ElementId, open addressing over 8-byte slots. Keys are
// not copied: a slot names an element (whose `id` is the key) or an earlier id (`was`). On a
// 400,000-element model this replaced std::unordered_map, whose node hops dominated checking.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/types.hpp"

namespace moat {

struct ElementRec;

class IdTable {
 public:
  /// Looks `key` up; kNoElement when absent.
  ElementId find(std::string_view key, const IdVector<ElementId, ElementRec>& elements) const;
  /// Adds `elements[e].id`; returns the element already holding that id, or kNoElement.
  ElementId add(ElementId e, const IdVector<ElementId, ElementRec>& elements);
  /// Adds an earlier id of `e`; returns the element already holding it, or kNoElement.
  ElementId add_alias(std::string alias, ElementId e,
                      const IdVector<ElementId, ElementRec>& elements);
  bool contains(std::string_view key, const IdVector<ElementId, ElementRec>& elements) const {
    return find(key, elements) != kNoElement;
  }
  void reserve(std::size_t n);

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t value = kEmpty;  ///< element id, or kAliasBit | index into aliases_
  };
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  static constexpr std::uint32_t kAliasBit = 0x80000000u;

  std::string_view key_of(const Slot& s, const IdVector<ElementId, ElementRec>& elements) const;
  ElementId element_of(const Slot& s) const;
  ElementId insert(std::string_view key, std::uint32_t value,
                   const IdVector<ElementId, ElementRec>& elements);
  void grow(const IdVector<ElementId, ElementRec>& elements);

  std::vector<Slot> slots_;
  std::vector<std::pair<std::string, ElementId>> aliases_;
  std::size_t size_ = 0;
};

}  // namespace moat
