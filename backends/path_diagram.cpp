#include "backends/path_diagram.hpp"

#include <algorithm>
#include <unordered_map>

#include "backends/diagram_escape.hpp"
#include "backends/graphviz_graph.hpp"
#include "backends/graphviz_render.hpp"
#include "backends/graphviz_text.hpp"

namespace moat::diagram {

namespace {

constexpr const char* kHop = "#c0392b";      // the path's hops and nodes
constexpr const char* kContext = "#aaaaaa";  // flows and nodes drawn for context only

// cgraph's API takes char* for names and values it only reads.
char* cs(const char* s) {
  return const_cast<char*>(s);
}

void declare(Agraph_t* g, int kind, const char* name, const char* value) {
  agattr(g, kind, cs(name), cs(value));
}

void set(void* obj, const char* name, const std::string& value) {
  agset(obj, cs(name), cs(value.c_str()));
}

void set_label(Agraph_t* root, void* obj, const std::string& html) {
  char* s = agstrdup_html(root, cs(html.c_str()));
  agset(obj, cs("label"), s);
  agstrfree(root, s);
}

void declare_defaults(Agraph_t* g) {
  declare(g, AGRAPH, "rankdir", "LR");
  declare(g, AGRAPH, "fontname", kDiagramFont);
  declare(g, AGRAPH, "nodesep", "0.25");
  declare(g, AGRAPH, "ranksep", "0.4");
  // Nodes and arrows start as context (grey); the path's own are set one by one.
  for (const int kind : {AGNODE, AGEDGE}) {
    declare(g, kind, "fontname", kDiagramFont);
    declare(g, kind, "fontsize", kind == AGNODE ? "10" : "9");
    declare(g, kind, "color", kContext);
    declare(g, kind, "fontcolor", "#777777");
    declare(g, kind, "penwidth", "1");
    declare(g, kind, "label", "");
  }
  declare(g, AGNODE, "shape", "box");
  declare(g, AGNODE, "style", "filled");
  declare(g, AGNODE, "fillcolor", "#ffffff");
}

const char* shape_of(Kind k) {
  switch (k) {
    case Kind::Actor:
      return "box";
    case Kind::Process:
      return "ellipse";
    case Kind::Store:
      return "cylinder";
    default:
      return "box";
  }
}

/// Open threats per element among the path's threats (they are on its nodes and hops).
std::unordered_map<ElementId, std::size_t> open_counts(const Analysis& a, const AttackPath& p) {
  std::unordered_map<ElementId, std::size_t> n;
  for (ThreatId t : p.threats) ++n[a.threats[t].element];
  return n;
}

std::string count_line(std::size_t n) {
  return n == 0 ? std::string()
                : "<br/><font point-size=\"8\">" + std::to_string(n) + " open threat" +
                      (n == 1 ? "" : "s") + "</font>";
}

class PathGraph {
 public:
  PathGraph(const ModelGraph& g, const Analysis& a, const AttackPath& p)
      : g_(g), p_(p), counts_(open_counts(a, p)), graph_(open_graph("attack_path")) {
    declare_defaults(graph_.get());
  }

  GraphPtr build() {
    for (ElementId e : p_.nodes) node(e, true);
    for (std::size_t i = 0; i < p_.flows.size(); ++i) {
      edge(p_.flows[i], p_.nodes[i], p_.nodes[i + 1], true);
    }
    for (ElementId e : p_.nodes) context(e);
    return std::move(graph_);
  }

 private:
  Agnode_t* node(ElementId e, bool on_path) {
    if (auto it = nodes_.find(e); it != nodes_.end()) return it->second;
    Agnode_t* n = agnode(graph_.get(), cs(("n" + std::to_string(e.index())).c_str()), 1);
    nodes_.emplace(e, n);
    const ElementRec& r = g_.elements[e];
    set(n, "shape", shape_of(r.kind));
    std::string label = "<b>" + html_text(r.id) + "</b>";
    if (on_path) {
      set(n, "color", kHop);
      set(n, "fontcolor", "#000000");
      set(n, "penwidth", "2");
      label += count_line(counts_.count(e) ? counts_.at(e) : 0);
    }
    set_label(graph_.get(), n, label);
    return n;
  }

  void edge(ElementId flow, ElementId from, ElementId to, bool hop) {
    Agedge_t* x = agedge(graph_.get(), node(from, false), node(to, false),
                         cs(("f" + std::to_string(flow.index())).c_str()), 1);
    std::string label = html_text(g_.elements[flow].id);
    if (hop) {
      set(x, "color", kHop);
      set(x, "fontcolor", kHop);
      set(x, "penwidth", "2.5");
      label += count_line(counts_.count(flow) ? counts_.at(flow) : 0);
    }
    set_label(graph_.get(), x, label);
  }

  /// A few flows into and out of `e` that are not hops of the path, in declaration order.
  void context(ElementId e) {
    std::size_t drawn = 0;
    for (const FlowRec& flow : g_.flows) {
      if (drawn == kPathContextFlows) return;
      if (flow.source != e && flow.target != e) continue;
      if (std::find(p_.flows.begin(), p_.flows.end(), flow.element) != p_.flows.end()) continue;
      edge(flow.element, flow.source, flow.target, false);
      ++drawn;
    }
  }

  const ModelGraph& g_;
  const AttackPath& p_;
  std::unordered_map<ElementId, std::size_t> counts_;
  GraphPtr graph_;
  std::unordered_map<ElementId, Agnode_t*> nodes_;
};

}  // namespace

std::string path_dot(const ModelGraph& g, const Analysis& a, const AttackPath& p) {
  GraphvizSession session;
  return write_dot(PathGraph(g, a, p).build().get());
}

std::string path_mermaid(const ModelGraph& g, const AttackPath& p) {
  std::string out = "flowchart LR\n";
  for (ElementId e : p.nodes) {
    out +=
        "  " + mermaid_id("n", g.elements[e].id) + "[\"" + mermaid_text(g.elements[e].id) + "\"]\n";
  }
  for (std::size_t i = 0; i < p.flows.size(); ++i) {
    out += "  " + mermaid_id("n", g.elements[p.nodes[i]].id) + " -->|\"" +
           mermaid_text(g.elements[p.flows[i]].id) + "\"| " +
           mermaid_id("n", g.elements[p.nodes[i + 1]].id) + "\n";
  }
  if (!p.flows.empty())
    out += std::string("  linkStyle default stroke:") + kHop + ",stroke-width:3px\n";
  return out;
}

RenderResult path_svg(const ModelGraph& g, const Analysis& a, const AttackPath& p) {
  GraphvizSession session;
  std::vector<RenderResult> out = layout_and_render(session, PathGraph(g, a, p).build(), {"svg"});
  if (const std::string why = session.errors(); !why.empty()) {
    return {{}, "Graphviz reported: " + why};
  }
  if (out.empty()) return {{}, "Graphviz rendered nothing"};
  return std::move(out.front());
}

}  // namespace moat::diagram
