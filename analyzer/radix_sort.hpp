#pragma once
// A stable radix sort by integer keys: ordering the 878,000 threats of a 100,000-element model
// takes a few linear passes over compact items instead of a comparison sort.
#include <cstdint>
#include <vector>

namespace moat {

/// An item radix_sort() orders: its key, and the index of what it stands for.
struct KeyedIndex {
  std::uint64_t key = 0;
  std::uint32_t index = 0;
};

/// Sorts `items` by key, equal keys in their order in `items`. No key has a bit set at position
/// `bits` or above (bits <= 64).
void radix_sort(std::vector<KeyedIndex>& items, unsigned bits);

}  // namespace moat
