#include "backends/graphviz_graph.hpp"

#include <algorithm>
#include <random>

#include "backends/diagram_escape.hpp"
#include "backends/diagram_sheets.hpp"
#include "backends/diagram_text.hpp"
#include "backends/graphviz_text.hpp"

namespace moat::diagram {

namespace {

// cgraph's API takes char* for names and values it only reads.
char* cs(const char* s) {
  return const_cast<char*>(s);
}

void set(void* obj, const char* name, const std::string& value) {
  agset(obj, cs(name), cs(value.c_str()));
}

void set_html_label(Agraph_t* root, void* obj, const std::string& html,
                    const char* attr = "label") {
  char* s = agstrdup_html(root, cs(html.c_str()));
  agset(obj, cs(attr), s);
  agstrfree(root, s);
}

void declare(Agraph_t* g, int kind, const char* name, const char* value) {
  agattr(g, kind, cs(name), cs(value));
}

/// Past this many arrows, layout effort is capped (see declare_defaults) and arrows carry
/// their labels as `xlabel`s: `dot` ranks an ordinary edge label as a node of its own, which
/// made a 515-arrow view lay out six times slower (3.0 s against 0.5 s); external labels are
/// placed after the layout, at the price of sitting less neatly by their arrows.
constexpr std::size_t kLargeGraph = 150;

/// The `weight` of an arrow between two nodes of one zone (both in the same innermost boundary,
/// or both outside every boundary): `dot` keeps heavier arrows shorter and straighter, so the
/// zone's own chain of arrows stays compact and arrows from other zones go round it instead of
/// through it. Measured with bench/diagram_layout.py on wall-40, with the best of the input
/// orders (graphviz_order.cpp): 23 crossings at weight 1, 13 at 2 or 3, 12 at 5 or 10.
constexpr const char* kZoneWeight = "5";

/// Font sizes in points. A sheet's smallest text is kSheetFontPt, so that Graphviz may scale
/// the drawing down to fit its page (`size`) by as much as kSheetFontPt / kMinFontPt and the
/// text is still at least kMinFontPt on paper.
struct TextSizes {
  const char* graph;        ///< boundary labels, the legend
  const char* node;         ///< node titles, arrow labels
  const char* detail;       ///< smaller lines of node and boundary labels
  const char* edge_detail;  ///< smaller lines of arrow labels
  const char* heading;
};
constexpr TextSizes kScreenText{"10", "10", "9", "8", "14"};
constexpr TextSizes kSheetText{kSheetFont, kSheetFont, kSheetFont, kSheetFont, "20"};

const TextSizes& text_sizes(const RenderContext& ctx) {
  return ctx.diagram.sheet ? kSheetText : kScreenText;
}

// Defaults hold what most objects share, so the DOT text stays short and objects only carry
// what differs. Every attribute set later on some object is declared here.
void declare_defaults(Agraph_t* g, const RenderContext& ctx, const View& view) {
  declare(g, AGRAPH, "rankdir", ctx.diagram.left_to_right ? "LR" : "TB");
  // newrank: rank the whole graph at once, clusters included; the older cluster ranking fails
  // with "trouble in init_rank" on larger nested graphs.
  declare(g, AGRAPH, "newrank", "true");
  declare(g, AGRAPH, "fontname", kDiagramFont);
  const TextSizes& text = text_sizes(ctx);
  declare(g, AGRAPH, "fontsize", text.graph);
  declare(g, AGRAPH, "labelloc", "t");
  declare(g, AGRAPH, "labeljust", "l");
  declare(g, AGRAPH, "nodesep", "0.3");
  declare(g, AGRAPH, "ranksep", "0.5");
  declare(g, AGRAPH, "outputorder", "edgesfirst");
  // A sheet is scaled down to its page when larger (never up); see diagram_sheets.hpp.
  if (ctx.diagram.sheet) declare(g, AGRAPH, "size", kSheetSize);
  // Arrows as polylines rather than curves: measured on the wall benchmark's models
  // (bench/diagram_layout.py, docs/performance.md), 40% fewer crossings at 80 elements, 15% at
  // 40, for the same node order; large graphs draw straight lines (below).
  if (view.edges.size() <= kLargeGraph) declare(g, AGRAPH, "splines", "polyline");
  if (view.edges.size() > kLargeGraph) {
    // Bound the network-simplex passes and crossing minimisation of large graphs: the layout
    // gets a little less tidy but its time stops growing quadratically.
    declare(g, AGRAPH, "nslimit", "2");
    declare(g, AGRAPH, "nslimit1", "2");
    declare(g, AGRAPH, "mclimit", "0.3");
    declare(g, AGRAPH, "searchsize", "10");
    // Straight arrows: routing hundreds of splines around boxes was most of the layout time.
    declare(g, AGRAPH, "splines", "line");
  }
  // The graph kind's defaults are the clusters' (the root graph ignores style and colour).
  declare(g, AGRAPH, "style", "dashed,rounded");
  declare(g, AGRAPH, "color", colours(Level::None).pen);
  declare(g, AGRAPH, "penwidth", "1.2");
  declare(g, AGRAPH, "label", "");
  // A sheet's SVG ids start with the sheet's name (Graphviz prefixes them with the root's id),
  // so the report can inline several sheets without clashing ids.
  if (ctx.diagram.sheet) declare(g, AGRAPH, "id", "");
  declare(g, AGNODE, "shape", "box");
  declare(g, AGNODE, "style", "filled");
  declare(g, AGNODE, "fillcolor", colours(Level::None).fill);
  declare(g, AGNODE, "color", colours(Level::None).pen);
  declare(g, AGNODE, "fontcolor", "#000000");
  declare(g, AGNODE, "fontname", kDiagramFont);
  declare(g, AGNODE, "fontsize", text.node);
  declare(g, AGNODE, "penwidth", "1");
  declare(g, AGNODE, "peripheries", "1");
  declare(g, AGNODE, "margin", "0.11,0.055");
  declare(g, AGNODE, "label", "\\N");
  declare(g, AGEDGE, "fontname", kDiagramFont);
  declare(g, AGEDGE, "fontsize", ctx.diagram.sheet ? kSheetFont : "9");
  declare(g, AGEDGE, "color", "#555555");
  declare(g, AGEDGE, "fontcolor", "#333333");
  declare(g, AGEDGE, "arrowsize", "0.7");
  declare(g, AGEDGE, "penwidth", "1");
  declare(g, AGEDGE, "style", "solid");
  declare(g, AGEDGE, "label", "");
  declare(g, AGEDGE, "xlabel", "");
  declare(g, AGEDGE, "weight", "1");
  // Only a diagram with an arrow both ways or ranked backwards needs `dir`: the DOT text of the
  // others stays short.
  if (std::any_of(view.edges.begin(), view.edges.end(),
                  [&](const Edge& e) { return e.both || ranked_backwards(ctx.graph, view, e); }))
    declare(g, AGEDGE, "dir", "forward");
}

/// An HTML-like label: the title (bold unless `plain`), smaller details, the overlay in colour.
/// `text` escaped, broken into lines of about `width` characters at spaces (0: one line). On a
/// sheet, long names would otherwise set the width of a whole rank.
std::string wrapped_html(const std::string& text, std::size_t width) {
  if (width == 0 || text.size() <= width) return html_text(text);
  std::string out, line;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(at, end - at);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += html_text(line) + "<br/>";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    at = end + 1;
  }
  return out + html_text(line);
}

/// Characters per line of a title on a sheet.
constexpr std::size_t kSheetWrap = 20;

std::string html(const Label& l, bool bold, const char* size, std::size_t wrap) {
  const std::string title = wrapped_html(l.title, wrap);
  std::string out = bold ? "<b>" + title + "</b>" : title;
  const std::string font = std::string("<br/><font point-size=\"") + size + "\"";
  for (const std::string& d : l.details) out += font + ">" + html_text(d) + "</font>";
  if (l.overlay.open > 0) {
    out += font + " color=\"" + colours(l.overlay.level).pen + "\">" +
           html_text(overlay_text(l.overlay)) + "</font>";
  }
  return out;
}

std::string heading_html(const Label& l, const TextSizes& text) {
  std::string out = std::string("<font point-size=\"") + text.heading + "\"><b>" +
                    html_text(l.title) + "</b></font>";
  for (const std::string& d : l.details) out += "<br/>" + html_text(d);
  return out;
}

/// A row of coloured cells, one per level, each named.
std::string swatches_html(const std::vector<Level>& levels) {
  std::string out = "<table border=\"0\" cellborder=\"1\" cellspacing=\"2\" cellpadding=\"2\"><tr>";
  for (Level level : levels) {
    const Colours& c = colours(level);
    out += std::string("<td bgcolor=\"") + c.fill + "\" color=\"" + c.pen + "\"><font color=\"" +
           c.pen + "\">" + c.name + "</font></td>";
  }
  return out + "</tr></table>";
}

/// The legend, compact: a heading cell, then up to kLegendColumns symbol-meaning pairs a row.
std::string legend_html(const std::vector<LegendRow>& rows) {
  constexpr std::size_t kLegendColumns = 2;
  std::string out =
      "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"5\" "
      "color=\"#bbbbbb\"><tr><td colspan=\"" +
      std::to_string(2 * kLegendColumns) + "\" align=\"left\"><b>Legend</b></td></tr>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const LegendRow& r = rows[i];
    const std::string symbol = r.swatches.empty() ? html_text(r.symbol) : swatches_html(r.swatches);
    // The colour row is wide: it gets a row of its own.
    const bool alone = !r.swatches.empty();
    if (i % kLegendColumns == 0 || alone) out += i == 0 ? "<tr>" : "</tr><tr>";
    out += "<td align=\"right\">" + symbol + (alone ? "" : ":") + "</td><td align=\"left\"" +
           (alone ? " colspan=\"" + std::to_string(2 * kLegendColumns - 1) + "\"" : "") + ">" +
           html_text(r.meaning) + "</td>";
  }
  return out + "</tr></table>";
}

void style_node(Agnode_t* n, const Node& node) {
  switch (node.shape) {
    case Shape::Actor:
      set(n, "peripheries", "2");
      break;
    case Shape::External:
      break;
    case Shape::Process:
      set(n, "shape", "ellipse");
      break;
    case Shape::Store:
      set(n, "shape", "cylinder");
      break;
    case Shape::Collapsed:
      set(n, "shape", "box3d");
      set(n, "style", "filled,dashed");
      break;
  }
  if (node.context) {
    set(n, "color", kContextPen);
    set(n, "fillcolor", kContextFill);
    set(n, "fontcolor", kContextText);
    set(n, "style", "filled,dashed");
  } else if (node.overlay.open > 0) {
    set(n, "color", colours(node.overlay.level).pen);
    set(n, "fillcolor", colours(node.overlay.level).fill);
    set(n, "penwidth", "2");
  }
}

void style_edge(Agedge_t* e, const Edge& edge, bool against, bool backwards) {
  if (edge.overlay.open > 0) {
    set(e, "color", colours(edge.overlay.level).pen);
    set(e, "fontcolor", colours(edge.overlay.level).pen);
    set(e, "penwidth", "1.6");
  }
  // Against the trust gradient: dashed, so it stands out in a diagram that reads one way.
  if (edge.flows.size() > 1 || against) {
    set(e, "style", edge.flows.size() > 1 && against ? "bold,dashed" : against ? "dashed" : "bold");
  }
  if (edge.both)
    set(e, "dir", "both");
  else if (backwards)
    set(e, "dir", "back");
}

/// The order 0, 1, ..., count - 1 shuffled by `seed` (0: unshuffled). Fisher-Yates on
/// std::mt19937, whose output the standard fixes, so every platform gets the same order.
std::vector<std::size_t> shuffled(std::size_t count, unsigned seed) {
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  if (seed == 0) return order;
  std::mt19937 rng(seed);
  for (std::size_t i = count; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

class Builder {
 public:
  Builder(const RenderContext& ctx, const View& view, unsigned variant)
      : ctx_(ctx), view_(view), labels_(ctx, view), variant_(variant) {}
  GraphPtr run();

 private:
  void clusters();
  void nodes();
  void edges();
  std::size_t wrap() const { return ctx_.diagram.sheet ? kSheetWrap : 0; }
  bool within_zone(const Edge& e) const {
    return view_.nodes[e.source].cluster == view_.nodes[e.target].cluster;
  }

  const RenderContext& ctx_;
  const View& view_;
  Labels labels_;
  unsigned variant_;
  GraphPtr g_;
  std::vector<Agraph_t*> clusters_;
  std::vector<Agnode_t*> nodes_;
};

GraphPtr Builder::run() {
  g_ = open_graph("dfd");
  Agraph_t* root = g_.get();
  declare_defaults(root, ctx_, view_);
  // The legend sits under the heading, in the graph's label: as a node it took a rank of its
  // own, the width of a column in a left-to-right layout.
  std::string label = heading_html(labels_.heading(), text_sizes(ctx_));
  if (ctx_.diagram.legend) {
    label = "<table border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"left\">" +
            label + "</td></tr><tr><td align=\"left\">" + legend_html(labels_.legend()) +
            "</td></tr></table>";
  }
  set_html_label(root, root, label);
  clusters();
  nodes();
  edges();
  if (ctx_.diagram.sheet) {
    const std::size_t part = ctx_.diagram.part;
    set(root, "id",
        ctx_.diagram.overview
            ? std::string("overview")
            : "sheet-" + ctx_.diagram.boundary +
                  (part > 0 ? ".part" + std::to_string(part + 1) : std::string()));
  }
  return std::move(g_);
}

void Builder::clusters() {
  for (const Cluster& c : view_.clusters) {
    Agraph_t* parent = c.parent < 0 ? g_.get() : clusters_[c.parent];
    const std::string name = "cluster_" + ctx_.graph.elements[c.boundary].id;
    Agraph_t* sg = agsubg(parent, cs(name.c_str()), 1);
    set_html_label(g_.get(), sg, html(labels_.cluster(c), true, text_sizes(ctx_).detail, wrap()));
    if (c.overlay.open > 0) set(sg, "color", colours(c.overlay.level).pen);
    clusters_.push_back(sg);
  }
}

void Builder::nodes() {
  nodes_.assign(view_.nodes.size(), nullptr);
  for (std::size_t i : shuffled(view_.nodes.size(), variant_)) {
    const Node& node = view_.nodes[i];
    Agraph_t* in = node.cluster < 0 ? g_.get() : clusters_[node.cluster];
    Agnode_t* n = agnode(in, cs(ctx_.graph.elements[node.element].id.c_str()), 1);
    set_html_label(g_.get(), n, html(labels_.node(node), true, text_sizes(ctx_).detail, wrap()));
    style_node(n, node);
    nodes_[i] = n;
  }
}

void Builder::edges() {
  const char* label_attr = view_.edges.size() > kLargeGraph ? "xlabel" : "label";
  // Variants 2k and 2k + 1 share one order of arrows: more kinds of start for `dot`.
  for (std::size_t i : shuffled(view_.edges.size(), variant_ / 2)) {
    const Edge& edge = view_.edges[i];
    // Given to `dot` towards more trust: see graphviz_trust.cpp.
    const bool backwards = ranked_backwards(ctx_.graph, view_, edge);
    Agedge_t* e = backwards
                      ? agedge(g_.get(), nodes_[edge.target], nodes_[edge.source], nullptr, 1)
                      : agedge(g_.get(), nodes_[edge.source], nodes_[edge.target], nullptr, 1);
    set_html_label(g_.get(), e,
                   html(labels_.edge(edge), false, text_sizes(ctx_).edge_detail, wrap()),
                   label_attr);
    style_edge(e, edge, against_trust(ctx_.graph, view_, edge), backwards);
    if (within_zone(edge)) set(e, "weight", kZoneWeight);
  }
}

}  // namespace

GraphPtr build_graph(const RenderContext& ctx, const View& view, unsigned variant) {
  return Builder(ctx, view, variant).run();
}

}  // namespace moat::diagram
