// Diagram views (backends/diagram_view.hpp): one boundary and its neighbours, collapsed
// boundaries with merged flows, the automatic collapse of large models, unknown boundaries.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "backends/diagram.hpp"
#include "backends/diagram_view.hpp"
#include "compiler/compile.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using namespace moat::diagram;

namespace {

const char* const kModel = R"moat(model "Views" {}
actor user "User"
external mail "Mail service"
boundary outer "Outer" {
  process gate "Gate"
  boundary inner "Inner" {
    process a "A"
    process b "B"
    boundary deepest "Deepest" { store vault "Vault" }
  }
}
boundary side "Side" { process other "Other" }
flow user -> gate "Login"
flow gate -> a "Ask A"
flow gate -> b "Ask B"
flow a -> vault "Keep"
flow b -> mail "Notify"
flow other -> user "Unrelated"
rule r_proc "Proc" { applies = process, category = tampering, severity = high, when = true, fixed_severity = true }
)moat";

/// A drawn model and the view the diagram backends would draw of it.
struct Views : moat_test::Drawn {
  using moat_test::Drawn::Drawn;

  View view() const {
    ViewResult r = build_view(ctx());
    INFO(r.error);
    REQUIRE(r.error.empty());
    return r.view;
  }
  const Node* node(const View& v, const std::string& id) const {
    for (const Node& n : v.nodes) {
      if (c->graph.elements[n.element].id == id) return &n;
    }
    return nullptr;
  }
};

Views views() {
  return Views(compile_text("views.moat", kModel), "views.moat");
}

/// `processes` processes in two-level nested boundaries, chained by flows.
std::string large_model(int processes) {
  std::string text = "model \"Large\" {}\n";
  const int per = processes / 8;
  for (int top = 0; top < 4; ++top) {
    text += fmt::format("boundary t{} {{\n", top);
    for (int mid = 0; mid < 2; ++mid) {
      text += fmt::format("  boundary m{}_{} {{\n", top, mid);
      for (int i = 0; i < per; ++i) text += fmt::format("    process p{}_{}_{}\n", top, mid, i);
      text += "  }\n";
    }
    text += "}\n";
  }
  for (int top = 0; top < 4; ++top) {
    for (int mid = 0; mid < 2; ++mid) {
      for (int i = 0; i + 1 < per; ++i)
        text += fmt::format("flow p{0}_{1}_{2} -> p{0}_{1}_{3}\n", top, mid, i, i + 1);
      text += fmt::format("flow p{0}_{1}_0 -> p{2}_0_0\n", top, mid, (top + 1) % 4);
    }
  }
  return text;
}

}  // namespace

TEST_CASE("diagram view: the whole model draws every boundary but the outside") {
  const Views d = views();
  const View v = d.view();
  CHECK(v.clusters.size() == 4);
  CHECK(v.nodes.size() == 7);
  CHECK(v.edges.size() == 6);
  CHECK(v.collapse == -1);
  CHECK_FALSE(v.automatic);
  CHECK(d.node(v, "vault")->cluster >= 0);
}

TEST_CASE("diagram view: one boundary shows its subtree and, greyed, what its flows reach") {
  Views d = views();
  d.options.boundary = "inner";
  const View v = d.view();
  CHECK(v.clusters.size() == 2);  // inner, deepest
  REQUIRE(d.node(v, "gate") != nullptr);
  CHECK(d.node(v, "gate")->context);
  CHECK(d.node(v, "gate")->cluster == -1);
  CHECK(d.node(v, "mail")->context);
  CHECK_FALSE(d.node(v, "a")->context);
  CHECK(d.node(v, "user") == nullptr);
  CHECK(d.node(v, "other") == nullptr);
  CHECK(v.edges.size() == 4);  // Ask A, Ask B, Keep, Notify
  const std::string dot = dot_diagram(d.ctx()).bytes;
  CHECK(dot.find("cluster_inner") != std::string::npos);
  CHECK(dot.find("cluster_outer") == std::string::npos);
  CHECK(dot.find("fillcolor=\"#f2f2f2\"") != std::string::npos);
  CHECK(dot.find("view: boundary inner") != std::string::npos);
}

TEST_CASE("diagram view: an unknown boundary is an error naming it and the valid ones") {
  Views d = views();
  d.options.boundary = "innr";
  const RenderResult r = svg_diagram(d.ctx());
  CHECK(r.bytes.empty());
  CHECK(r.error == "unknown boundary 'innr'; boundaries: outer, inner, deepest, side");
  CHECK(dot_diagram(d.ctx()).error == r.error);
  d.options.boundary = "gate";
  CHECK(dot_diagram(d.ctx()).error ==
        "'gate' is a process, not a boundary; boundaries: outer, inner, deepest, side");
  d.options.boundary = "user";
  CHECK(build_view(d.ctx()).error.starts_with("'user' is an actor, not a boundary"));
}

TEST_CASE("diagram view: collapsing draws deeper boundaries as boxes and merges their flows") {
  Views d = views();
  d.options.collapse_depth = 1;
  const View v = d.view();
  CHECK(v.clusters.size() == 2);  // outer, side
  const Node* inner = d.node(v, "inner");
  REQUIRE(inner != nullptr);
  CHECK(inner->shape == Shape::Collapsed);
  CHECK(inner->hidden == 3);  // a, b, vault
  // Threats of a and b (high) count on the box; Keep (a -> vault) is inside it.
  CHECK(inner->overlay.open == 2);
  CHECK(inner->overlay.level == Level::High);
  CHECK(d.node(v, "a") == nullptr);
  CHECK(d.node(v, "deepest") == nullptr);
  // Ask A and Ask B become one arrow gate -> inner; Notify leaves the box.
  CHECK(v.edges.size() == 4);
  int merged = 0;
  for (const Edge& e : v.edges) merged += e.flows.size() == 2;
  CHECK(merged == 1);
  const std::string dot = dot_diagram(d.ctx()).bytes;
  CHECK(dot.find("shape=box3d") != std::string::npos);
  CHECK(dot.find("label=<2 flows") != std::string::npos);  // at a collapsed box: a count
  CHECK(mermaid_flowchart(d.ctx()).find("n_inner{{\"Inner") != std::string::npos);
}

TEST_CASE("diagram view: a large model collapses automatically until it fits the budget") {
  const Views d(compile_text("large.moat", large_model(400)), "large.moat");
  const View v = d.view();
  CHECK(v.automatic);
  CHECK(v.model_nodes == 400);
  CHECK(v.collapse == 1);
  CHECK(v.nodes.size() == 8);
  CHECK(v.nodes.size() <= kNodeBudget);
  CHECK(v.edges.size() <= kArrowBudget);
  const RenderResult svg = svg_diagram(d.ctx());
  CHECK(svg.error.empty());
  CHECK(svg.bytes.find("collapsed (automatically: 400 nodes") != std::string::npos);
}

TEST_CASE("diagram view: an explicit collapse depth wins over the automatic one") {
  Views d(compile_text("large.moat", large_model(400)), "large.moat");
  d.options.collapse_depth = 5;
  const View v = d.view();
  CHECK_FALSE(v.automatic);
  CHECK(v.collapse == 5);
  // Nothing is collapsed, but the view still keeps within the node budget (diagram_budget.hpp).
  CHECK(v.nodes.size() == kNodeBudget);
  CHECK(v.left_out_nodes == 100);
}

TEST_CASE("diagram view: a boundary view of a large model groups the elements outside it") {
  std::string text = "model \"Hub\" {}\nboundary hub { process center }\n";
  for (int b = 0; b < 4; ++b) {
    text += fmt::format("boundary z{} {{\n", b);
    for (int i = 0; i < 100; ++i) text += fmt::format("  process q{}_{}\n", b, i);
    text += "}\n";
  }
  for (int b = 0; b < 4; ++b) {
    for (int i = 0; i < 100; ++i) text += fmt::format("flow q{}_{} -> center\n", b, i);
  }
  Views d(compile_text("hub.moat", text), "hub.moat");
  d.options.boundary = "hub";
  const View v = d.view();
  CHECK(v.automatic);
  CHECK(v.group_context);
  CHECK(v.nodes.size() == 5);  // center and the four zones
  CHECK(v.edges.size() == 4);
  CHECK(d.node(v, "z0")->context);
  CHECK(d.node(v, "z0")->hidden == 100);
  CHECK(v.edges[0].flows.size() == 100);
}

TEST_CASE("diagram view: --show-data lists what each flow carries") {
  Views d(compile_text("data.moat", R"moat(model "D" {}
data token "Token <t>"
data menu "Menu"
process a
process b
flow a -> b "Sync" { carries = [token, menu] }
)moat"),
          "data.moat");
  d.options.show_data = true;
  CHECK(dot_diagram(d.ctx()).bytes.find("data: Token &lt;t&gt;, Menu") != std::string::npos);
  d.options.show_data = false;
  CHECK(dot_diagram(d.ctx()).bytes.find("data:") == std::string::npos);
}

TEST_CASE("diagram view: hundreds of actors outside every boundary are drawn as one box") {
  // 400 actors, each talking to every one of 20 boundaries: even with every boundary collapsed
  // that is 420 nodes and 8,000 arrows, far beyond what Graphviz lays out in seconds.
  std::string text = "model \"Crowd\" {}\n";
  for (int b = 0; b < 20; ++b) text += fmt::format("boundary z{} {{ process p{} }}\n", b, b);
  for (int i = 0; i < 400; ++i) text += fmt::format("actor u{}\n", i);
  for (int i = 0; i < 400; ++i) {
    for (int b = 0; b < 20; ++b) text += fmt::format("flow u{} -> p{}\n", i, b);
  }
  const Views d(compile_text("crowd.moat", text), "crowd.moat");
  const View v = d.view();
  CHECK(v.automatic);
  CHECK(v.group_outside);
  CHECK(v.nodes.size() == 21);  // the twenty boundaries and the outside
  CHECK(v.edges.size() == 20);
  const Node* outside = d.node(v, "@outside");
  REQUIRE(outside != nullptr);
  CHECK(outside->shape == Shape::Collapsed);
  CHECK(outside->hidden == 400);
  CHECK(v.edges[0].flows.size() == 400);
  const std::string dot = dot_diagram(d.ctx()).bytes;
  CHECK(dot.find("grouped: 400 elements outside every boundary") != std::string::npos);
  CHECK(dot.find("elements outside every boundary are drawn as one box") != std::string::npos);
  CHECK(mermaid_flowchart(d.ctx()).find("Outside every boundary") != std::string::npos);
  CHECK(svg_diagram(d.ctx()).error.empty());
}
