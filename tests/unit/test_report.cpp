// The HTML and Markdown reports (backends/report_*.cpp, html_*.cpp, markdown_report.cpp): every
// section with its anchor, the control matrix equal to the analysis, byte-identical output, and
// the fingerprint; plus SHA-256 against the FIPS 180-2 vectors.
#include <algorithm>

#include "analyzer/sha256.hpp"
#include "backends/diff_report.hpp"
#include "backends/markdown_escape.hpp"
#include "backends/report_model.hpp"
#include "tests/report/report_fixture.hpp"

using namespace moat;
using report_test::Analyzed;

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Padding edge cases: 55, 56 and 64 bytes, and fed in pieces.
  Sha256 pieces;
  pieces.update("ab");
  pieces.update("c");
  const auto digest = pieces.finish();
  CHECK(digest[0] == 0xba);
  CHECK(digest[31] == 0xad);
  CHECK(sha256_hex(std::string(55, 'x')) != sha256_hex(std::string(56, 'x')));
  CHECK(sha256_hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("the three report formats are registered") {
  const std::vector<Backend> all = backends();
  auto find = [&](const std::string& name) {
    return std::find_if(all.begin(), all.end(), [&](const Backend& b) { return b.format == name; });
  };
  REQUIRE(find("html") != all.end());
  REQUIRE(find("worksheet") != all.end());
  REQUIRE(find("markdown") != all.end());
  CHECK(find("html")->extension == "report.html");
  CHECK(find("worksheet")->extension == "worksheet.html");
  CHECK(find("markdown")->extension == "report.md");
  for (const char* name : {"html", "worksheet", "markdown"}) {
    CHECK(find(name)->order >= 50);
    CHECK(find(name)->order <= 70);
    REQUIRE(static_cast<bool>(find(name)->render));
  }
}

TEST_CASE("the HTML report has every section, anchored and in the table of contents") {
  const Analyzed m("samples/clinic-booking.moat");
  const std::string html = m.html();
  for (const char* anchor :
       {"system-description", "data-flow-diagram", "assets", "trust-boundaries", "elements",
        "flows", "stride-worksheet", "threat-register", "threats-by-stride-category",
        "soc-2-readiness", "soc-2-control-matrix", "accepted-risks", "assumptions",
        "open-actions-by-owner"}) {
    INFO(anchor);
    CHECK(html.find("<section id=\"" + std::string(anchor) + "\"") != std::string::npos);
    CHECK(html.find("<a href=\"#" + std::string(anchor) + "\">") != std::string::npos);
  }
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"") !=
        std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("display: table-header-group") != std::string::npos);
  // The title page.
  CHECK(html.find("<h1>Clinic booking</h1>") != std::string::npos);
  CHECK(html.find("1.2.0") != std::string::npos);
  CHECK(html.find("security@clinic.example") != std::string::npos);
  CHECK(html.find("Security, Availability, Confidentiality, Privacy") != std::string::npos);
  CHECK(html.find("2026-11-23") != std::string::npos);
  // The diagram is inline SVG, or a note saying why not; never a reference to a file.
  const bool svg = html.find("<figure class=\"diagram\"><svg") != std::string::npos;
  const bool note = html.find("The diagram could not be included") != std::string::npos;
  CHECK(svg != note);
  // Every threat has its row in the register, and every in-scope criterion its row in the matrix.
  for (const Threat& t : m.analysis.threats)
    CHECK_FALSE(report_test::row_with_id(html, report::threat_anchor(m.c->graph, t)).empty());
  // Code locations link relative to the repository.
  CHECK(html.find("<a class=\"loc\" href=\"services/api/\">") != std::string::npos);
  CHECK(html.find("<a class=\"loc\" href=\"infra/waf.tf\">") != std::string::npos);
}

TEST_CASE("the control matrix shows the analysis's status for every criterion") {
  const Analyzed m("samples/clinic-booking.moat");
  const std::string html = m.html();
  REQUIRE_FALSE(m.analysis.controls.empty());
  for (const ControlResult& c : m.analysis.controls) {
    const std::string row =
        report_test::row_with_id(html, report::control_anchor(m.c->graph, c.criterion));
    INFO(m.c->graph.criteria[c.criterion].id);
    REQUIRE_FALSE(row.empty());
    const std::string badge =
        std::string("tone-") +
        report::tone_name(c.basis == ControlBasis::Claimed ? report::Tone::Info
                                                           : report::control_tone(c.status)) +
        "\">" + report::control_readiness_label(c) + "</span>";
    CHECK(row.find(badge) != std::string::npos);
    CHECK((row.find(">attested</span>") != std::string::npos) == c.manual);
  }
  // The readiness summary: the same counts `moat check` prints.
  for (const CategorySummary& s : m.analysis.categories)
    CHECK(html.find(report::readiness_label(s)) != std::string::npos);
  // Criteria whose threats only controlling attributes answer are assessed (claimed).
  CHECK(html.find("Security 7/12 met") != std::string::npos);
}

TEST_CASE("the report names the SHA-256 of every model source file and a fingerprint of them") {
  Analyzed m("samples/clinic-booking.moat");
  const std::string html = m.html();
  const auto files = report::source_digests(*m.ctx);
  REQUIRE(files.size() == 1);  // the stdlib is embedded and not part of it
  for (FileId f = 0; f < m.c->program.sources.size(); ++f) {
    const SourceFile& file = m.c->program.sources.file(f);
    if (!file.is_stdlib) CHECK(files[0].sha256 == sha256_hex(file.text));
  }
  CHECK(html.find(files[0].sha256) != std::string::npos);
  CHECK(html.find("sha256:" + report::model_fingerprint(files)) != std::string::npos);
  CHECK(report::model_fingerprint(files) == sha256_hex(files[0].sha256 + "\n"));
  // Code files that `--scan` adds for their annotations come after the model's: not part of it.
  m.c->program.sources.add("services/api/main.go", "// @moat element api\n");
  CHECK(report::source_digests(*m.ctx).size() == 1);
}

TEST_CASE("the reports are byte-identical across runs") {
  const Analyzed first("samples/clinic-booking.moat");
  const Analyzed second("samples/clinic-booking.moat");
  CHECK(first.html() == first.html());
  CHECK(first.html() == second.html());
  CHECK(first.worksheet() == second.worksheet());
  CHECK(first.markdown() == second.markdown());
}

TEST_CASE("the Markdown report carries the same sections, a Mermaid diagram and escaped cells") {
  const Analyzed m("samples/clinic-booking.moat");
  const std::string md = m.markdown();
  CHECK(md.rfind("# Clinic booking\n", 0) == 0);
  for (const char* heading :
       {"## System description", "## Data-flow diagram", "## Assets", "## Trust boundaries",
        "## Elements", "## Flows", "## STRIDE worksheet", "## Threat register",
        "## Threats by STRIDE category", "## SOC 2 readiness", "## SOC 2 control matrix",
        "## Accepted risks", "## Assumptions", "## Open actions by owner"}) {
    CHECK(md.find(std::string("\n") + heading + "\n") != std::string::npos);
  }
  CHECK(md.find("(#soc-2-control-matrix)") != std::string::npos);
  CHECK(md.find("```mermaid\n") != std::string::npos);
  CHECK(md.find("| Criterion | Title | Status |") != std::string::npos);
  for (const ControlResult& c : m.analysis.controls) {
    CHECK(md.find("<a id=\"" + report::control_anchor(m.c->graph, c.criterion) + "\"></a>") !=
          std::string::npos);
  }
}

TEST_CASE("relative links: repository paths only, percent-encoded, with line fragments") {
  using report::relative_href;
  CHECK(relative_href("web/") == "web/");
  CHECK(relative_href("services/api/main.cpp:12") == "services/api/main.cpp#L12");
  CHECK(relative_href("services/api/main.cpp:12-20") == "services/api/main.cpp#L12-L20");
  CHECK(relative_href("src/<script>.ts") == "src/%3Cscript%3E.ts");
  CHECK(relative_href("a b/\"q\"'s&.md") == "a%20b/%22q%22%27s%26.md");
  CHECK_FALSE(relative_href("javascript:alert(1)"));
  CHECK_FALSE(relative_href("JavaScript:alert(1)//x.md:1"));
  CHECK_FALSE(relative_href("https://evil.example/x"));
  CHECK_FALSE(relative_href("data:text/html,x"));
  CHECK_FALSE(relative_href("/etc/passwd"));
  CHECK_FALSE(relative_href("//evil.example/x"));
  CHECK_FALSE(relative_href("C:\\x"));
  CHECK_FALSE(relative_href("a\nb"));
  CHECK_FALSE(relative_href(""));
}

TEST_CASE("external references: http and https only, linked as written, percent-encoded") {
  using report::external_href;
  using report::location_href;
  CHECK(external_href("https://docs.example.com/a/b?x=1&y=2#top") ==
        "https://docs.example.com/a/b?x=1&y=2#top");
  CHECK(external_href("HTTPS://Docs.example/a") == "https://Docs.example/a");
  CHECK(external_href("http://x.example/a b(c)") == "http://x.example/a%20b%28c%29");
  CHECK(external_href("https://e.example/\"><script>") == "https://e.example/%22%3E%3Cscript%3E");
  CHECK_FALSE(external_href("https://e.example/a\nb"));
  CHECK_FALSE(external_href("https://e.example\\x"));
  CHECK_FALSE(external_href("javascript:alert(1)"));
  CHECK_FALSE(external_href("ftp://e.example/x"));
  CHECK_FALSE(external_href("web/"));
  CHECK(location_href("https://e.example/x") == "https://e.example/x");
  CHECK(location_href("web/app.js:3") == "web/app.js#L3");
  CHECK_FALSE(location_href("gitaly:internal/"));  // another repository: shown, not linked
}

TEST_CASE("Markdown cells: table syntax escaped, control characters replaced") {
  CHECK(markdown_cell("a|b [x](y) *z* `c` <b>") == "a\\|b \\[x\\](y) \\*z\\* \\`c\\` &lt;b&gt;");
  CHECK(markdown_cell("line\nnext\r") == "line<br>next");
  CHECK(markdown_cell("tab\there bell\x07 esc\x1b[31m") ==
        "tab here bell\xEF\xBF\xBD esc\xEF\xBF\xBD\\[31m");
}

TEST_CASE("CSS strings for the PDF's running header cannot leave their string or the style") {
  CHECK(css_string("Clinic booking 1.2") == "\"Clinic booking 1.2\"");
  CHECK(css_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(css_string("</style><script>") == "\"\\3c /style\\3e \\3c script\\3e \"");
  CHECK(css_string("line\nbreak\x07") == "\"line\\fffd break\\fffd \"");
  CHECK(css_string("Zürich") == "\"Zürich\"");
}

TEST_CASE("HTML escaping and SVG inlining") {
  CHECK(html_escape("<a href=\"x\" title='y'>&</a>") ==
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  CHECK(html_escape("bell\x07") == "bell\xEF\xBF\xBD");
  std::string why;
  const std::string ok =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n"
      "<!-- a &#45;&#45;> comment -->\n<svg width=\"10pt\" xmlns=\"http://www.w3.org/2000/svg\"><g "
      "id=\"n\">"
      "<title>a&lt;b</title><text x=\"1\">onerror=&lt;img&gt;</text><a "
      "xlink:href=\"#threat-x\"><path d=\"M0\"/></a></g></svg>\n";
  const auto svg = inline_svg(ok, why);
  REQUIRE(svg);
  CHECK(svg->rfind("<svg", 0) == 0);
  CHECK(svg->find("<!--") == std::string::npos);
  CHECK(svg->find("onerror=&lt;img&gt;") != std::string::npos);
  for (const char* bad :
       {"<svg><script>alert(1)</script></svg>", "<svg onload=\"alert(1)\"></svg>",
        "<svg><g ONCLICK='x'></g></svg>", "<svg><foreignObject></foreignObject></svg>",
        "<svg><a href=\"java\tscript:alert(1)\"></a></svg>",
        "<svg><a xlink:href=\"https://x\"></a></svg>", "<svg><image href=\"x.png\"/></svg>",
        "<svg><g id=\"unterminated></svg>", "no svg here"}) {
    INFO(bad);
    CHECK_FALSE(inline_svg(bad, why));
    CHECK_FALSE(why.empty());
    why.clear();
  }
}

TEST_CASE("an inlined SVG's ids and the references to them get the figure's prefix") {
  std::string why;
  const char* const svg =
      "<svg><g id=\"graph0\" class=\"graph\"><g id=\"node1\"><path fill=\"url(#l_1)\" "
      "d=\"M0\"/><a xlink:href=\"#node2\" href='#edge1'><text>id=\"x\"</text></a></g>"
      "<linearGradient id='l_1'/></g></svg>";
  const auto plain = inline_svg(svg, why);
  REQUIRE(plain);
  CHECK(*plain == svg);  // no prefix: unchanged
  const auto out = inline_svg(svg, why, "fig2-");
  REQUIRE(out);
  CHECK(*out ==
        "<svg><g id=\"fig2-graph0\" class=\"graph\"><g id=\"fig2-node1\"><path "
        "fill=\"url(#fig2-l_1)\" d=\"M0\"/><a xlink:href=\"#fig2-node2\" href='#fig2-edge1'>"
        "<text>id=\"x\"</text></a></g><linearGradient id='fig2-l_1'/></g></svg>");
}

TEST_CASE("a category nothing assesses reads 'not assessed', never '0/0 met'") {
  CategorySummary none{2, 0, 0, 0, 2};
  CHECK(readiness_text(none) == "not assessed (2 criteria)");
  none.not_assessed = 1;
  CHECK(readiness_text(none) == "not assessed (1 criterion)");
  const CategorySummary some{0, 2, 3, 3, 25};
  CHECK(readiness_text(some) == "2/8 met");

  // The sample has privacy in scope, and assesses none of its criteria.
  const Analyzed m("samples/clinic-booking.moat");
  const std::string html = m.html();
  CHECK(html.find("<span class=\"badge tone-muted\">Privacy not assessed (18 "
                  "criteria)</span>") != std::string::npos);
  CHECK(html.find("0/0 met") == std::string::npos);
  const std::string md = m.markdown();
  CHECK(md.find("Privacy not assessed (18 criteria)") != std::string::npos);
  CHECK(md.find("0/0 met") == std::string::npos);

  ModelDiff d;
  d.readiness.push_back({2, {2, 0, 0, 0, 2}, {2, 1, 0, 0, 1}});
  d.controls.push_back({"C1.1", "Confidential information", 2, ControlStatus::NotAssessed,
                        ControlStatus::Met, ControlBasis::None, ControlBasis::Claimed});
  const std::string text = diff_text(d, {"old.moat", "new.moat"});
  CHECK(text.find("not assessed (2 criteria) -> 1/1 met") != std::string::npos);
  CHECK(text.find("C1.1   not assessed     -> met (claimed)    Confidential information") !=
        std::string::npos);
  CHECK(
      diff_markdown(d, {"old.moat", "new.moat"}).find("| not assessed (2 criteria) | 1/1 met |") !=
      std::string::npos);
}
