#include "analyzer/finding_index.hpp"

#include <utility>

namespace moat {

std::size_t PairTable::home(std::uint64_t key) const {
  // Fibonacci hashing: the product's bits from 32 up (well mixed), masked to the table.
  return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ull) >> 32) & (slots_.size() - 1);
}

std::uint32_t PairTable::find(std::uint64_t key) const {
  if (slots_.empty()) return UINT32_MAX;
  for (std::size_t i = home(key);; i = (i + 1) & (slots_.size() - 1)) {
    if (slots_[i].key == key) return slots_[i].number;
    if (slots_[i].key == kEmpty) return UINT32_MAX;
  }
}

void PairTable::insert(std::uint64_t key, std::uint32_t number) {
  // At most half full: probes stay short, and one slot is always empty.
  if (2 * (count_ + 1) > slots_.size()) grow();
  std::size_t i = home(key);
  while (slots_[i].key != kEmpty) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = {key, number};
  ++count_;
}

void PairTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
  count_ = 0;
  for (const Slot& s : old) {
    if (s.key != kEmpty) insert(s.key, s.number);
  }
}

// Each anchor's pairs chained through `next_` (newest first), a pair found by its weakness along
// its anchor's chain: an anchor usually has a few weaknesses, and the chains are flat arrays,
// where a hash map keyed by (anchor, weakness) missed the cache on every one of the 878,000
// threats of the 100k model (7.6 % of its check). A model decides how many weaknesses one anchor
// has (every rule without `weakness` is its own), so an anchor whose chain grows past
// kChainLimit is looked up in a hash map instead: walking 100,000 of them per threat made the
// check quadratic.
FindingIndex::FindingIndex(std::size_t elements)
    : head_(elements, kNone), chain_length_(elements, 0) {}

std::uint32_t FindingIndex::number(ElementId anchor, WeaknessId weakness) {
  const std::uint32_t k = find(anchor, weakness);
  if (k != kNone) return k;
  add(anchor, weakness);
  return size() - 1;
}

std::uint32_t FindingIndex::find(ElementId anchor, WeaknessId weakness) const {
  if (chain_length_[anchor] > kChainLimit) {
    return long_chains_.find(key(anchor, weakness));
  }
  std::uint32_t k = head_[anchor];
  while (k != kNone && weakness_[k] != weakness) k = next_[k];
  return k;
}

void FindingIndex::add(ElementId anchor, WeaknessId weakness) {
  const std::uint32_t k = size();
  next_.push_back(head_[anchor]);
  anchor_.push_back(anchor);
  weakness_.push_back(weakness);
  head_[anchor] = k;
  const std::uint32_t length = ++chain_length_[anchor];
  if (length == kChainLimit + 1) {  // the chain moves to the map, this pair included
    for (std::uint32_t c = k; c != kNone; c = next_[c])
      long_chains_.insert(key(anchor, weakness_[c]), c);
  } else if (length > kChainLimit + 1) {
    long_chains_.insert(key(anchor, weakness), k);
  }
}

}  // namespace moat
