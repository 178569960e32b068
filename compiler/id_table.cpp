#include "compiler/id_table.hpp"

#include "compiler/graph.hpp"

namespace moat {

namespace {
// FNV-1a, 32-bit: identifiers are short, and the table compares the full key on a hash match.
std::uint32_t hash_id(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}
}  // namespace

std::string_view IdTable::key_of(const Slot& s,
                                 const IdVector<ElementId, ElementRec>& elements) const {
  if (s.value & kAliasBit) return aliases_[s.value & ~kAliasBit].first;
  return elements[ElementId(s.value)].id;
}

ElementId IdTable::element_of(const Slot& s) const {
  if (s.value & kAliasBit) return aliases_[s.value & ~kAliasBit].second;
  return ElementId(s.value);
}

ElementId IdTable::find(std::string_view key,
                        const IdVector<ElementId, ElementRec>& elements) const {
  if (slots_.empty()) return kNoElement;
  const std::uint32_t h = hash_id(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.value == kEmpty) return kNoElement;
    if (s.hash == h && key_of(s, elements) == key) return element_of(s);
  }
}

void IdTable::reserve(std::size_t n) {
  std::size_t cap = 16;
  while (cap < n * 2) cap *= 2;
  if (cap > slots_.size() && size_ == 0) slots_.assign(cap, Slot{});
}

void IdTable::grow(const IdVector<ElementId, ElementRec>& elements) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.value == kEmpty) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].value != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
  }
  (void)elements;
}

ElementId IdTable::insert(std::string_view key, std::uint32_t value,
                          const IdVector<ElementId, ElementRec>& elements) {
  if ((size_ + 1) * 2 > slots_.size()) grow(elements);
  const std::uint32_t h = hash_id(key);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (; slots_[i].value != kEmpty; i = (i + 1) & mask) {
    if (slots_[i].hash == h && key_of(slots_[i], elements) == key) return element_of(slots_[i]);
  }
  slots_[i] = {h, value};
  ++size_;
  return kNoElement;
}

ElementId IdTable::add(ElementId e, const IdVector<ElementId, ElementRec>& elements) {
  return insert(elements[e].id, e.index(), elements);
}

ElementId IdTable::add_alias(std::string alias, ElementId e,
                             const IdVector<ElementId, ElementRec>& elements) {
  if (const ElementId existing = find(alias, elements); existing != kNoElement) return existing;
  aliases_.push_back({std::move(alias), e});
  const auto index = static_cast<std::uint32_t>(aliases_.size() - 1);
  return insert(aliases_.back().first, kAliasBit | index, elements);
}

}  // namespace moat
