#pragma once
// Typed indices. Every table of the model graph and of the analysis is addressed by an index of
// its own type, so that a flow's index cannot be passed where an element is expected, nor a
// rule's where a criterion is: the compiler refuses it. An id holds one 32-bit integer, costs
// nothing at run time, and is "none" when default-constructed (the one convention for a missing
// id: `Id()`, `Id::none()`, `is_none()`).
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace moat {

template <class Tag>
class Id {
 public:
  static constexpr std::uint32_t kNoneIndex = 0xffffffffu;

  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t index) : index_(index) {}
  /// The id of position `i` of its table (a loop counter or a size()).
  static constexpr Id at(std::size_t i) { return Id(static_cast<std::uint32_t>(i)); }
  static constexpr Id none() { return Id(); }

  constexpr std::uint32_t index() const { return index_; }
  constexpr bool is_none() const { return index_ == kNoneIndex; }

  friend constexpr bool operator==(Id, Id) = default;
  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  std::uint32_t index_ = kNoneIndex;
};

template <class T>
inline constexpr bool is_id_v = false;
template <class Tag>
inline constexpr bool is_id_v<Id<Tag>> = true;

// clang-format off
struct ElementTag; using ElementId = Id<ElementTag>;          ///< ModelGraph::elements
struct FlowTag; using FlowId = Id<FlowTag>;                   ///< ModelGraph::flows
struct RuleTag; using RuleId = Id<RuleTag>;                   ///< ModelGraph::rules
struct MitigationTag; using MitigationId = Id<MitigationTag>; ///< ModelGraph::mitigations
struct AcceptTag; using AcceptId = Id<AcceptTag>;             ///< ModelGraph::accepts
struct DismissTag; using DismissId = Id<DismissTag>;          ///< ModelGraph::dismissals
struct CriterionTag; using CriterionId = Id<CriterionTag>;    ///< ModelGraph::criteria
struct AssumptionTag; using AssumptionId = Id<AssumptionTag>; ///< ModelGraph::assumptions
struct WeaknessTag; using WeaknessId = Id<WeaknessTag>;       ///< ModelGraph::weaknesses
struct StringTag; using StringId = Id<StringTag>;             ///< ModelGraph::strings
struct ThreatTag; using ThreatId = Id<ThreatTag>;             ///< Analysis::threats
// clang-format on

inline constexpr ElementId kNoElement = ElementId::none();

/// The ids [0, n) of a table, for `for (ElementId e : g.elements.ids())`.
template <class IdT>
class IdRange {
 public:
  class iterator {
   public:
    using value_type = IdT;
    using difference_type = std::ptrdiff_t;
    constexpr iterator() = default;
    constexpr explicit iterator(std::uint32_t i) : i_(i) {}
    constexpr IdT operator*() const { return IdT(i_); }
    constexpr iterator& operator++() {
      ++i_;
      return *this;
    }
    constexpr iterator operator++(int) { return iterator(i_++); }
    friend constexpr bool operator==(iterator, iterator) = default;

   private:
    std::uint32_t i_ = 0;
  };
  constexpr IdRange(std::uint32_t begin, std::uint32_t end) : begin_(begin), end_(end) {}
  constexpr iterator begin() const { return iterator(begin_); }
  constexpr iterator end() const { return iterator(end_); }
  constexpr std::size_t size() const { return end_ - begin_; }

 private:
  std::uint32_t begin_, end_;
};

/// A table addressed by one id type: a std::vector whose subscript takes only that id (an
/// integer or another table's id does not compile). Iteration, size() and push_back are the
/// vector's.
template <class IdT, class T>
class IdVector : public std::vector<T> {
 public:
  using Base = std::vector<T>;
  using Base::Base;

  T& operator[](IdT id) { return Base::operator[](id.index()); }
  const T& operator[](IdT id) const { return Base::operator[](id.index()); }
  /// True when `id` names an item of this table (not none, not past the end).
  bool contains(IdT id) const { return id.index() < this->size(); }
  /// The id the next push_back will have.
  IdT next_id() const { return IdT::at(this->size()); }
  /// The id of an element of this table, given by reference.
  IdT id_of(const T& item) const { return IdT::at(&item - this->data()); }
  IdRange<IdT> ids() const { return ids_from(0); }
  /// The ids [first, size()): `elements.ids_from(1)` skips the outermost boundary.
  IdRange<IdT> ids_from(std::uint32_t first) const {
    const auto n = static_cast<std::uint32_t>(this->size());
    return {first < n ? first : n, n};  // an empty table has no ids from 1
  }
};

/// Compressed rows: the items of row `id`, [offsets[id], offsets[id + 1]).
template <class IdT, class T>
std::span<const T> row_of(const std::vector<T>& items, const std::vector<std::uint32_t>& offsets,
                          IdT id) {
  const std::uint32_t begin = offsets[id.index()];
  return {items.data() + begin, offsets[id.index() + 1] - begin};
}

}  // namespace moat

template <class Tag>
struct std::hash<moat::Id<Tag>> {
  std::size_t operator()(moat::Id<Tag> id) const noexcept {
    return std::hash<std::uint32_t>()(id.index());
  }
};
