// Every diagram within its node and arrow budget, whatever the model's shape
// (backends/diagram_budget.hpp): merged arrows, the nodes and arrows kept first, the heading
// that says what was left out, and Mermaid within the library's default limits.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "backends/diagram.hpp"
#include "backends/diagram_budget.hpp"
#include "backends/diagram_view.hpp"
#include "backends/mermaid_flowchart.hpp"
#include "compiler/compile.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using namespace moat::diagram;

namespace {

/// Flows on `http` are critical threats; the others have none.
const char* const kRule =
    "rule r_http \"Plain HTTP\" { applies = flow, category = tampering, severity = critical, "
    "when = protocol == http, fixed_severity = true }\n";

struct Shaped : moat_test::Drawn {
  using moat_test::Drawn::Drawn;
  View view(Budget budget = {}) const {
    ViewResult r = build_view(ctx(), budget);
    REQUIRE(r.error.empty());
    return r.view;
  }
};

Shaped shaped(const std::string& text) {
  return Shaped(compile_text("shape.moat", text), "shape.moat");
}

/// `boundaries` top-level boundaries with one process each; every process calls the next
/// `fan` ones; every 50th flow is plain HTTP.
std::string wide(int boundaries, int fan) {
  std::string text = "model \"Wide\" {}\n" + std::string(kRule);
  for (int b = 0; b < boundaries; ++b)
    text += fmt::format("boundary z{} {{\n  trust = {}\n  process p{}\n}}\n", b,
                        b % 2 ? "internal" : "partner", b);
  int n = 0;
  for (int b = 0; b < boundaries; ++b) {
    for (int k = 1; k <= fan; ++k) {
      text += fmt::format("flow p{} -> p{} {{ protocol = {} }}\n", b, (b + k) % boundaries,
                          ++n % 50 == 0 ? "http" : "https");
    }
  }
  return text;
}

void check_within(const View& v, Budget budget = {}) {
  CHECK(v.nodes.size() <= budget.nodes);
  CHECK(v.edges.size() <= budget.arrows);
  for (const Edge& e : v.edges) {
    CHECK(e.source < static_cast<int>(v.nodes.size()));
    CHECK(e.target < static_cast<int>(v.nodes.size()));
  }
  for (const Node& n : v.nodes) CHECK(n.cluster < static_cast<int>(v.clusters.size()));
}

std::size_t critical_arrows(const View& v) {
  std::size_t critical = 0;
  for (const Edge& e : v.edges) critical += e.overlay.level == Level::Critical;
  return critical;
}

}  // namespace

TEST_CASE("diagram budget: many top-level boundaries keep the nodes and arrows that matter") {
  const Shaped d = shaped(wide(400, 3));
  const View v = d.view();
  check_within(v);
  CHECK(v.nodes_before == 400);
  CHECK(v.left_out_nodes == 100);
  CHECK(v.left_out_arrows > 0);
  CHECK(v.left_out_where.size() == 3);
  CHECK(critical_arrows(v) > 0);
  const std::string dot = dot_diagram(d.ctx()).bytes;
  CHECK(dot.find("left out to stay readable: ") != std::string::npos);
  // The formats Graphviz lays out have a smaller budget (200 nodes, 400 arrows).
  CHECK(dot.find("and 200 of 400 nodes; kept first: open threats") != std::string::npos);
  CHECK(dot.find("boundary ID, e.g. z") != std::string::npos);
  CHECK(dot == dot_diagram(d.ctx()).bytes);  // deterministic
}

TEST_CASE("diagram budget: arrows over the budget keep open threats first") {
  // 40 boundaries of one process, each calling 20 others: 800 arrows, 16 of them HTTP.
  const Shaped d = shaped(wide(40, 20));
  const View v = d.view();
  check_within(v);
  CHECK(v.left_out_nodes == 0);
  // Calls both ways between two boundaries are bundled: 780 arrows, 12 of them with HTTP flows.
  CHECK(v.arrows_before == 780);
  CHECK(v.left_out_arrows == 180);
  CHECK(critical_arrows(v) == 12);  // every arrow with a plain-HTTP flow is kept
  CHECK(dot_diagram(d.ctx()).bytes.find("380 of 780 arrows (") != std::string::npos);
}

TEST_CASE("diagram budget: flows between the same two nodes share one arrow") {
  std::string text = "model \"Pair\" {}\n" + std::string(kRule) + "process a\nprocess b\n";
  for (int i = 0; i < 700; ++i)
    text += fmt::format("flow a -> b \"F{}\" {{ protocol = {} }}\n", i, i == 9 ? "http" : "https");
  const Shaped d = shaped(text);
  const View v = d.view();
  REQUIRE(v.edges.size() == 1);
  CHECK(v.aggregated);
  CHECK(v.edges[0].flows.size() == 700);
  CHECK(v.edges[0].overlay.level == Level::Critical);
  CHECK(v.left_out_arrows == 0);
  const std::string dot = dot_diagram(d.ctx()).bytes;
  CHECK(dot.find("1, 2, 3, 4, 5, 6, 7, 8, +692 more") != std::string::npos);
  CHECK(dot.find("flows between the same two nodes share one arrow") != std::string::npos);
}

TEST_CASE("diagram budget: a model without boundaries keeps its busiest nodes, not one box") {
  std::string text = "model \"Flat\" {}\n" + std::string(kRule);
  for (int i = 0; i < 1000; ++i) text += fmt::format("process p{}\n", i);
  for (int i = 0; i < 1000; ++i) {
    for (int k : {1, 7, 31})
      text += fmt::format("flow p{} -> p{} {{ protocol = {} }}\n", i, (i + k) % 1000,
                          i % 97 == 0 ? "http" : "https");
  }
  const Shaped d = shaped(text);
  const View v = d.view();
  check_within(v);
  CHECK_FALSE(v.group_outside);
  CHECK(v.nodes.size() == kNodeBudget);
  CHECK(v.left_out_nodes == 700);
  CHECK(v.left_out_where.empty());  // nothing is in a boundary: no boundary to name
}

TEST_CASE("diagram budget: deep nesting and one giant boundary stay within budget") {
  std::string deep = "model \"Deep\" {}\n";
  for (int b = 0; b < 60; ++b)
    deep += fmt::format("boundary z{} {{\nprocess p{}a\nprocess p{}b\n", b, b, b);
  deep += std::string(60, '}') + "\n";
  for (int b = 0; b < 60; ++b) {
    for (int c = 0; c < 60; ++c) {
      if (b != c) deep += fmt::format("flow p{}a -> p{}b\n", b, c);
    }
  }
  for (const std::string& text :
       {deep, "model \"Giant\" {}\n" + std::string(kRule) + "boundary g {\n" +
                  wide(700, 2).substr(16 + std::string(kRule).size()) + "}\n"}) {
    const Shaped d = shaped(text);
    check_within(d.view());
    check_within(d.view({50, 80}), {50, 80});
  }
}

TEST_CASE("diagram budget: Mermaid stays within the library's default limits") {
  const Shaped d = shaped(wide(400, 3));
  const RenderResult r = mermaid_within_limits(d.ctx());
  REQUIRE(r.error.empty());
  CHECK(r.bytes.size() <= kMermaidText);
  CHECK(r.bytes.rfind("---\ntitle: \"Wide - ", 0) == 0);
  CHECK(r.bytes.find("left out to stay readable") < r.bytes.find("\n---\n", 4));
  std::size_t arrows = 0;
  for (std::size_t at = 0; (at = r.bytes.find("|\"", at)) != std::string::npos; ++at) ++arrows;
  CHECK(arrows <= 2 * kMermaidArrows);  // each arrow label opens with |" and closes with "|
  // A small model is drawn whole, with no title added.
  const Shaped small = shaped("model \"Small\" {}\nprocess a\nprocess b\nflow a -> b\n");
  CHECK(mermaid_flowchart(small.ctx()).rfind("%% ", 0) == 0);
}

TEST_CASE("diagram budget: a part of a split sheet keeps its nodes and draws the others' faded") {
  // Four nodes of one boundary in a chain a -> b -> c -> d, and a neighbour n -> a.
  View v;
  v.clusters.push_back({ElementId(1), -1, {}});
  for (std::uint32_t e = 2; e <= 5; ++e)
    v.nodes.push_back({ElementId(e), Shape::Process, 0, false, 0, {}});
  v.nodes.push_back({ElementId(6), Shape::External, -1, true, 0, {}});
  for (int i = 0; i < 3; ++i) v.edges.push_back({i, i + 1, {}, {}, false});
  v.edges.push_back({4, 0, {}, {}, false});
  View first = v, second = v;
  diagram::keep_part(first, 0, 2);
  diagram::keep_part(second, 1, 2);
  // Part 1: a, b (own), c (faded, b -> c), the neighbour; d is on part 2 only.
  REQUIRE(first.nodes.size() == 4);
  CHECK(first.nodes[2].element == ElementId(4));
  CHECK(first.nodes[2].context);
  CHECK(first.nodes[2].cluster == -1);
  CHECK(first.edges.size() == 3);
  // Part 2: b (faded, b -> c), c and d (own); the neighbour's arrow is part 1's.
  REQUIRE(second.nodes.size() == 3);
  CHECK(second.nodes[0].element == ElementId(3));
  CHECK(second.nodes[0].context);
  CHECK_FALSE(second.nodes[1].context);
  CHECK(second.edges.size() == 2);
  CHECK(second.clusters.size() == 1);
  View whole = v;
  diagram::keep_part(whole, 0, 1);  // one part: unchanged
  CHECK(whole.nodes.size() == 5);
  CHECK(whole.edges.size() == 4);
}
