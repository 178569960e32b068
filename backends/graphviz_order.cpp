// The best of several input orders: `dot` orders the nodes of each rank by a heuristic that
// starts from the order nodes and arrows were created in, and on the wall benchmark's models the
// crossings of one view laid out from different orders ranged from 12 to 49. So a diagram of
// modest size is laid out from a few orders (the view's own, then shuffles by fixed seeds),
// the crossings of each counted from the laid-out coordinates, and the order with the fewest
// is rendered: deterministic, and bounded by kOrderWork (docs/performance.md, "Wall diagrams").
#include <graphviz/gvc.h>
#include <graphviz/types.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "backends/graphviz_render.hpp"

namespace moat::diagram {

namespace {

/// At most this many layouts of one diagram are compared.
constexpr unsigned kMaxOrders = 8;
/// Nodes plus arrows, summed over the layouts compared: a diagram of 84 (wall-40) gets 8
/// orders, one of 166 (wall-80) 6, one past 1,000 only its own.
constexpr std::size_t kOrderWork = 1000;
/// A crossing this close (in points, Manhattan) to an arrow's end is where arrows meet.
constexpr double kEndSlack = 6;

struct Point {
  double x, y;
};
using Line = std::vector<Point>;

/// The arrow as laid out: Graphviz's control points. Polyline and straight arrows have their
/// corners among them, so for those the control polygon is the arrow itself.
Line line_of(Agedge_t* e) {
  Line out;
  const splines* spl = ED_spl(e);
  if (!spl) return out;
  for (int i = 0; i < spl->size; ++i) {
    const bezier& b = spl->list[i];
    for (int j = 0; j < b.size; ++j) out.push_back({b.list[j].x, b.list[j].y});
  }
  return out;
}

bool near(Point a, Point b, double slack) {
  return std::abs(a.x - b.x) + std::abs(a.y - b.y) < slack;
}

/// Where segments pq and rs cross properly, if they do.
bool cross(Point p, Point q, Point r, Point s, Point& at) {
  const double d = (q.x - p.x) * (s.y - r.y) - (q.y - p.y) * (s.x - r.x);
  if (std::abs(d) < 1e-9) return false;
  const double t = ((r.x - p.x) * (s.y - r.y) - (r.y - p.y) * (s.x - r.x)) / d;
  const double u = ((r.x - p.x) * (q.y - p.y) - (r.y - p.y) * (q.x - p.x)) / d;
  if (t <= 0 || t >= 1 || u <= 0 || u >= 1) return false;
  at = {p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)};
  return true;
}

/// The points where arrows `a` and `b` cross, not counting where they meet at an end.
std::size_t crossings(const Line& a, const Line& b) {
  const Point ends[] = {a.front(), a.back(), b.front(), b.back()};
  std::vector<Point> seen;
  for (std::size_t i = 1; i < a.size(); ++i) {
    for (std::size_t j = 1; j < b.size(); ++j) {
      Point at{};
      if (!cross(a[i - 1], a[i], b[j - 1], b[j], at)) continue;
      if (std::any_of(std::begin(ends), std::end(ends),
                      [&](Point e) { return near(at, e, kEndSlack); }))
        continue;
      if (std::none_of(seen.begin(), seen.end(), [&](Point p) { return near(at, p, 2); }))
        seen.push_back(at);
    }
  }
  return seen.size();
}

}  // namespace

std::size_t count_crossings(Agraph_t* g) {
  std::vector<Line> lines;
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      Line l = line_of(e);
      if (l.size() > 1) lines.push_back(std::move(l));
    }
  }
  std::size_t count = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::size_t j = i + 1; j < lines.size(); ++j) count += crossings(lines[i], lines[j]);
  }
  return count;
}

unsigned order_tries(const View& view) {
  const std::size_t size = std::max<std::size_t>(1, view.nodes.size() + view.edges.size());
  return static_cast<unsigned>(std::clamp<std::size_t>(kOrderWork / size, 1, kMaxOrders));
}

unsigned best_order(const GraphBuilder& build, unsigned tries) {
  unsigned best = 0;
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  for (unsigned variant = 0; variant < tries && tries > 1 && fewest > 0; ++variant) {
    const std::size_t count = laid_out_crossings(build(variant));
    if (count < fewest) {
      fewest = count;
      best = variant;
    }
  }
  return best;
}

}  // namespace moat::diagram
