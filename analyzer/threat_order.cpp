#include "analyzer/threat_order.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

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

std::vector<std::uint32_t> threat_order(const ModelGraph& g, const Analysis& a) {
  std::vector<std::uint32_t> sorted(a.threats.size());
  for (std::uint32_t t = 0; t < sorted.size(); ++t) sorted[t] = t;
  std::sort(sorted.begin(), sorted.end(), [&](std::uint32_t x, std::uint32_t y) {
    const Threat& tx = a.threats[x];
    const Threat& ty = a.threats[y];
    if (tx.severity != ty.severity) return tx.severity > ty.severity;
    if (threat_id_less(g, tx, ty)) return true;
    return !threat_id_less(g, ty, tx) && x < y;  // equal ids: analysis order
  });
  std::vector<std::uint32_t> order(sorted.size());
  for (std::uint32_t i = 0; i < sorted.size(); ++i) order[sorted[i]] = i;
  return order;
}

}  // namespace moat
