// radix_sort() (analyzer/radix_sort.hpp): threat_order() sorts every threat with it. These tests
// hold it to std::stable_sort on keys of every width up to 64 bits (one pass to six), with many
// equal keys (their order must be kept) and with digits that every key shares (passes skipped).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "analyzer/radix_sort.hpp"

namespace {

using moat::KeyedIndex;

/// `n` items with keys of `bits` bits from `random`, `distinct` different keys at most, each
/// key's low `shared` bits equal; the index is the item's place.
std::vector<KeyedIndex> random_items(std::mt19937_64& random, std::size_t n, unsigned bits,
                                     std::size_t distinct, unsigned shared) {
  const std::uint64_t mask = bits == 64 ? UINT64_MAX : (std::uint64_t{1} << bits) - 1;
  std::vector<std::uint64_t> keys(distinct);
  const std::uint64_t low = shared == 0 ? 0 : 1;  // the low `shared` bits: 0...01
  for (std::uint64_t& k : keys) k = (random() & mask & ~((std::uint64_t{1} << shared) - 1)) | low;
  std::vector<KeyedIndex> items(n);
  for (std::uint32_t i = 0; i < n; ++i) items[i] = {keys[random() % distinct] & mask, i};
  return items;
}

bool same(const std::vector<KeyedIndex>& x, const std::vector<KeyedIndex>& y) {
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const auto& a, const auto& b) {
    return a.key == b.key && a.index == b.index;
  });
}

void check_against_stable_sort(std::vector<KeyedIndex> items, unsigned bits) {
  std::vector<KeyedIndex> expected = items;
  std::stable_sort(expected.begin(), expected.end(),
                   [](const KeyedIndex& x, const KeyedIndex& y) { return x.key < y.key; });
  moat::radix_sort(items, bits);
  CHECK(same(items, expected));
}

}  // namespace

TEST_CASE("radix sort: the order of std::stable_sort, at every key width") {
  std::mt19937_64 random(18);
  for (unsigned bits = 1; bits <= 64; ++bits) {
    CAPTURE(bits);
    // Few distinct keys (long runs of equal ones), then mostly distinct ones.
    check_against_stable_sort(random_items(random, 3000, bits, 7, 0), bits);
    check_against_stable_sort(random_items(random, 3000, bits, 2500, 0), bits);
    // The low digit the same in every key: that pass moves nothing.
    if (bits > 12) check_against_stable_sort(random_items(random, 3000, bits, 500, 11), bits);
  }
}

TEST_CASE("radix sort: no items, one item, and keys that are all equal") {
  std::vector<KeyedIndex> none;
  moat::radix_sort(none, 20);
  CHECK(none.empty());
  std::vector<KeyedIndex> one{{5, 0}};
  moat::radix_sort(one, 3);
  CHECK((one[0].key == 5 && one[0].index == 0));
  std::vector<KeyedIndex> equal(100, KeyedIndex{42, 0});
  for (std::uint32_t i = 0; i < equal.size(); ++i) equal[i].index = i;
  const std::vector<KeyedIndex> before = equal;
  moat::radix_sort(equal, 40);
  CHECK(same(equal, before));
}
