// The diagram backends (backends/diagram.hpp): DOT and Mermaid against golden files, SVG
// structure, determinism, PNG or its documented error, and hostile strings in every format.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <graphviz/cgraph.h>

#include "backends/diagram.hpp"
#include "backends/diagram_escape.hpp"
#include "backends/graphviz_render.hpp"
#include "backends/graphviz_text.hpp"
#include "compiler/compile.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::Drawn;

namespace {

// Its own rules, not the stdlib's, so the goldens change only when the diagram does.
const char* const kModel = R"moat(model "Shop \"golden\"" { version = "2" }
data card "Card number" { classification = secret }
data order "Order"
actor shopper "Shopper"
external psp "Payment provider" { trust = partner }
boundary dc "Data centre" {
  process web "Web shop"
  boundary core "Core" {
    trust = restricted
    process pay "Payments"
    store db "Orders DB" { holds = [order, card] }
  }
}
flow buy: shopper -> web "Buy" { carries = [order, card], protocol = https }
flow web -> pay "Charge" { carries = [card], protocol = grpc }
flow pay <-> db "Store orders" { carries = [order], protocol = sql }
flow pay -> psp "Authorise" { carries = [card], protocol = https }
rule r_exposed "Exposed" { applies = process, category = information_disclosure, severity = high, when = true, fixed_severity = true }
rule r_store "Unencrypted" { applies = store, category = information_disclosure, severity = critical, when = true, fixed_severity = true }
rule r_flow "Tamperable" { applies = flow, category = tampering, severity = low, when = true, fixed_severity = true }
rule r_zone "Zone" { applies = boundary, category = spoofing, severity = medium, when = true, fixed_severity = true }
mitigation m "Payments hardened" { mitigates = [pay.r_exposed], status = implemented }
)moat";

Drawn shop() {
  return Drawn(compile_text("shop.moat", kModel), "shop.moat");
}
Drawn hostile() {
  return Drawn(compile_file(MOAT_SOURCE_DIR "/tests/models/hostile-strings.moat"),
               "hostile-strings.moat");
}

std::string ok(const RenderResult& r) {
  INFO(r.error);
  REQUIRE(r.error.empty());
  return r.bytes;
}

/// Compares `actual` with tests/golden_diagrams/NAME; MOAT_UPDATE_GOLDENS=1 rewrites the file.
void check_golden(const std::string& name, const std::string& actual) {
  const std::filesystem::path path =
      std::filesystem::path(MOAT_SOURCE_DIR) / "tests/golden_diagrams" / name;
  const char* update = std::getenv("MOAT_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("updated " << path.string());
    return;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("missing golden " << path.string() << "; run with MOAT_UPDATE_GOLDENS=1 to create it");
  REQUIRE(in.good());
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK(actual == expected.str());
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("diagram: DOT of a small model matches its golden file") {
  check_golden("shop.dot", ok(dot_diagram(shop().ctx())));
}

TEST_CASE(
    "diagram: top-down DOT with data, no overlay and collapsed boundaries matches its golden "
    "file") {
  Drawn d = shop();
  d.options = {"", false, true, false, 1};
  check_golden("shop-collapsed.dot", ok(dot_diagram(d.ctx())));
}

TEST_CASE("diagram: Mermaid of a small model matches its golden file") {
  check_golden("shop.mmd", mermaid_flowchart(shop().ctx()));
}

TEST_CASE("diagram: DOT, SVG and Mermaid are byte-identical across compilations") {
  const Drawn a = shop(), b = shop();
  CHECK(ok(dot_diagram(a.ctx())) == ok(dot_diagram(b.ctx())));
  CHECK(ok(svg_diagram(a.ctx())) == ok(svg_diagram(b.ctx())));
  CHECK(ok(svg_diagram(a.ctx())) == ok(svg_diagram(a.ctx())));
  CHECK(mermaid_flowchart(a.ctx()) == mermaid_flowchart(b.ctx()));
}

TEST_CASE("diagram: flows are numbered in declaration order, a two-way flow once") {
  const std::string dot = ok(dot_diagram(shop().ctx()));
  for (const char* label : {"1. Buy", "2. Charge", "3. Store orders", "4. Authorise"}) {
    CHECK(dot.find(label) != std::string::npos);
  }
  CHECK(dot.find("5. ") == std::string::npos);
}

TEST_CASE("diagram: a two-way flow is one arrow with heads at both ends") {
  const Drawn d = shop();
  const std::string dot = ok(dot_diagram(d.ctx()));
  CHECK(count(dot, "pay -> db") == 1);
  CHECK(count(dot, "db -> pay") == 0);
  CHECK(count(dot, "dir=both") == 1);
  const std::string mermaid = mermaid_flowchart(d.ctx());
  CHECK(count(mermaid, "n_pay <-->|") == 1);
  CHECK(count(mermaid, "n_db -->|") == 0);
}

TEST_CASE(
    "diagram: SVG has a cluster per boundary, their names, the overlay colours and the legend") {
  const std::string svg = ok(svg_diagram(shop().ctx()));
  CHECK(svg.starts_with("<?xml"));
  CHECK(count(svg, "<g id=\"clust") == 2);
  CHECK(svg.find("Data centre") != std::string::npos);
  CHECK(svg.find("trust restricted") != std::string::npos);
  // db: critical; web: high; flows: low; boundaries: medium; pay's only threat is mitigated.
  for (const char* colour : {"#99000d", "#f59a9a", "#d7301f", "#8c7a00", "#d95f02"}) {
    INFO(colour);
    CHECK(svg.find(colour) != std::string::npos);
  }
  CHECK(svg.find("1 open threat (critical)") != std::string::npos);
  CHECK(svg.find("Legend") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
}

TEST_CASE("diagram: without the overlay nothing is coloured or counted") {
  Drawn d = shop();
  d.options.threats = false;
  const std::string svg = ok(svg_diagram(d.ctx()));
  CHECK(svg.find("open threat") == std::string::npos);
  CHECK(svg.find("#99000d") == std::string::npos);
  CHECK(svg.find("#d7301f") == std::string::npos);
}

TEST_CASE("diagram: direction follows the options") {
  Drawn d = shop();
  CHECK(ok(dot_diagram(d.ctx())).find("rankdir=LR") != std::string::npos);
  CHECK(mermaid_flowchart(d.ctx()).find("\nflowchart LR\n") != std::string::npos);
  d.options.left_to_right = false;
  CHECK(ok(dot_diagram(d.ctx())).find("rankdir=TB") != std::string::npos);
  CHECK(mermaid_flowchart(d.ctx()).find("\nflowchart TB\n") != std::string::npos);
}

TEST_CASE("diagram: PNG renders or explains that the cairo plugin is missing") {
  const RenderResult r = png_diagram(shop().ctx());
  if (r.error.empty()) {
    CHECK(r.bytes.starts_with("\x89PNG\r\n"));
  } else {
    CHECK(r.error.find("PNG needs a Graphviz PNG renderer") == 0);
    CHECK(r.bytes.empty());
  }
}

TEST_CASE("diagram: hostile strings stay text in SVG") {
  const std::string svg = ok(svg_diagram(hostile().ctx()));
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<img") == std::string::npos);
  CHECK(svg.find("<b>attacker") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("\\ backslash") != std::string::npos);
  CHECK(svg.find("émoji 🚀") != std::string::npos);
  CHECK(svg.find('\x07') == std::string::npos);
}

TEST_CASE("diagram: hostile strings give DOT that Graphviz parses back") {
  const std::string dot = ok(dot_diagram(hostile().ctx()));
  diagram::GraphvizSession session;
  Agraph_t* g = agmemread(dot.c_str());
  REQUIRE(g != nullptr);
  CHECK(session.errors().empty());
  CHECK(agnnodes(g) == 3);  // mallory, svc and db (the legend is in the graph's label)
  Agnode_t* svc = agnode(g, const_cast<char*>("svc"), 0);
  REQUIRE(svc != nullptr);
  char* label = agget(svc, const_cast<char*>("label"));
  CHECK(aghtmlstr(label));
  CHECK(std::string(label).find("Service | with | pipes") != std::string::npos);
  agclose(g);
}

TEST_CASE("diagram: label escapes such as \\N in titles are not expanded") {
  const Drawn d(
      compile_text("esc.moat", "model \"M\" {}\nprocess p \"Back\\\\slash \\\\N and \\\\G\"\n"),
      "esc.moat");
  const std::string svg = ok(svg_diagram(d.ctx()));
  CHECK(svg.find("Back\\slash \\N and \\G") != std::string::npos);
}

TEST_CASE("diagram: hostile strings cannot leave Mermaid labels") {
  const std::string mmd = mermaid_flowchart(hostile().ctx());
  CHECK(mmd.find("<script") == std::string::npos);
  CHECK(mmd.find('`') == std::string::npos);
  std::istringstream lines(mmd);
  const std::regex node(R"(^\s*(n_|b_)[A-Za-z0-9_]+(\[|\(|\{|$))");
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    if (line.starts_with("%%")) continue;
    // One label per statement: its two quotes and no other.
    CHECK(count(line, "\"") % 2 == 0);
    CHECK(count(line, "\"") <= 2);
    if (line.find("-->") == std::string::npos && line.find("subgraph") == std::string::npos &&
        line.find("[") != std::string::npos && !line.starts_with("  class") &&
        !line.starts_with("  style")) {
      CHECK(std::regex_search(line, node));
    }
  }
}

TEST_CASE("diagram: escaping helpers") {
  using namespace diagram;
  CHECK(html_text("a<b>&\"'\\N\nx\ty") == "a&lt;b&gt;&amp;&quot;&#39;&#92;&#92;N<br/>x y");
  CHECK(mermaid_text("\"#quot;<a>|`\\\n") == "#quot;#35;quot;#lt;a#gt;#124;#96;#92;<br/>");
  CHECK(mermaid_id("n_", "a-b") == "n_a_hb");
  CHECK(mermaid_id("n_", "a_hb") == "n_a__hb");
  CHECK(mermaid_id("n_", "end") == "n_end");
  CHECK(mermaid_id("n_", "x.y") == "n_x_x2Ey");
  CHECK(comment_text("a\nb`c<d>") == "a b'c#lt;d#gt;");
}

TEST_CASE("diagram text is measured in Liberation Sans, bold wider, a character once") {
  using diagram::text_width;
  // Advance widths of Liberation Sans (= Arial's), in 1/2048 em: W 1933, a 1139, i 455.
  CHECK(text_width("W", false) == doctest::Approx(1933.0 / 2048));
  CHECK(text_width("Wai", false) == doctest::Approx((1933.0 + 1139 + 455) / 2048));
  // Bold is wider: Graphviz's own estimate measured it as regular, and bold titles ran out.
  CHECK(text_width("Workshop participant", true) >
        text_width("Workshop participant", false) * 1.05);
  // A UTF-8 character counts once (the estimate summed its bytes): é as wide as e.
  CHECK(text_width("\xC3\xA9", false) == doctest::Approx(text_width("e", false)));
  // A character the font lacks counts an em (an ideograph), an emoji more; a joiner nothing.
  CHECK(text_width("\xE4\xB8\xAD", false) == doctest::Approx(1.0));
  CHECK(text_width("\xF0\x9F\x94\x92", false) > 1.2);
  const std::string joined = std::string("a") + "\xE2\x80\x8D" + "a";  // a zero-width joiner
  CHECK(text_width(joined, false) == doctest::Approx(text_width("aa", false)));
  CHECK(text_width("", true) == 0);
}

TEST_CASE("an SVG names the measured family first") {
  const std::string svg = ok(svg_diagram(shop().ctx()));
  CHECK(svg.find("font-family=\"Arial,Liberation Sans,Arimo,Helvetica,sans-serif\"") !=
        std::string::npos);
  CHECK(svg.find("Helvetica,sans-Serif") == std::string::npos);
}
