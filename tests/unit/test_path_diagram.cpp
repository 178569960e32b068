// The diagram of one attack path (backends/path_diagram.hpp): the path's nodes and hops
// highlighted with their open-threat counts, a few other flows of its nodes in grey, the same
// path as a Mermaid flowchart, and an SVG that Graphviz lays out.
#include <doctest/doctest.h>

#include <string>

#include "analyzer/attack_paths.hpp"
#include "backends/path_diagram.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;

namespace {

// Its own rules, not the stdlib's, so the expectations change only when the diagram does.
const char* const kModel = R"moat(model "Paths" { version = "1" }
data card "Card number" { classification = secret }
data note "Note"
actor shopper "Shopper"
boundary dc "Data centre" {
  process web "Web shop"
  process pay "Payments"
  process mail "Mailer"
  store log "Log" { kind = log }
}
flow buy: shopper -> web "Buy" { carries = [card], protocol = https }
flow charge: web -> pay "Charge" { carries = [card], protocol = grpc }
flow notify: web -> mail "Notify" { carries = [note], protocol = grpc }
flow audit: pay -> log "Audit" { carries = [note], protocol = https }
rule r_exposed "Exposed" { applies = process, category = information_disclosure, severity = high, when = true, fixed_severity = true }
rule r_flow "Tamperable" { applies = flow, category = tampering, severity = low, when = true, fixed_severity = true }
)moat";

AttackPath card_path(const moat_test::Analyzed& a) {
  PathQuery q;
  q.to = a.graph().find("card");
  const std::vector<AttackPath> paths = attack_paths(a.graph(), a.analysis, q);
  REQUIRE(!paths.empty());
  // The path to the most exposed holder of the card: the first one.
  return paths.front();
}

}  // namespace

TEST_CASE("path diagram: hops and path nodes highlighted, other flows of its nodes grey") {
  const moat_test::Analyzed a = moat_test::analyze_text(kModel);
  const AttackPath p = card_path(a);
  const std::string dot = diagram::path_dot(a.graph(), a.analysis, p);
  INFO(dot);
  CHECK(dot.find("rankdir=LR") != std::string::npos);
  // The hop buy is highlighted and counts its own open threat.
  CHECK(dot.find("<b>shopper</b>") != std::string::npos);
  CHECK(dot.find("label=<buy<br/><font point-size=\"8\">1 open threat</font>>") !=
        std::string::npos);
  CHECK(dot.find("penwidth=2.5") != std::string::npos);
  // The web shop's other flows (charge, notify) are there for context, without counts.
  CHECK(dot.find("label=<charge>") != std::string::npos);
  CHECK(dot.find("label=<notify>") != std::string::npos);
  // A flow of a node off the path is not drawn.
  CHECK(dot.find("audit") == std::string::npos);
  CHECK(dot == diagram::path_dot(a.graph(), a.analysis, p));  // deterministic
}

TEST_CASE("path diagram: the Mermaid flowchart has the path alone, its arrows highlighted") {
  const moat_test::Analyzed a = moat_test::analyze_text(kModel);
  const std::string chart = diagram::path_mermaid(a.graph(), card_path(a));
  CHECK(chart ==
        "flowchart LR\n"
        "  nshopper[\"shopper\"]\n"
        "  nweb[\"web\"]\n"
        "  nshopper -->|\"buy\"| nweb\n"
        "  linkStyle default stroke:#c0392b,stroke-width:3px\n");
}

TEST_CASE("path diagram: Graphviz lays it out as SVG") {
  const moat_test::Analyzed a = moat_test::analyze_text(kModel);
  const RenderResult svg = diagram::path_svg(a.graph(), a.analysis, card_path(a));
  INFO(svg.error);
  REQUIRE(svg.error.empty());
  CHECK(svg.bytes.find("<svg") != std::string::npos);
  CHECK(svg.bytes.find("#c0392b") != std::string::npos);
}
