#pragma once
// The findings' numbers (analyzer/findings.hpp): each (anchor, weakness) pair of the threats,
// numbered in the order the pairs are first met.
#include <cstdint>
#include <vector>

#include "compiler/ids.hpp"

namespace moat {

/// A map of (anchor, weakness) keys to numbers in one flat array (open addressing, linear
/// probing): for the anchors with many weaknesses, where std::unordered_map allocated a node per
/// pair and freeing 100,000s of them was a sixth of group_findings() on the 100k model.
class PairTable {
 public:
  /// The number stored for `key`, or UINT32_MAX.
  std::uint32_t find(std::uint64_t key) const;
  /// Stores `number` for `key`, which is not in the table yet.
  void insert(std::uint64_t key, std::uint32_t number);

 private:
  struct Slot {
    std::uint64_t key = kEmpty;
    std::uint32_t number = 0;
  };
  static constexpr std::uint64_t kEmpty = UINT64_MAX;  ///< no anchor index is UINT32_MAX
  std::size_t home(std::uint64_t key) const;
  void grow();

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

class FindingIndex {
 public:
  /// For anchors below `elements`.
  explicit FindingIndex(std::size_t elements);

  /// The number of (anchor, weakness): the number of pairs met so far when it is new.
  std::uint32_t number(ElementId anchor, WeaknessId weakness);
  /// How many pairs have been numbered.
  std::uint32_t size() const { return static_cast<std::uint32_t>(anchor_.size()); }
  ElementId anchor(std::uint32_t k) const { return anchor_[k]; }
  WeaknessId weakness(std::uint32_t k) const { return weakness_[k]; }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  /// Past this many weaknesses an anchor's pairs are looked up in `long_chains_`.
  static constexpr std::uint32_t kChainLimit = 8;

  static std::uint64_t key(ElementId anchor, WeaknessId weakness) {
    return (std::uint64_t{anchor.index()} << 32) | weakness.index();
  }
  std::uint32_t find(ElementId anchor, WeaknessId weakness) const;
  void add(ElementId anchor, WeaknessId weakness);

  IdVector<ElementId, std::uint32_t> head_;          ///< each anchor's newest pair
  IdVector<ElementId, std::uint32_t> chain_length_;  ///< each anchor's number of pairs
  std::vector<std::uint32_t> next_;                  ///< each pair's older pair of its anchor
  std::vector<ElementId> anchor_;
  std::vector<WeaknessId> weakness_;
  PairTable long_chains_;  ///< the pairs of anchors with more than kChainLimit pairs
};

}  // namespace moat
