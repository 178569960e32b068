#include "backends/diagram_budget.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace moat::diagram {

namespace {

/// How many boundaries the heading names as the places to look at what was left out.
constexpr std::size_t kWhere = 3;

std::uint64_t pair_key(int a, int b) {
  return (std::uint64_t{static_cast<std::uint32_t>(a)} << 32) | static_cast<std::uint32_t>(b);
}

/// Bundles the arrows joining the same two nodes, in either direction, into the first of them:
/// the one place arrows are merged, for every diagram (a wall diagram draws one arrow per pair
/// of elements, labelled with the flows' numbers). Arrows both ways become one arrow with two
/// heads. Its flows stay in number order, so the label lists them as the legend numbers them.
void aggregate(View& v) {
  std::unordered_map<std::uint64_t, std::size_t> first;
  std::vector<Edge> kept;
  kept.reserve(v.edges.size());
  for (Edge& e : v.edges) {
    const int low = std::min(e.source, e.target), high = std::max(e.source, e.target);
    const auto [it, fresh] = first.try_emplace(pair_key(low, high), kept.size());
    if (fresh) {
      kept.push_back(std::move(e));
      continue;
    }
    Edge& into = kept[it->second];
    into.flows.insert(into.flows.end(), e.flows.begin(), e.flows.end());
    into.overlay.add(e.overlay);
    into.both = into.both || e.both || into.source != e.source;
    v.aggregated = true;
  }
  for (Edge& e : kept) {
    std::stable_sort(e.flows.begin(), e.flows.end(),
                     [&v](ElementId a, ElementId b) { return v.number[a] < v.number[b]; });
    // Both halves of a two-way flow share a number: list it once.
    e.flows.erase(
        std::unique(e.flows.begin(), e.flows.end(),
                    [&v](ElementId a, ElementId b) { return v.number[a] == v.number[b]; }),
        e.flows.end());
  }
  v.edges = std::move(kept);
}

/// The first `keep` indices of `count` by `better` (a strict order, most important first),
/// as a mask; ties keep declaration order.
template <class Better>
std::vector<bool> most_important(std::size_t count, std::size_t keep, Better better) {
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), better);
  std::vector<bool> mask(count, false);
  for (std::size_t i = 0; i < keep && i < count; ++i) mask[order[i]] = true;
  return mask;
}

/// Counts, per boundary, the flows left out, to name where to look at them.
class LeftOut {
 public:
  LeftOut(const ModelGraph& g, View& v) : g_(g), v_(v) {}

  void arrow(const Edge& e) {
    ++v_.left_out_arrows;
    v_.left_out_flows += e.flows.size();
    place(v_.nodes[e.source], e.flows.size());
    place(v_.nodes[e.target], e.flows.size());
  }
  void node(const Node& n) {
    ++v_.left_out_nodes;
    place(n, 1);
  }
  /// Records the boundaries with the most left out, most first, then by id.
  void finish() {
    std::vector<std::pair<std::size_t, ElementId>> ranked;
    for (const auto& [b, count] : count_) ranked.emplace_back(count, b);
    std::stable_sort(ranked.begin(), ranked.end(), [this](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first
                                : g_.elements[a.second].id < g_.elements[b.second].id;
    });
    for (std::size_t i = 0; i < ranked.size() && i < kWhere; ++i)
      v_.left_out_where.push_back(ranked[i].second);
  }

 private:
  /// A collapsed boundary is seen with --boundary on itself; an element, on its boundary.
  void place(const Node& n, std::size_t flows) {
    const ElementRec& e = g_.elements[n.element];
    const ElementId b = n.shape == Shape::Collapsed ? n.element : e.boundary;
    if (b == ModelGraph::kOutside || b == kNoElement) return;
    if (g_.elements[b].kind == Kind::Boundary) count_[b] += flows;
  }

  const ModelGraph& g_;
  View& v_;
  std::map<ElementId, std::size_t> count_;
};

/// Flows on the arrows touching each node.
std::vector<std::size_t> degrees(const View& v) {
  std::vector<std::size_t> flows(v.nodes.size(), 0);
  for (const Edge& e : v.edges) {
    flows[e.source] += e.flows.size();
    flows[e.target] += e.flows.size();
  }
  return flows;
}

/// Keeps the nodes of `keep` and the arrows between them; counts the rest as left out (in
/// `left`, unless null).
void drop_nodes(View& v, const std::vector<bool>& keep, LeftOut* left) {
  std::vector<int> index(v.nodes.size(), -1);
  std::vector<Node> nodes;
  for (std::size_t i = 0; i < v.nodes.size(); ++i) {
    if (!keep[i]) {
      if (left) left->node(v.nodes[i]);
      continue;
    }
    index[i] = static_cast<int>(nodes.size());
    nodes.push_back(v.nodes[i]);
  }
  std::vector<Edge> edges;
  for (Edge& e : v.edges) {
    if (index[e.source] < 0 || index[e.target] < 0) {
      if (left) left->arrow(e);
      continue;
    }
    e.source = index[e.source];
    e.target = index[e.target];
    edges.push_back(std::move(e));
  }
  v.nodes = std::move(nodes);
  v.edges = std::move(edges);
}

void fit_nodes(View& v, std::size_t budget, LeftOut& left) {
  const std::vector<std::size_t> flows = degrees(v);
  const auto key = [&](std::size_t i) {
    const Node& n = v.nodes[i];
    return std::make_tuple(!n.context, n.overlay.open > 0, n.overlay.level, flows[i],
                           n.overlay.open);
  };
  drop_nodes(v,
             most_important(v.nodes.size(), budget,
                            [&](std::size_t a, std::size_t b) { return key(a) > key(b); }),
             &left);
}

void fit_arrows(const ModelGraph& g, View& v, std::size_t budget, LeftOut& left) {
  const auto key = [&](std::size_t i) {
    const Edge& e = v.edges[i];
    const bool inward =
        g.elements[v.nodes[e.target].element].trust > g.elements[v.nodes[e.source].element].trust;
    return std::make_tuple(e.overlay.open > 0, e.overlay.level, inward, e.overlay.open,
                           e.flows.size());
  };
  const std::vector<bool> keep = most_important(
      v.edges.size(), budget, [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < v.edges.size(); ++i) {
    if (keep[i])
      edges.push_back(std::move(v.edges[i]));
    else
      left.arrow(v.edges[i]);
  }
  v.edges = std::move(edges);
}

/// Drops the boundaries left with no node inside them, at any depth.
void drop_empty_clusters(View& v) {
  std::vector<bool> used(v.clusters.size(), false);
  for (const Node& n : v.nodes) {
    for (int c = n.cluster; c >= 0 && !used[c]; c = v.clusters[c].parent) used[c] = true;
  }
  std::vector<int> index(v.clusters.size(), -1);
  std::vector<Cluster> clusters;
  for (std::size_t i = 0; i < v.clusters.size(); ++i) {
    if (!used[i]) continue;
    index[i] = static_cast<int>(clusters.size());
    clusters.push_back(v.clusters[i]);
    // Parents come before children, so the parent's new index is known.
    if (clusters.back().parent >= 0) clusters.back().parent = index[clusters.back().parent];
  }
  for (Node& n : v.nodes) {
    if (n.cluster >= 0) n.cluster = index[n.cluster];
  }
  v.clusters = std::move(clusters);
}

/// Which part each of the view's own (not context) nodes falls in: `parts` runs of about equal
/// length, in the view's order (declaration order).
std::vector<std::size_t> part_of(const View& v, std::size_t parts) {
  std::size_t own = 0;
  for (const Node& n : v.nodes) own += n.context ? 0 : 1;
  std::vector<std::size_t> part(v.nodes.size(), parts);
  std::size_t seen = 0;
  for (std::size_t i = 0; i < v.nodes.size(); ++i) {
    if (!v.nodes[i].context) part[i] = seen++ * parts / std::max<std::size_t>(own, 1);
  }
  return part;
}

}  // namespace

void keep_part(View& v, std::size_t part, std::size_t parts) {
  if (parts < 2) return;
  const std::vector<std::size_t> of = part_of(v, parts);
  const auto mine = [&](int n) { return of[static_cast<std::size_t>(n)] == part; };
  std::vector<Edge> edges;
  std::vector<bool> keep(v.nodes.size(), false);
  for (Edge& e : v.edges) {
    if (!mine(e.source) && !mine(e.target)) continue;
    keep[static_cast<std::size_t>(e.source)] = keep[static_cast<std::size_t>(e.target)] = true;
    edges.push_back(std::move(e));
  }
  v.edges = std::move(edges);
  for (std::size_t i = 0; i < v.nodes.size(); ++i) {
    keep[i] = keep[i] || of[i] == part;
    // The other parts' nodes this part talks to are drawn as neighbours, faded, outside.
    if (keep[i] && of[i] != part && !v.nodes[i].context) {
      v.nodes[i].context = true;
      v.nodes[i].cluster = -1;
    }
  }
  // What this part leaves out is on the other parts' sheets, not left out of the drawing.
  drop_nodes(v, keep, nullptr);
  drop_empty_clusters(v);
}

void fit_budget(const ModelGraph& g, View& v, Budget budget) {
  aggregate(v);
  v.arrows_before = v.edges.size();
  v.nodes_before = v.nodes.size();
  if (v.nodes.size() <= budget.nodes && v.edges.size() <= budget.arrows) return;
  LeftOut left(g, v);
  if (v.nodes.size() > budget.nodes) {
    fit_nodes(v, budget.nodes, left);
    drop_empty_clusters(v);
  }
  if (v.edges.size() > budget.arrows) fit_arrows(g, v, budget.arrows, left);
  left.finish();
}

}  // namespace moat::diagram
