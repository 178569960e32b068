#include "backends/graphviz_graph.hpp"

#include <algorithm>

#include "backends/diagram_escape.hpp"
#include "backends/diagram_text.hpp"

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

// Defaults hold what most objects share, so the DOT text stays short and objects only carry
// what differs. Every attribute set later on some object is declared here.
void declare_defaults(Agraph_t* g, const RenderContext& ctx, const View& view) {
  declare(g, AGRAPH, "rankdir", ctx.diagram.left_to_right ? "LR" : "TB");
  // newrank: rank the whole graph at once, clusters included; the older cluster ranking fails
  // with "trouble in init_rank" on larger nested graphs.
  declare(g, AGRAPH, "newrank", "true");
  declare(g, AGRAPH, "fontname", "Helvetica");
  declare(g, AGRAPH, "fontsize", "10");
  declare(g, AGRAPH, "labelloc", "t");
  declare(g, AGRAPH, "labeljust", "l");
  declare(g, AGRAPH, "nodesep", "0.3");
  declare(g, AGRAPH, "ranksep", "0.5");
  declare(g, AGRAPH, "outputorder", "edgesfirst");
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
  declare(g, AGNODE, "shape", "box");
  declare(g, AGNODE, "style", "filled");
  declare(g, AGNODE, "fillcolor", colours(Level::None).fill);
  declare(g, AGNODE, "color", colours(Level::None).pen);
  declare(g, AGNODE, "fontcolor", "#000000");
  declare(g, AGNODE, "fontname", "Helvetica");
  declare(g, AGNODE, "fontsize", "10");
  declare(g, AGNODE, "penwidth", "1");
  declare(g, AGNODE, "peripheries", "1");
  declare(g, AGNODE, "margin", "0.11,0.055");
  declare(g, AGNODE, "label", "\\N");
  declare(g, AGEDGE, "fontname", "Helvetica");
  declare(g, AGEDGE, "fontsize", "9");
  declare(g, AGEDGE, "color", "#555555");
  declare(g, AGEDGE, "fontcolor", "#333333");
  declare(g, AGEDGE, "arrowsize", "0.7");
  declare(g, AGEDGE, "penwidth", "1");
  declare(g, AGEDGE, "style", "solid");
  declare(g, AGEDGE, "label", "");
  declare(g, AGEDGE, "xlabel", "");
  // Only a model with a two-way flow needs `dir`: the DOT text of the others stays as it was.
  if (std::any_of(view.edges.begin(), view.edges.end(), [](const Edge& e) { return e.both; }))
    declare(g, AGEDGE, "dir", "forward");
}

/// An HTML-like label: the title (bold unless `plain`), smaller details, the overlay in colour.
std::string html(const Label& l, bool bold, const char* size) {
  std::string out = bold ? "<b>" + html_text(l.title) + "</b>" : html_text(l.title);
  const std::string font = std::string("<br/><font point-size=\"") + size + "\"";
  for (const std::string& d : l.details) out += font + ">" + html_text(d) + "</font>";
  if (l.overlay.open > 0) {
    out += font + " color=\"" + colours(l.overlay.level).pen + "\">" +
           html_text(overlay_text(l.overlay)) + "</font>";
  }
  return out;
}

std::string heading_html(const Label& l) {
  std::string out = "<font point-size=\"14\"><b>" + html_text(l.title) + "</b></font>";
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

std::string legend_html(const std::vector<LegendRow>& rows) {
  std::string out =
      "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\" color=\"#bbbbbb\">"
      "<tr><td colspan=\"2\"><b>Legend</b></td></tr>";
  for (const LegendRow& r : rows) {
    const std::string symbol = r.swatches.empty() ? html_text(r.symbol) : swatches_html(r.swatches);
    out += "<tr><td>" + symbol + "</td><td align=\"left\">" + html_text(r.meaning) + "</td></tr>";
  }
  return out + "</table>";
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

void style_edge(Agedge_t* e, const Edge& edge) {
  if (edge.overlay.open > 0) {
    set(e, "color", colours(edge.overlay.level).pen);
    set(e, "fontcolor", colours(edge.overlay.level).pen);
    set(e, "penwidth", "1.6");
  }
  if (edge.flows.size() > 1) set(e, "style", "bold");
  if (edge.both) set(e, "dir", "both");
}

class Builder {
 public:
  Builder(const RenderContext& ctx, const View& view)
      : ctx_(ctx), view_(view), labels_(ctx, view) {}
  GraphPtr run();

 private:
  void clusters();
  void nodes();
  void edges();

  const RenderContext& ctx_;
  const View& view_;
  Labels labels_;
  GraphPtr g_;
  std::vector<Agraph_t*> clusters_;
  std::vector<Agnode_t*> nodes_;
};

GraphPtr Builder::run() {
  g_ = open_graph("dfd");
  Agraph_t* root = g_.get();
  declare_defaults(root, ctx_, view_);
  set_html_label(root, root, heading_html(labels_.heading()));
  clusters();
  nodes();
  edges();
  // The legend is a node at the top level; '@' cannot start a moat id, so it never clashes.
  Agnode_t* legend = agnode(root, cs("@legend"), 1);
  set(legend, "shape", "plaintext");
  set(legend, "style", "");
  set_html_label(root, legend, legend_html(labels_.legend()));
  return std::move(g_);
}

void Builder::clusters() {
  for (const Cluster& c : view_.clusters) {
    Agraph_t* parent = c.parent < 0 ? g_.get() : clusters_[c.parent];
    const std::string name = "cluster_" + ctx_.graph.elements[c.boundary].id;
    Agraph_t* sg = agsubg(parent, cs(name.c_str()), 1);
    set_html_label(g_.get(), sg, html(labels_.cluster(c), true, "9"));
    if (c.overlay.open > 0) set(sg, "color", colours(c.overlay.level).pen);
    clusters_.push_back(sg);
  }
}

void Builder::nodes() {
  for (const Node& node : view_.nodes) {
    Agraph_t* in = node.cluster < 0 ? g_.get() : clusters_[node.cluster];
    Agnode_t* n = agnode(in, cs(ctx_.graph.elements[node.element].id.c_str()), 1);
    set_html_label(g_.get(), n, html(labels_.node(node), true, "9"));
    style_node(n, node);
    nodes_.push_back(n);
  }
}

void Builder::edges() {
  const char* label_attr = view_.edges.size() > kLargeGraph ? "xlabel" : "label";
  for (const Edge& edge : view_.edges) {
    Agedge_t* e = agedge(g_.get(), nodes_[edge.source], nodes_[edge.target], nullptr, 1);
    set_html_label(g_.get(), e, html(labels_.edge(edge), false, "8"), label_attr);
    style_edge(e, edge);
  }
}

}  // namespace

GraphPtr build_graph(const RenderContext& ctx, const View& view) {
  return Builder(ctx, view).run();
}

}  // namespace moat::diagram
