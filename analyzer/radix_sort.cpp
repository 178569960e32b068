#include "analyzer/radix_sort.hpp"

#include <cstddef>

namespace moat {

void radix_sort(std::vector<KeyedIndex>& items, unsigned bits) {
  if (items.size() < 2 || bits == 0) return;
  // Least significant digit first, each pass stable. Digits of at most 11 bits: the 2,048
  // counters and the places they write to stay in the first-level caches.
  constexpr unsigned kMaxDigit = 11;
  const unsigned passes = (bits + kMaxDigit - 1) / kMaxDigit;
  const unsigned digit = (bits + passes - 1) / passes;
  const std::size_t buckets = std::size_t{1} << digit;
  const std::uint64_t mask = buckets - 1;
  // Every pass's counts in one read of the keys.
  std::vector<std::size_t> counts(passes * buckets, 0);
  for (const KeyedIndex& item : items) {
    for (unsigned p = 0; p < passes; ++p)
      ++counts[p * buckets + ((item.key >> (p * digit)) & mask)];
  }
  std::vector<KeyedIndex> moved(items.size());
  for (unsigned p = 0; p < passes; ++p) {
    std::size_t* start = &counts[p * buckets];
    const unsigned shift = p * digit;
    // A digit that every key shares moves nothing.
    if (start[(items.front().key >> shift) & mask] == items.size()) continue;
    std::size_t sum = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::size_t n = start[b];
      start[b] = sum;
      sum += n;
    }
    for (const KeyedIndex& item : items) moved[start[(item.key >> shift) & mask]++] = item;
    items.swap(moved);
  }
}

}  // namespace moat
