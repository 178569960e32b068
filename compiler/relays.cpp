#include "compiler/relays.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace moat {

namespace {

/// What each flow carries, indexed by FlowRec position: sorted data ids without repeats.
/// Read back from the data -> flows rows, which list data in id order.
std::vector<std::vector<ElementId>> carried_sets(const ModelGraph& g) {
  std::vector<std::vector<ElementId>> sets(g.flows.size());
  if (g.carried_offsets.empty()) return sets;
  for (ElementId d = 0; d + 1 < g.carried_offsets.size(); ++d) {
    for (std::uint32_t i = g.carried_offsets[d]; i < g.carried_offsets[d + 1]; ++i) {
      std::vector<ElementId>& set = sets[g.elements[g.carried_by[i]].aux];
      if (set.empty() || set.back() != d) set.push_back(d);
    }
  }
  return sets;
}

}  // namespace

void link_relays(ModelGraph& g) {
  const std::vector<std::vector<ElementId>> sets = carried_sets(g);
  // Inbound flows grouped by (the element they enter, what they carry), in flow order.
  using Key = std::pair<ElementId, const std::vector<ElementId>*>;
  auto less = [](const Key& a, const Key& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  };
  std::map<Key, std::vector<ElementId>, decltype(less)> groups(less);
  for (std::size_t i = 0; i < g.flows.size(); ++i) {
    const FlowRec& f = g.flows[i];
    if (f.target == kNoElement || sets[i].empty()) continue;
    groups[{f.target, &sets[i]}].push_back(f.element);
  }
  // Lay the groups out once; every outbound flow with the same key points at its range.
  g.relays.clear();
  std::map<Key, Range, decltype(less)> ranges(less);
  for (const auto& [key, flows] : groups) {
    ranges.emplace(key, Range{static_cast<std::uint32_t>(g.relays.size()),
                              static_cast<std::uint32_t>(flows.size())});
    g.relays.insert(g.relays.end(), flows.begin(), flows.end());
  }
  for (std::size_t i = 0; i < g.flows.size(); ++i) {
    FlowRec& f = g.flows[i];
    f.relayed_from = {};
    if (f.source == kNoElement || sets[i].empty()) continue;
    const auto it = ranges.find({f.source, &sets[i]});
    if (it != ranges.end()) f.relayed_from = it->second;
  }
}

}  // namespace moat
