#include "analyzer/threat_order.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/prefix_key.hpp"
#include "analyzer/radix_sort.hpp"

namespace moat {

namespace {

/// The parts whose concatenation is threat_id(g, t); `n` is how many there are.
std::array<std::string_view, 5> threat_id_parts(const ModelGraph& g, const Threat& t,
                                                std::size_t& n) {
  n = t.scan_rule.empty() ? 3 : 5;
  return {g.elements[t.element].id, ".", g.rules[t.rule].id, ".", t.scan_rule};
}

}  // namespace

bool threat_id_less(const ModelGraph& g, const Threat& x, const Threat& y) {
  std::size_t nx = 0, ny = 0;
  const auto px = threat_id_parts(g, x, nx);
  const auto py = threat_id_parts(g, y, ny);
  // Walk both concatenations a common chunk at a time.
  std::size_t ix = 0, iy = 0, ox = 0, oy = 0;
  while (ix < nx && iy < ny) {
    const std::size_t len = std::min(px[ix].size() - ox, py[iy].size() - oy);
    if (const int c = px[ix].substr(ox, len).compare(py[iy].substr(oy, len)); c != 0) return c < 0;
    ox += len;
    oy += len;
    if (ox == px[ix].size()) ++ix, ox = 0;
    if (oy == py[iy].size()) ++iy, oy = 0;
  }
  // One is a prefix of the other: the shorter is less (skip empty trailing parts first).
  while (ix < nx && px[ix].empty()) ++ix;
  while (iy < ny && py[iy].empty()) ++iy;
  return ix == nx && iy < ny;
}

namespace {

/// The order of the threats as the comparison sort of threat_order() would give it: most severe
/// first, then by id, equal ids in analysis order.
std::vector<ThreatId> sorted_by_comparison(const ModelGraph& g, const Analysis& a) {
  std::vector<ThreatId> sorted(a.threats.size());
  for (std::uint32_t t = 0; t < sorted.size(); ++t) sorted[t] = ThreatId(t);
  std::sort(sorted.begin(), sorted.end(), [&](ThreatId x, ThreatId y) {
    const Threat& tx = a.threats[x];
    const Threat& ty = a.threats[y];
    if (tx.severity != ty.severity) return tx.severity > ty.severity;
    if (threat_id_less(g, tx, ty)) return true;
    return !threat_id_less(g, ty, tx) && x < y;  // equal ids: analysis order
  });
  return sorted;
}

/// Each item's place in `sorted`.
ThreatRanks places(const std::vector<ThreatId>& sorted) {
  ThreatRanks place(sorted.size());
  for (std::uint32_t i = 0; i < sorted.size(); ++i) place[sorted[i]] = i;
  return place;
}

/// `x + "." < y + "."`, without building either string.
bool dotted_less(std::string_view x, std::string_view y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (const int c = x.substr(0, n).compare(y.substr(0, n)); c != 0) return c < 0;
  const char cx = x.size() == n ? '.' : x[n];
  const char cy = y.size() == n ? '.' : y[n];
  return cx < cy;
}

/// Each id's rank when `ids` are sorted by `less`; equal ids share a rank. `key(id)` orders
/// ids whose keys differ as `less` would (prefix_key()), so most comparisons are of two integers
/// (sorting the 415,000 element ids of a 100,000-element model by string compares was 6% of its
/// check).
template <typename Key, typename Less>
std::vector<std::uint32_t> ranks(const std::vector<std::string_view>& ids, Key key, Less less) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> sorted(ids.size());
  for (std::uint32_t i = 0; i < sorted.size(); ++i) sorted[i] = {key(ids[i]), i};
  std::sort(sorted.begin(), sorted.end(), [&](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return less(ids[x.second], ids[y.second]);
  });
  std::vector<std::uint32_t> rank(ids.size());
  std::uint32_t r = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && (sorted[i - 1].first != sorted[i].first ||
                  less(ids[sorted[i - 1].second], ids[sorted[i].second])))
      ++r;
    rank[sorted[i].second] = r;
  }
  return rank;
}

/// The parts of the threats' ids after ELEMENT.: RULE, or RULE.SCAN_RULE for a scanner rule's
/// threat, numbered: rule i is part i, each RULE.SCAN_RULE a part after the rules.
class IdTails {
 public:
  explicit IdTails(const ModelGraph& g) {
    tails_.reserve(g.rules.size());
    for (const RuleRec& r : g.rules) tails_.push_back(r.id);
  }

  /// The number of `t`'s tail.
  std::uint32_t of(const ModelGraph& g, const Threat& t) {
    if (t.scan_rule.empty()) return t.rule.index();
    const auto next = static_cast<std::uint32_t>(tails_.size());
    const auto [it, added] =
        scanner_tails_.try_emplace(g.rules[t.rule].id + "." + t.scan_rule, next);
    // A map's keys stay in place: the view stays valid.
    if (added) tails_.push_back(it->first);
    return it->second;
  }

  /// Each tail's rank in string order; equal tails share one.
  std::vector<std::uint32_t> ranks() const {
    return moat::ranks(
        tails_, [](std::string_view id) { return prefix_key(id); },
        [](std::string_view x, std::string_view y) { return x < y; });
  }

 private:
  std::vector<std::string_view> tails_;
  std::unordered_map<std::string, std::uint32_t> scanner_tails_;
};

/// How many bits the largest of `values` needs (0 when there are none).
unsigned bits_for(const std::vector<std::uint32_t>& values) {
  if (values.empty()) return 0;
  return static_cast<unsigned>(std::bit_width(*std::max_element(values.begin(), values.end())));
}

}  // namespace

ThreatRanks threat_order(const ModelGraph& g, const Analysis& a) {
  // A threat's id is ELEMENT.RULE[.SCAN_RULE]. When no element id holds a '.', two ids of
  // different elements compare as their ELEMENT + "." parts do, and two ids of one element as
  // their tails RULE[.SCAN_RULE] do: the order is that of three integers, the severity, the
  // element's rank and the tail's rank, ranked once per element and per tail. Sorting 878,000
  // threats by comparing their ids took a fifth of `moat check` on a 100,000-element model.
  std::vector<std::string_view> element_ids(g.elements.size());
  for (ElementId e : g.elements.ids()) {
    element_ids[e.index()] = g.elements[e].id;
    if (element_ids[e.index()].find('.') != std::string_view::npos)
      return places(sorted_by_comparison(g, a));
  }
  const std::vector<std::uint32_t> element_rank = ranks(
      element_ids, [](std::string_view id) { return prefix_key(id, '.'); }, dotted_less);
  // One read of the threats (they are large, and read in place each costs a cache miss): each
  // one's severity and element rank, and its tail, kept until every tail is known and ranked.
  IdTails tails(g);
  std::vector<KeyedIndex> items(a.threats.size());
  std::uint8_t most_severe = 0;
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    const Threat& t = a.threats[ThreatId(i)];
    items[i] = {(std::uint64_t{t.severity} << 32) | element_rank[t.element.index()],
                tails.of(g, t)};
    most_severe = std::max(most_severe, t.severity);
  }
  const std::vector<std::uint32_t> tail_rank = tails.ranks();
  const unsigned tail_bits = bits_for(tail_rank);
  const unsigned element_bits = bits_for(element_rank);
  const unsigned bits =
      static_cast<unsigned>(std::bit_width(most_severe)) + element_bits + tail_bits;
  // From 64 bits on (billions of elements and tails) the comparison sort is still right.
  if (bits >= 64) return places(sorted_by_comparison(g, a));
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    const std::uint64_t severity = most_severe - (items[i].key >> 32);
    const std::uint64_t element = items[i].key & UINT32_MAX;
    items[i] = {(severity << (element_bits + tail_bits)) | (element << tail_bits) |
                    tail_rank[items[i].index],
                i};
  }
  // Stable: equal ids keep their analysis order.
  radix_sort(items, bits);
  ThreatRanks place(items.size());
  for (std::uint32_t i = 0; i < items.size(); ++i) place[ThreatId(items[i].index)] = i;
  return place;
}

void sort_by_order(const ThreatRanks& order, std::vector<ThreatId>& ts) {
  // One criterion of the 100k model links 400,000 threats, its plan lists all 878,000: a long
  // list by a radix sort of the places (two passes), where std::sort compared each about 20 times.
  constexpr std::size_t kRadixFrom = 1024;
  if (ts.size() < kRadixFrom) {
    std::sort(ts.begin(), ts.end(), [&](ThreatId x, ThreatId y) { return order[x] < order[y]; });
  } else {
    std::vector<KeyedIndex> items(ts.size());
    for (std::size_t i = 0; i < ts.size(); ++i) items[i] = {order[ts[i]], ts[i].index()};
    radix_sort(items, static_cast<unsigned>(std::bit_width(order.size())));
    for (std::size_t i = 0; i < ts.size(); ++i) ts[i] = ThreatId(items[i].index);
  }
  ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
}

}  // namespace moat
