#include "backends/diagram_view.hpp"

#include "backends/diagram_budget.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace moat::diagram {

namespace {

constexpr std::int32_t kOut = -1;        // outside the viewed subtree
constexpr std::int32_t kUnknown = -2;    // not yet resolved
constexpr std::size_t kFewestBoxes = 3;  // an automatic collapse to fewer nodes shows nothing

bool is_node(const ElementRec& e) {
  return (kNodeKinds & kind_bit(e.kind)) != 0;
}

/// Where each element sits in the view: boundaries at their depth relative to the top of the
/// view (1 for the viewed boundary, or for top-level boundaries of the whole model), nodes at
/// the depth of their boundary (0: outside every boundary), kOut outside the viewed subtree.
struct Scope {
  IdVector<ElementId, std::int32_t> depth;
  std::vector<ElementId> boundaries;  ///< in the view, by depth then declaration order
  IdVector<ElementId, char> above;    ///< boundaries that contain the viewed one, the outside too
  std::int32_t max_depth = 0;
  bool in(ElementId e) const { return depth[e] != kOut; }
};

/// How a view is simplified: boundaries deeper than `depth` become boxes (-1: none); with
/// `group_context`, context nodes are drawn as their outermost boundary outside the view; with
/// `group_outside`, the nodes outside every boundary are drawn as one box (ModelGraph::kOutside).
struct Collapse {
  int depth = -1;
  bool group_context = false;
  bool group_outside = false;
};

Scope make_scope(const ModelGraph& g, ElementId focus) {
  const std::size_t n = g.elements.size();
  Scope s;
  s.depth.assign(n, kUnknown);
  s.depth[ModelGraph::kOutside] = focus == kNoElement ? 0 : kOut;
  if (focus != kNoElement) s.depth[focus] = 1;
  // Memoised walks up the parent chain: each boundary is resolved once, without recursion.
  std::vector<ElementId> path;
  for (ElementId e : g.elements.ids_from(1)) {
    if (g.elements[e].kind != Kind::Boundary || s.depth[e] != kUnknown) continue;
    path.clear();
    ElementId at = e;
    for (; s.depth[at] == kUnknown; at = g.elements[at].boundary) path.push_back(at);
    const std::int32_t base = s.depth[at];
    for (std::size_t i = 0; i < path.size(); ++i) {
      s.depth[path[i]] = base == kOut ? kOut : base + static_cast<std::int32_t>(path.size() - i);
    }
  }
  for (ElementId e : g.elements.ids_from(1)) {
    const ElementRec& rec = g.elements[e];
    if (is_node(rec))
      s.depth[e] = s.depth[rec.boundary];
    else if (rec.kind == Kind::Boundary && s.depth[e] >= 1)
      s.boundaries.push_back(e);
    else if (rec.kind != Kind::Boundary)
      s.depth[e] = kOut;
  }
  std::stable_sort(s.boundaries.begin(), s.boundaries.end(),
                   [&](ElementId a, ElementId b) { return s.depth[a] < s.depth[b]; });
  if (!s.boundaries.empty()) s.max_depth = s.depth[s.boundaries.back()];
  s.above.assign(n, false);
  for (ElementId b = focus; b != kNoElement && focus != kNoElement; b = g.elements[b].boundary)
    s.above[b] = true;
  return s;
}

bool shown(const FlowRec& f, const Scope& s) {
  return f.source != kNoElement && f.target != kNoElement && (s.in(f.source) || s.in(f.target));
}

/// The boundaries standing for context nodes: each one's outermost boundary that does not
/// contain the viewed one (none when it sits directly in such a container). Memoised per
/// boundary, like make_scope, so deep nesting costs no more than shallow.
void group_context(const ModelGraph& g, const Scope& s, bool outside,
                   IdVector<ElementId, ElementId>& box) {
  IdVector<ElementId, ElementId> outer(g.elements.size(), kNoElement);
  std::vector<ElementId> path;
  auto resolve = [&](ElementId b) {
    if (s.above[b]) return kNoElement;
    path.clear();
    ElementId at = b;
    // Climb while the parent neither contains the viewed boundary nor is resolved already.
    while (outer[at] == kNoElement && !s.above[g.elements[at].boundary]) {
      path.push_back(at);
      at = g.elements[at].boundary;
    }
    const ElementId top = outer[at] != kNoElement ? outer[at] : at;
    outer[at] = top;
    for (ElementId p : path) outer[p] = top;
    return top;
  };
  for (const FlowRec& f : g.flows) {
    if (!shown(f, s)) continue;
    for (ElementId e : {f.source, f.target}) {
      if (s.in(e) || box[e] != kNoElement) continue;
      ElementId top = resolve(g.elements[e].boundary);
      if (top == kNoElement && outside && g.elements[e].boundary == ModelGraph::kOutside)
        top = ModelGraph::kOutside;
      if (top == kNoElement) continue;
      box[e] = top;
      box[top] = top;
    }
  }
}

/// Per element: the box it is drawn in (the box itself for the collapsed boundary), else
/// kNoElement.
IdVector<ElementId, ElementId> boxes(const ModelGraph& g, const Scope& s, Collapse c) {
  IdVector<ElementId, ElementId> box(g.elements.size(), kNoElement);
  if (c.depth >= 0) {
    // By depth, so a parent's box is known before its children's.
    for (ElementId b : s.boundaries) {
      if (s.depth[b] == c.depth + 1)
        box[b] = b;
      else if (s.depth[b] > c.depth + 1)
        box[b] = box[g.elements[b].boundary];
    }
    for (ElementId e : g.elements.ids_from(1)) {
      if (is_node(g.elements[e]) && s.in(e)) box[e] = box[g.elements[e].boundary];
    }
  }
  if (c.group_outside) {
    for (ElementId e : g.elements.ids_from(1)) {
      if (is_node(g.elements[e]) && s.depth[e] == 0)
        box[e] = box[ModelGraph::kOutside] = ModelGraph::kOutside;
    }
  }
  if (c.group_context) group_context(g, s, c.group_outside, box);
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

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
  return (std::uint64_t{a} << 32) | b;
}

/// What is drawn for a flow endpoint: its box, itself, or (outside the view) itself as context.
ElementId drawn(ElementId e, const IdVector<ElementId, ElementId>& box) {
  return box[e] != kNoElement ? box[e] : e;
}

/// Nodes and arrows the view would have with `collapse`, to compare against the budget.
std::pair<std::size_t, std::size_t> measure(const ModelGraph& g, const Scope& s,
                                            Collapse collapse) {
  const IdVector<ElementId, ElementId> box = boxes(g, s, collapse);
  std::unordered_set<ElementId> nodes;
  std::unordered_set<std::uint64_t> merged;
  std::size_t arrows = 0;
  for (const FlowRec& f : g.flows) {
    if (!shown(f, s)) continue;
    const ElementId a = drawn(f.source, box), b = drawn(f.target, box);
    if (a == b) continue;
    nodes.insert(a);
    nodes.insert(b);
    if (box[f.source] == kNoElement && box[f.target] == kNoElement)
      ++arrows;
    else if (merged.insert(pair_key(a.index(), b.index())).second)
      ++arrows;
  }
  for (ElementId e : g.elements.ids_from(1)) {
    if (is_node(g.elements[e]) && s.in(e)) nodes.insert(drawn(e, box));
  }
  return {nodes.size(), arrows};
}

// A layout with `dot` grows much faster than linearly: measured on this machine, a collapsed
// 2,000-element model (110 nodes, 510 arrows) lays out in under a second, a boundary view of
// 700 nodes and 1,350 arrows in 6 s, and the same model collapsed one level less (2,100
// arrows) not within 5 minutes. So a view without an explicit depth that exceeds the budget
// collapses its deepest boundaries, one level at a time, until it fits: the outer structure
// and every flow crossing it stay visible, detail is one `--boundary ID` away. A boundary view
// keeps the viewed boundary open; if it still does not fit, the nodes outside it are grouped
// by their outermost boundary too. If even the outermost boundaries are too many arrows to draw
// (hundreds of actors and externals outside every boundary, each talking to several of them:
// 550 nodes and 4,400 arrows took 107 s), the nodes outside every boundary become one box.
// Failing all that, the simplest of these views is used.
Collapse choose_collapse(const ModelGraph& g, const Scope& s, const DiagramOptions& o,
                         Budget budget, View& v) {
  const auto [nodes, arrows] = measure(g, s, {});
  v.model_nodes = nodes;
  if (o.overview) return {0, false, false};
  if (o.group_neighbours && !o.boundary.empty()) return {-1, true, false};
  if (o.collapse_depth > 0) return {o.collapse_depth, false, false};
  const auto fits = [budget](std::size_t n, std::size_t a) {
    return n <= budget.nodes && a <= budget.arrows;
  };
  if (fits(nodes, arrows)) return {};
  v.automatic = true;
  const int shallowest = o.boundary.empty() ? 0 : 1;
  const bool focused = !o.boundary.empty();
  for (const bool group : {false, true}) {
    if (group && !focused) break;
    for (int c = s.max_depth - 1; c >= shallowest; --c) {
      const auto [n, a] = measure(g, s, {c, group, false});
      // One box for the whole model (one giant boundary) shows nothing: fit_budget() keeps
      // the elements that matter instead.
      if (fits(n, a)) return n < kFewestBoxes && !focused ? Collapse{} : Collapse{c, group, false};
    }
  }
  // A whole model without boundaries: one box would hide everything; fit_budget() keeps the
  // nodes and arrows that matter instead.
  if (!focused && s.max_depth == 0) return {};
  return {shallowest, focused, true};
}

Shape shape_of(Kind k) {
  switch (k) {
    case Kind::Actor:
      return Shape::Actor;
    case Kind::External:
      return Shape::External;
    case Kind::Store:
      return Shape::Store;
    default:
      return Shape::Process;
  }
}

/// Builds clusters, nodes and edges of `v` from the scope, the boxes and the overlays.
class Assembler {
 public:
  Assembler(const ModelGraph& g, const Scope& s, IdVector<ElementId, Overlay> overlay, View& v)
      : g_(g),
        s_(s),
        overlay_(std::move(overlay)),
        v_(v),
        box_(boxes(g, s, {v.collapse, v.group_context, v.group_outside})) {}

  void run(const std::vector<ElementId>& flow_order) {
    clusters();
    nodes();
    edges(flow_order);
  }

 private:
  void clusters();
  void nodes();
  void edges(const std::vector<ElementId>& flow_order);
  int cluster_of(ElementId boundary) const {
    auto it = cluster_index_.find(boundary);
    return it == cluster_index_.end() ? -1 : it->second;
  }

  const ModelGraph& g_;
  const Scope& s_;
  IdVector<ElementId, Overlay> overlay_;
  View& v_;
  IdVector<ElementId, ElementId> box_;
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
  IdVector<ElementId, char> context(g_.elements.size(), false);
  for (const FlowRec& f : g_.flows) {
    if (!shown(f, s_)) continue;
    if (!s_.in(f.source)) context[drawn(f.source, box_)] = true;
    if (!s_.in(f.target)) context[drawn(f.target, box_)] = true;
  }
  // From 0: the outside of every boundary is a node when its nodes are grouped.
  for (ElementId e : g_.elements.ids()) {
    const ElementRec& rec = g_.elements[e];
    const bool own = is_node(rec) && s_.in(e) && box_[e] == kNoElement;
    const bool is_box = rec.kind == Kind::Boundary && box_[e] == e;
    if (!own && !is_box && !context[e]) continue;
    Node n{e, is_box ? Shape::Collapsed : shape_of(rec.kind), -1, context[e] != 0, 0, overlay_[e]};
    if (!n.context && e != ModelGraph::kOutside) n.cluster = cluster_of(rec.boundary);
    node_index_[e] = static_cast<int>(v_.nodes.size());
    v_.nodes.push_back(n);
  }
  // A box stands for everything inside it: count its nodes, sum their threats and those of
  // the boundaries nested in it.
  for (ElementId e : g_.elements.ids_from(1)) {
    const ElementId b = box_[e];
    if (b == kNoElement || b == e) continue;
    Node& n = v_.nodes[node_index_.at(b)];
    n.overlay.add(overlay_[e]);
    if (is_node(g_.elements[e])) ++n.hidden;
  }
}

void Assembler::edges(const std::vector<ElementId>& flow_order) {
  std::unordered_map<std::uint64_t, int> merged;
  std::unordered_map<ElementId, int> two_way;  ///< a two-way flow's own arrow, by its first half
  for (ElementId fe : flow_order) {
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
    // The reverse half of a two-way flow is drawn on its declared half's arrow.
    if (auto it = two_way.find(f.partner); f.reverse && !merge && it != two_way.end()) {
      v_.edges[it->second].both = true;
      v_.edges[it->second].overlay.add(overlay_[fe]);
      continue;
    }
    int index = static_cast<int>(v_.edges.size());
    if (merge) index = merged.try_emplace(pair_key(si, ti), index).first->second;
    if (index == static_cast<int>(v_.edges.size())) v_.edges.push_back({si, ti, {}, {}, false});
    if (!merge && f.partner != kNoElement && !f.reverse) two_way.emplace(fe, index);
    v_.edges[index].flows.push_back(fe);
    v_.edges[index].overlay.add(overlay_[fe]);
  }
}

std::string unknown_boundary(const ModelGraph& g, const std::string& id) {
  const ElementId e = g.find(id);
  std::string text = "unknown boundary '" + id + "'";
  if (e != kNoElement) {
    const std::string kind = kind_name(g.elements[e].kind);
    text = "'" + id + "' is " + (kind[0] == 'a' || kind[0] == 'e' ? "an " : "a ") + kind +
           ", not a boundary";
  }
  std::string known;
  std::size_t count = 0;
  for (ElementId b : g.elements.ids_from(1)) {
    if (g.elements[b].kind != Kind::Boundary) continue;
    if (++count <= 30) known += (known.empty() ? "" : ", ") + g.elements[b].id;
  }
  if (count == 0) return text + "; the model declares no boundaries";
  if (count > 30) known += ", ... (" + std::to_string(count - 30) + " more)";
  return text + "; boundaries: " + known;
}

}  // namespace

bool against_trust(const ModelGraph& g, const View& v, const Edge& e) {
  return !e.both &&
         g.elements[v.nodes[e.source].element].trust > g.elements[v.nodes[e.target].element].trust;
}

ViewResult build_view(const RenderContext& ctx, Budget budget) {
  const ModelGraph& g = ctx.graph;
  ViewResult r;
  View& v = r.view;
  if (!ctx.diagram.boundary.empty()) {
    v.focus = g.find(ctx.diagram.boundary);
    if (v.focus == kNoElement || v.focus == ModelGraph::kOutside ||
        g.elements[v.focus].kind != Kind::Boundary) {
      r.error = unknown_boundary(g, ctx.diagram.boundary);
      return r;
    }
  }
  v.number.assign(g.elements.size(), 0);
  const std::vector<ElementId> order = flows_in_order(g);
  std::uint32_t next = 0;
  for (ElementId f : order) {
    const FlowRec& rec = g.flow(f);
    v.number[f] = rec.reverse ? v.number[rec.partner] : ++next;
  }
  const Scope scope = make_scope(g, v.focus);
  const Collapse c = choose_collapse(g, scope, ctx.diagram, budget, v);
  v.collapse = c.depth;
  v.group_context = c.group_context;
  v.group_outside = c.group_outside;
  Assembler(g, scope, open_threats(g, ctx.analysis, ctx.diagram.threats), v).run(order);
  fit_budget(g, v, budget);
  keep_part(v, ctx.diagram.part, ctx.diagram.parts);
  return r;
}

}  // namespace moat::diagram
