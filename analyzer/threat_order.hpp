#pragma once
// Ordering threats by id without building the id strings: the sorts of large analyses (the
// readiness lists, the plan) compare threats O(n log n) times.
#include "analyzer/analysis.hpp"

namespace moat {

/// threat_id(g, x) < threat_id(g, y), without building either string.
bool threat_id_less(const ModelGraph& g, const Threat& x, const Threat& y);

/// Each threat's place when all are sorted most severe first, then by id: sorting a list of
/// threats by it orders them as that comparison would, with one integer compare each.
using ThreatRanks = IdVector<ThreatId, std::uint32_t>;
ThreatRanks threat_order(const ModelGraph& g, const Analysis& a);

/// Sorts `ts` by their places in `order` (threat_order()) and drops repeats.
void sort_by_order(const ThreatRanks& order, std::vector<ThreatId>& ts);

}  // namespace moat
