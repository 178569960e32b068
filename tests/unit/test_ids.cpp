// Typed ids (compiler/ids.hpp): the contract the rest of the code relies on. An id is "none"
// until given an index, round-trips its index, orders as its index, and converts neither from a
// plain integer implicitly nor from another table's id; an IdVector's subscript takes only its
// own id. The compile-time half of these checks is static_assert: a wrong conversion that
// started to compile would fail the build, not a run.
#include <doctest/doctest.h>

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "compiler/graph.hpp"
#include "compiler/ids.hpp"
#include "compiler/types.hpp"

using namespace moat;

namespace {

/// True when `v[i]` compiles for a `V` v and an `I` i.
template <class V, class I>
concept Subscriptable = requires(V& v, I i) {
  v[i];
};

using Elements = IdVector<ElementId, int>;

// An id is made from an integer only explicitly, and never from another table's id.
static_assert(std::is_constructible_v<ElementId, std::uint32_t>);
static_assert(!std::is_convertible_v<std::uint32_t, ElementId>);
static_assert(!std::is_convertible_v<int, ElementId>);
static_assert(!std::is_convertible_v<std::size_t, ElementId>);
static_assert(!std::is_convertible_v<FlowId, ElementId>);
static_assert(!std::is_constructible_v<ElementId, FlowId>);
static_assert(!std::is_convertible_v<ElementId, FlowId>);
static_assert(!std::is_constructible_v<FlowId, ElementId>);
static_assert(!std::is_convertible_v<RuleId, CriterionId>);
static_assert(!std::is_constructible_v<CriterionId, RuleId>);
// Nor does an id turn back into an integer by itself: index() says so where one is needed.
static_assert(!std::is_convertible_v<ElementId, std::uint32_t>);
static_assert(!std::is_constructible_v<std::uint32_t, ElementId>);
// Zero cost: one 32-bit integer, copied as one.
static_assert(sizeof(ElementId) == sizeof(std::uint32_t));
static_assert(std::is_trivially_copyable_v<ElementId>);

// An IdVector's subscript takes its own id, and neither another id nor an integer.
static_assert(Subscriptable<Elements, ElementId>);
static_assert(Subscriptable<const Elements, ElementId>);
static_assert(!Subscriptable<Elements, FlowId>);
static_assert(!Subscriptable<const Elements, FlowId>);
static_assert(!Subscriptable<Elements, int>);
static_assert(!Subscriptable<const Elements, int>);
static_assert(!Subscriptable<Elements, std::uint32_t>);
static_assert(!Subscriptable<Elements, std::size_t>);
// The check itself can tell: a plain vector takes an integer.
static_assert(Subscriptable<std::vector<int>, int>);

}  // namespace

TEST_CASE("ids: a default id is none") {
  const ElementId e;
  CHECK(e.is_none());
  CHECK(e == ElementId::none());
  CHECK(e == kNoElement);
  CHECK(e.index() == ElementId::kNoneIndex);
  CHECK(ElementId::kNoneIndex == 0xffffffffu);
  CHECK(FlowId().is_none());
  CHECK(ThreatId().is_none());
  CHECK_FALSE(ElementId(0).is_none());
  CHECK_FALSE(ElementId::at(0).is_none());
  CHECK(ElementId(0) != kNoElement);
  // The outside world, element 0, is an element and not none.
  CHECK(ModelGraph::kOutside == ElementId(0));
}

TEST_CASE("ids: Id::at and index round trip") {
  for (const std::uint32_t i : {0u, 1u, 7u, 1000u, 0xfffffffeu}) {
    CAPTURE(i);
    CHECK(ElementId::at(i).index() == i);
    CHECK(ElementId(i).index() == i);
    CHECK(ElementId::at(i) == ElementId(i));
    CHECK(ElementId::at(ElementId(i).index()) == ElementId(i));
  }
  const std::size_t position = 42;
  CHECK(RuleId::at(position).index() == 42u);
}

TEST_CASE("ids: an id orders as its index and none after every index") {
  CHECK(ElementId(2) < ElementId(3));
  CHECK(ElementId(3) > ElementId(2));
  CHECK(ElementId(2) <= ElementId(2));
  CHECK((ElementId(1) <=> ElementId(2)) == std::strong_ordering::less);
  CHECK((ElementId(2) <=> ElementId(2)) == std::strong_ordering::equal);
  CHECK(ElementId(0xfffffffeu) < kNoElement);
  const std::vector<std::uint32_t> indices = {5, 0, 9, 3, 3, 1};
  std::vector<ThreatId> ids;
  for (const std::uint32_t i : indices) ids.push_back(ThreatId(i));
  std::sort(ids.begin(), ids.end());
  std::vector<std::uint32_t> sorted = indices;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::uint32_t> got;
  for (const ThreatId t : ids) got.push_back(t.index());
  CHECK(got == sorted);
  // Hashing is the index's.
  CHECK(std::hash<ElementId>()(ElementId(17)) == std::hash<std::uint32_t>()(17));
}

TEST_CASE("ids: IdVector ids ids_from next_id and id_of") {
  IdVector<FlowId, std::string> flows;
  CHECK(flows.ids().size() == 0);
  CHECK(flows.ids().begin() == flows.ids().end());
  CHECK(flows.next_id() == FlowId(0));
  for (const char* name : {"a", "b", "c", "d"}) {
    const FlowId next = flows.next_id();
    flows.push_back(name);
    CHECK(flows.id_of(flows.back()) == next);
    CHECK(flows[next] == name);
  }
  CHECK(flows.next_id() == FlowId(4));
  CHECK(flows.next_id() == FlowId::at(flows.size()));

  std::vector<FlowId> all;
  for (const FlowId f : flows.ids()) all.push_back(f);
  CHECK(all == std::vector<FlowId>{FlowId(0), FlowId(1), FlowId(2), FlowId(3)});
  CHECK(flows.ids().size() == 4);

  std::vector<FlowId> from_one;
  for (const FlowId f : flows.ids_from(1)) from_one.push_back(f);
  CHECK(from_one == std::vector<FlowId>{FlowId(1), FlowId(2), FlowId(3)});
  CHECK(flows.ids_from(1).size() == 3);
  CHECK(flows.ids_from(4).size() == 0);
  CHECK(flows.ids_from(4).begin() == flows.ids_from(4).end());
  // Past the end (an empty table's ids from 1): empty, not a wrapped range.
  const IdVector<FlowId, int> none;
  CHECK(none.ids_from(1).size() == 0);
  CHECK(none.ids_from(1).begin() == none.ids_from(1).end());

  for (const FlowId f : flows.ids()) CHECK(flows.id_of(flows[f]) == f);
  CHECK(flows[FlowId(2)] == "c");
  flows[FlowId(2)] += 'z';  // (not `= "z"`: g++ 12 warns falsely, -Wrestrict, PR 105329)
  CHECK(flows[FlowId(2)] == "cz");
  // It is a std::vector otherwise: size, iteration and the constructors are the vector's.
  const IdVector<ElementId, int> sized(3, 7);
  CHECK(sized.size() == 3);
  CHECK(sized[ElementId(2)] == 7);
}

TEST_CASE("ids: row_of gives the items of one row of a compressed table") {
  // Row 0: 10, 11; row 1: empty; row 2: 12, 13, 14.
  const std::vector<ElementId> items = {ElementId(10), ElementId(11), ElementId(12), ElementId(13),
                                        ElementId(14)};
  const std::vector<std::uint32_t> offsets = {0, 2, 2, 5};
  const auto row = [&](ElementId e) {
    const auto span = row_of(items, offsets, e);
    return std::vector<ElementId>(span.begin(), span.end());
  };
  CHECK(row(ElementId(0)) == std::vector<ElementId>{ElementId(10), ElementId(11)});
  CHECK(row(ElementId(1)).empty());
  CHECK(row(ElementId(2)) == std::vector<ElementId>{ElementId(12), ElementId(13), ElementId(14)});
  CHECK(row_of(items, offsets, ElementId(2)).data() == items.data() + 2);
}

TEST_CASE("ids: a value holds an id and gives it back") {
  CHECK(Val::of(ElementId(3)).bits == 3);
  CHECK(Val::of(ElementId(3)).id<ElementId>() == ElementId(3));
  CHECK(Val::of(StringId(0)).id<StringId>() == StringId(0));
}
