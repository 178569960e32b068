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

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

/// Open addressing from a 64-bit hash to a 32-bit value; the caller compares the keys behind
/// a matching hash. Sized once for `n` entries.
class HashSlots {
 public:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  explicit HashSlots(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots_.assign(cap, {0, kEmpty});
  }
  /// The value stored under `hash` for which `same(value)` holds; else stores `fresh` there and
  /// returns it.
  template <class Same>
  std::uint32_t find_or_add(std::uint64_t hash, std::uint32_t fresh, Same same) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      auto& [h, v] = slots_[i];
      if (v == kEmpty) {
        slots_[i] = {hash, fresh};
        return fresh;
      }
      if (h == hash && same(v)) return v;
    }
  }
  template <class Same>
  std::uint32_t find(std::uint64_t hash, Same same) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const auto& [h, v] = slots_[i];
      if (v == kEmpty) return kEmpty;
      if (h == hash && same(v)) return v;
    }
  }

 private:
  std::vector<std::pair<std::uint64_t, std::uint32_t>> slots_;
};

/// A number per flow for the set it carries: equal sets share one, numbered as they first
/// appear; a flow that carries nothing has kEmpty. (Sorting the flows by their sets to number
/// them was most of this pass.)
IdVector<FlowId, std::uint32_t> set_numbers(const CarriedSets& sets, const ModelGraph& g) {
  IdVector<FlowId, std::uint32_t> number(g.flows.size(), HashSlots::kEmpty);
  HashSlots table(g.flows.size());
  std::uint32_t next = 0;
  for (const FlowId f : g.flows.ids()) {
    const auto set = sets.of(f);
    if (set.empty()) continue;
    std::uint64_t h = set.size();
    for (const ElementId d : set) h = mix(h ^ d.index());
    // The table holds a flow that first carried each set; its number is looked up through it.
    const std::uint32_t holder = table.find_or_add(h, f.index(), [&](std::uint32_t other) {
      const auto o = sets.of(FlowId(other));
      return std::equal(o.begin(), o.end(), set.begin(), set.end());
    });
    number[f] = holder == f.index() ? next++ : number[FlowId(holder)];
  }
  return number;
}

std::uint64_t group_key(ElementId element, std::uint32_t set_number) {
  return (static_cast<std::uint64_t>(element.index()) << 32) | set_number;
}

}  // namespace

void link_relays(ModelGraph& g) {
  const CarriedSets sets = carried_sets(g);
  const IdVector<FlowId, std::uint32_t> number = set_numbers(sets, g);
  // Inbound flows grouped by (the element they enter, what they carry): groups are numbered as
  // they first appear, then laid out in that order, each listing its flows in flow order.
  // Which group comes first in ModelGraph::relays does not matter: flows read their range.
  HashSlots groups(g.flows.size());
  std::vector<std::uint64_t> keys;  // by group
  IdVector<FlowId, std::uint32_t> group(g.flows.size(), HashSlots::kEmpty);
  std::vector<std::uint32_t> offsets;  // by group, then prefix sums
  for (const FlowId i : g.flows.ids()) {
    const FlowRec& f = g.flows[i];
    if (f.target == kNoElement || number[i] == HashSlots::kEmpty) continue;
    const std::uint64_t key = group_key(f.target, number[i]);
    const auto fresh = static_cast<std::uint32_t>(keys.size());
    group[i] = groups.find_or_add(mix(key), fresh,
                                  [&](std::uint32_t other) { return keys[other] == key; });
    if (group[i] == fresh) {
      keys.push_back(key);
      offsets.push_back(0);
    }
    ++offsets[group[i]];
  }
  std::vector<Range> ranges(keys.size());
  std::uint32_t at = 0;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    ranges[k] = {at, offsets[k]};
    offsets[k] = at;
    at += ranges[k].size;
  }
  g.relays.assign(at, kNoElement);
  for (const FlowId i : g.flows.ids()) {
    if (group[i] != HashSlots::kEmpty) g.relays[offsets[group[i]]++] = g.flows[i].element;
  }
  // Every outbound flow with the same key points at its group's range.
  for (const FlowId i : g.flows.ids()) {
    FlowRec& f = g.flows[i];
    f.relayed_from = {};
    if (f.source == kNoElement || number[i] == HashSlots::kEmpty) continue;
    const std::uint64_t key = group_key(f.source, number[i]);
    const std::uint32_t k =
        groups.find(mix(key), [&](std::uint32_t other) { return keys[other] == key; });
    if (k != HashSlots::kEmpty) f.relayed_from = ranges[k];
  }
}

}  // namespace moat
