#include "backends/diagram_view.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace moat::diagram {

namespace {

constexpr std::int32_t kOut = -1;      // outside the viewed subtree
constexpr std::int32_t kUnknown = -2;  // not yet resolved

bool is_node(const ElementRec& e) { return (kNodeKinds & kind_bit(e.kind)) != 0; }

/// Where each element sits in the view: boundaries at their depth relative to the top of the
/// view (1 for the viewed boundary, or for top-level boundaries of the whole model), nodes at
/// the depth of their boundary (0: outside every boundary), kOut outside the viewed subtree.
struct Scope {
  std::vector<std::int32_t> depth;
  std::vector<ElementId> boundaries;  ///< in the view, by depth then declaration order
  std::int32_t max_depth = 0;
  bool in(ElementId e) const { return depth[e] != kOut; }
};

Scope make_scope(const ModelGraph& g, ElementId focus) {
  const std::size_t n = g.elements.size();
  Scope s;
  s.depth.assign(n, kUnknown);
  s.depth[ModelGraph::kOutside] = focus == kNoElement ? 0 : kOut;
  if (focus != kNoElement) s.depth[focus] = 1;
  // Memoised walks up the parent chain: each boundary is resolved once, without recursion.
  std::vector<ElementId> path;
  for (ElementId e = 1; e < n; ++e) {
    if (g.elements[e].kind != Kind::Boundary || s.depth[e] != kUnknown) continue;
    path.clear();
    ElementId at = e;
    for (; s.depth[at] == kUnknown; at = g.elements[at].boundary) path.push_back(at);
    const std::int32_t base = s.depth[at];
    for (std::size_t i = 0; i < path.size(); ++i) {
      s.depth[path[i]] = base == kOut ? kOut : base + static_cast<std::int32_t>(path.size() - i);
    }
  }
  for (ElementId e = 1; e < n; ++e) {
    const ElementRec& rec = g.elements[e];
    if (is_node(rec)) s.depth[e] = s.depth[rec.boundary];
    else if (rec.kind == Kind::Boundary && s.depth[e] >= 1) s.boundaries.push_back(e);
    else if (rec.kind != Kind::Boundary) s.depth[e] = kOut;
  }
  std::stable_sort(s.boundaries.begin(), s.boundaries.end(),
                   [&](ElementId a, ElementId b) { return s.depth[a] < s.depth[b]; });
  if (!s.boundaries.empty()) s.max_depth = s.depth[s.boundaries.back()];
  return s;
}

/// Per element: the boundary box it is drawn in when boundaries deeper than `collapse` are
/// collapsed (the box itself for the collapsed boundary), else kNoElement.
std::vector<ElementId> boxes(const ModelGraph& g, const Scope& s, int collapse) {
  std::vector<ElementId> box(g.elements.size(), kNoElement);
  if (collapse < 0) return box;
  // By depth, so a parent's box is known before its children's.
  for (ElementId b : s.boundaries) {
    if (s.depth[b] == collapse + 1) box[b] = b;
    else if (s.depth[b] > collapse + 1) box[b] = box[g.elements[b].boundary];
  }
  for (ElementId e = 1; e < g.elements.size(); ++e) {
    if (is_node(g.elements[e]) && s.in(e)) box[e] = box[g.elements[e].boundary];
  }
  return box;
}

/// The flows' element ids in declaration order (source position of their keyword).
std::vector<ElementId> flows_in_order(const ModelGraph& g) {
  std::vector<ElementId> order;
  order.reserve(g.flows.size());
  for (const FlowRec& f : g.flows) order.push_back(f.element);
  std::stable_sort(order.begin(), order.end(), [&](ElementId a, ElementId b) {
    const Span& x = g.elements[a].keyword;
    const Span& y = g.elements[b].keyword;
    return x.file != y.file ? x.file < y.file : x.begin < y.begin;
  });
  return order;
}

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) { return (std::uint64_t{a} << 32) | b; }

/// What is drawn for a flow endpoint: its box, itself, or (outside the view) itself as context.
ElementId drawn(ElementId e, const std::vector<ElementId>& box) {
  return box[e] != kNoElement ? box[e] : e;
}

bool shown(const FlowRec& f, const Scope& s) {
  return f.source != kNoElement && f.target != kNoElement && (s.in(f.source) || s.in(f.target));
}

/// Nodes and arrows the view would have with `collapse`, to compare against the budget.
std::pair<std::size_t, std::size_t> measure(const ModelGraph& g, const Scope& s, int collapse) {
  const std::vector<ElementId> box = boxes(g, s, collapse);
  std::unordered_set<ElementId> nodes;
  std::unordered_set<std::uint64_t> merged;
  std::size_t arrows = 0;
  for (const FlowRec& f : g.flows) {
    if (!shown(f, s)) continue;
    const ElementId a = drawn(f.source, box), b = drawn(f.target, box);
    if (a == b) continue;
    nodes.insert(a);
    nodes.insert(b);
    if (box[f.source] == kNoElement && box[f.target] == kNoElement) ++arrows;
    else if (merged.insert(pair_key(a, b)).second) ++arrows;
  }
  for (ElementId e = 1; e < g.elements.size(); ++e) {
    if (is_node(g.elements[e]) && s.in(e)) nodes.insert(drawn(e, box));
  }
  return {nodes.size(), arrows};
}

// A layout with `dot` grows much faster than linearly: measured on this machine, about 300
// nodes and 600 arrows lay out in a few seconds, a 2,000-element model uncollapsed takes
// minutes. So a view without an explicit depth that exceeds that budget collapses its deepest
// boundaries, one level at a time, until it fits: the outer structure and every flow crossing
// it stay visible, detail is one `--boundary ID` away. When even collapsing every boundary
// (below the viewed one) does not fit, that shallowest depth is used.
int choose_collapse(const ModelGraph& g, const Scope& s, const DiagramOptions& o, View& v) {
  const auto [nodes, arrows] = measure(g, s, -1);
  v.model_nodes = nodes;
  if (o.collapse_depth > 0) return o.collapse_depth;
  if (nodes <= kNodeBudget && arrows <= kArrowBudget) return -1;
  v.automatic = true;
  const int shallowest = o.boundary.empty() ? 0 : 1;
  for (int c = s.max_depth - 1; c > shallowest; --c) {
    const auto [n, a] = measure(g, s, c);
    if (n <= kNodeBudget && a <= kArrowBudget) return c;
  }
  return shallowest;
}

Shape shape_of(Kind k) {
  switch (k) {
    case Kind::Actor: return Shape::Actor;
    case Kind::External: return Shape::External;
    case Kind::Store: return Shape::Store;
    default: return Shape::Process;
  }
}

/// Builds clusters, nodes and edges of `v` from the scope, the boxes and the overlays.
class Assembler {
 public:
  Assembler(const ModelGraph& g, const Scope& s, std::vector<Overlay> overlay, View& v)
      : g_(g), s_(s), overlay_(std::move(overlay)), v_(v), box_(boxes(g, s, v.collapse)) {}

  void run() {
    clusters();
    nodes();
    edges();
  }

 private:
  void clusters();
  void nodes();
  void edges();
  int cluster_of(ElementId boundary) const {
    auto it = cluster_index_.find(boundary);
    return it == cluster_index_.end() ? -1 : it->second;
  }

  const ModelGraph& g_;
  const Scope& s_;
  std::vector<Overlay> overlay_;
  View& v_;
  std::vector<ElementId> box_;
  std::unordered_map<ElementId, int> cluster_index_;
  std::unordered_map<ElementId, int> node_index_;
};

void Assembler::clusters() {
  for (ElementId b : s_.boundaries) {
    if (box_[b] != kNoElement) continue;
    cluster_index_[b] = static_cast<int>(v_.clusters.size());
    v_.clusters.push_back({b, cluster_of(g_.elements[b].boundary), overlay_[b]});
  }
}

void Assembler::nodes() {
  std::vector<bool> context(g_.elements.size(), false);
  for (const FlowRec& f : g_.flows) {
    if (!shown(f, s_)) continue;
    if (!s_.in(f.source)) context[f.source] = true;
    if (!s_.in(f.target)) context[f.target] = true;
  }
  for (ElementId e = 1; e < g_.elements.size(); ++e) {
    const ElementRec& rec = g_.elements[e];
    const bool own = is_node(rec) && s_.in(e) && box_[e] == kNoElement;
    const bool is_box = rec.kind == Kind::Boundary && box_[e] == e;
    if (!own && !is_box && !context[e]) continue;
    Node n{e, is_box ? Shape::Collapsed : shape_of(rec.kind), -1, context[e], 0, overlay_[e]};
    if (!n.context) n.cluster = cluster_of(rec.boundary);
    node_index_[e] = static_cast<int>(v_.nodes.size());
    v_.nodes.push_back(n);
  }
  // A box stands for everything inside it: count its nodes, sum their threats and those of
  // the boundaries nested in it.
  for (ElementId e = 1; e < g_.elements.size(); ++e) {
    const ElementId b = box_[e];
    if (b == kNoElement || b == e) continue;
    Node& n = v_.nodes[node_index_.at(b)];
    n.overlay.add(overlay_[e]);
    if (is_node(g_.elements[e])) ++n.hidden;
  }
}

void Assembler::edges() {
  std::unordered_map<std::uint64_t, int> merged;
  for (ElementId fe : flows_in_order(g_)) {
    const FlowRec& f = g_.flow(fe);
    if (!shown(f, s_)) continue;
    const ElementId a = drawn(f.source, box_), b = drawn(f.target, box_);
    // A flow inside one box is part of the box.
    if (a == b) {
      if (box_[a] == a) v_.nodes[node_index_.at(a)].overlay.add(overlay_[fe]);
      continue;
    }
    const int si = node_index_.at(a), ti = node_index_.at(b);
    const bool merge = box_[f.source] != kNoElement || box_[f.target] != kNoElement;
    int index = static_cast<int>(v_.edges.size());
    if (merge) index = merged.try_emplace(pair_key(si, ti), index).first->second;
    if (index == static_cast<int>(v_.edges.size())) v_.edges.push_back({si, ti, {}, {}});
    v_.edges[index].flows.push_back(fe);
    v_.edges[index].overlay.add(overlay_[fe]);
  }
}

std::string unknown_boundary(const ModelGraph& g, const std::string& id) {
  const ElementId e = g.find(id);
  std::string text = e == kNoElement ? "unknown boundary '" + id + "'"
                                     : "'" + id + "' is " + (g.elements[e].kind == Kind::Actor ? "an " : "a ") +
                                           kind_name(g.elements[e].kind) + ", not a boundary";
  std::string known;
  std::size_t count = 0;
  for (ElementId b = 1; b < g.elements.size(); ++b) {
    if (g.elements[b].kind != Kind::Boundary) continue;
    if (++count <= 30) known += (known.empty() ? "" : ", ") + g.elements[b].id;
  }
  if (count == 0) return text + "; the model declares no boundaries";
  if (count > 30) known += ", ... (" + std::to_string(count - 30) + " more)";
  return text + "; boundaries: " + known;
}

}  // namespace

ViewResult build_view(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  ViewResult r;
  View& v = r.view;
  if (!ctx.diagram.boundary.empty()) {
    v.focus = g.find(ctx.diagram.boundary);
    if (v.focus == kNoElement || v.focus == ModelGraph::kOutside || g.elements[v.focus].kind != Kind::Boundary) {
      r.error = unknown_boundary(g, ctx.diagram.boundary);
      return r;
    }
  }
  v.number.assign(g.elements.size(), 0);
  const std::vector<ElementId> order = flows_in_order(g);
  for (std::size_t i = 0; i < order.size(); ++i) v.number[order[i]] = static_cast<std::uint32_t>(i + 1);
  const Scope scope = make_scope(g, v.focus);
  v.collapse = choose_collapse(g, scope, ctx.diagram, v);
  Assembler(g, scope, open_threats(g, ctx.analysis, ctx.diagram.threats), v).run();
  return r;
}

}  // namespace moat::diagram
