#include "compiler/relays.hpp"

#include <algorithm>
#include <span>
#include <utility>
#include <vector>

namespace moat {

namespace {

/// What each flow carries, indexed by FlowRec position: sorted data ids without repeats, flow
/// i's in items[offsets[i], offsets[i + 1]). Read back from the data -> flows rows, which list
/// data in id order. Flat arrays: a vector per flow was most of this pass's allocations.
struct CarriedSets {
  std::vector<std::uint32_t> offsets;
  std::vector<ElementId> items;
  std::span<const ElementId> of(FlowId flow) const { return row_of(items, offsets, flow); }
};

CarriedSets carried_sets(const ModelGraph& g) {
  CarriedSets sets;
  sets.offsets.assign(g.flows.size() + 1, 0);
  if (g.carried_offsets.empty()) return sets;
  // Two passes over the rows, counting then filling; `last` drops a datum listed twice.
  IdVector<FlowId, ElementId> last(g.flows.size(), kNoElement);
  auto each = [&](auto visit) {
    std::fill(last.begin(), last.end(), kNoElement);
    for (ElementId d : g.elements.ids()) {
      for (const ElementId carrier : g.carried_by_of(d)) {
        const FlowId flow = g.elements[carrier].flow;
        if (last[flow] == d) continue;
        last[flow] = d;
        visit(flow, d);
      }
    }
  };
  each([&](FlowId flow, ElementId) { ++sets.offsets[flow.index() + 1]; });
  for (std::size_t f = 0; f < g.flows.size(); ++f) sets.offsets[f + 1] += sets.offsets[f];
  sets.items.resize(sets.offsets.back());
  std::vector<std::uint32_t> cursor(sets.offsets.begin(), sets.offsets.end() - 1);
  each([&](FlowId flow, ElementId d) { sets.items[cursor[flow.index()]++] = d; });
  return sets;
}

/// Each flow's rank among the distinct sets the flows carry, in the order of the sets as
/// sorted lists (the order std::vector's < gives): equal sets share a rank.
IdVector<FlowId, std::uint32_t> set_ranks(const CarriedSets& sets, const ModelGraph& g) {
  std::vector<FlowId> sorted;
  for (const FlowId f : g.flows.ids()) {
    if (!sets.of(f).empty()) sorted.push_back(f);
  }
  auto less = [&](FlowId x, FlowId y) {
    const auto a = sets.of(x), b = sets.of(y);
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
  };
  std::sort(sorted.begin(), sorted.end(), less);
  IdVector<FlowId, std::uint32_t> rank(g.flows.size(), 0);
  std::uint32_t r = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && less(sorted[i - 1], sorted[i])) ++r;
    rank[sorted[i]] = r;
  }
  return rank;
}

std::uint64_t group_key(ElementId element, std::uint32_t set_rank) {
  return (static_cast<std::uint64_t>(element.index()) << 32) | set_rank;
}

}  // namespace

void link_relays(ModelGraph& g) {
  const CarriedSets sets = carried_sets(g);
  const IdVector<FlowId, std::uint32_t> rank = set_ranks(sets, g);
  // Inbound flows grouped by (the element they enter, what they carry), in flow order: sorted
  // by that key, then by position. Keys and ranks are integers, so this is one sort of a flat
  // array (it was a std::map keyed by data vectors, 6% of `moat check` on 300,000 flows).
  std::vector<std::pair<std::uint64_t, FlowId>> inbound;
  for (const FlowId i : g.flows.ids()) {
    const FlowRec& f = g.flows[i];
    if (f.target == kNoElement || sets.of(i).empty()) continue;
    inbound.emplace_back(group_key(f.target, rank[i]), i);
  }
  std::sort(inbound.begin(), inbound.end());
  // Lay the groups out once, in key order; every outbound flow with the same key points at its
  // range.
  g.relays.clear();
  g.relays.reserve(inbound.size());
  std::vector<std::uint64_t> keys;
  std::vector<Range> ranges;
  for (const auto& [key, flow] : inbound) {
    if (keys.empty() || keys.back() != key) {
      keys.push_back(key);
      ranges.push_back({static_cast<std::uint32_t>(g.relays.size()), 0});
    }
    g.relays.push_back(g.flows[flow].element);
    ++ranges.back().size;
  }
  for (const FlowId i : g.flows.ids()) {
    FlowRec& f = g.flows[i];
    f.relayed_from = {};
    if (f.source == kNoElement || sets.of(i).empty()) continue;
    const std::uint64_t key = group_key(f.source, rank[i]);
    const auto it = std::lower_bound(keys.begin(), keys.end(), key);
    if (it != keys.end() && *it == key) f.relayed_from = ranges[it - keys.begin()];
  }
}

}  // namespace moat
