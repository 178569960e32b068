// The STRIDE worksheet (backends/worksheet.cpp): one row per element of the five DFD kinds, a
// column per category, "n/a" exactly where STRIDE-per-element does not apply and no rule raised
// a threat anyway; the standalone page and the report's section share it.
#include <map>

#include "backends/report_model.hpp"
#include "tests/report/report_fixture.hpp"

using namespace moat;
using report_test::Analyzed;

namespace {

bool is_na(const report::Cell& c) {
  return c.parts.size() == 1 && c.parts[0].text == "n/a" && c.tone == report::Tone::Muted;
}

/// Checks every cell of the worksheet of `m` against STRIDE-per-element and the threats.
void check_worksheet(const Analyzed& m) {
  const ModelGraph& g = m.c->graph;
  std::map<std::string, ElementId> by_anchor;
  std::size_t expected_rows = 0;
  for (const ElementId e : g.elements.ids_from(1)) {
    by_anchor[report::element_anchor(g, e)] = e;
    const Kind k = g.elements[e].kind;
    expected_rows += k != Kind::Data && k != Kind::Boundary;
  }
  const report::Section s = report::worksheet_section(*m.ctx);
  const auto table = std::find_if(s.blocks.begin(), s.blocks.end(), [](const report::Block& b) {
    return b.kind == report::Block::Kind::Table;
  });
  REQUIRE(table != s.blocks.end());
  REQUIRE(table->table.header.size() == 7);
  CHECK(table->table.rows.size() == expected_rows);
  for (const report::Row& row : table->table.rows) {
    REQUIRE(row.cells.size() == 7);
    const ElementId e = by_anchor.at(row.cells[0].parts.at(0).target);
    for (std::uint8_t c = 0; c < report::kStrideCount; ++c) {
      std::size_t threats = 0;
      for (const Threat& t : m.analysis.threats)
        threats += t.element == e && g.rules[t.rule].category == c;
      const report::Cell& cell = row.cells[c + 1];
      INFO(g.elements[e].id << " " << report::stride_title(c));
      CHECK(is_na(cell) == (!report::stride_applies(g.elements[e].kind, c) && threats == 0));
      std::size_t refs = 0;
      for (const report::Inline& in : cell.parts) refs += in.kind == report::Inline::Kind::Ref;
      CHECK(refs == threats);
      if (threats == 0 && !is_na(cell)) CHECK(cell.parts.at(0).text == "none found");
    }
  }
}

}  // namespace

TEST_CASE("STRIDE-per-element: which categories apply to which kind") {
  using report::stride_applies;
  // S T R I D E
  const bool process[] = {true, true, true, true, true, true};
  const bool store[] = {false, true, true, true, true, false};
  const bool flow[] = {false, true, false, true, true, false};
  const bool actor[] = {true, false, true, false, false, false};
  for (std::uint8_t c = 0; c < 6; ++c) {
    CHECK(stride_applies(Kind::Process, c) == process[c]);
    CHECK(stride_applies(Kind::Store, c) == store[c]);
    CHECK(stride_applies(Kind::Flow, c) == flow[c]);
    CHECK(stride_applies(Kind::Actor, c) == actor[c]);
    CHECK(stride_applies(Kind::External, c) == actor[c]);
    CHECK_FALSE(stride_applies(Kind::Data, c));
    CHECK_FALSE(stride_applies(Kind::Boundary, c));
  }
}

TEST_CASE("worksheet cells of the clinic sample follow STRIDE-per-element and its threats") {
  const Analyzed m("samples/clinic-booking.moat");
  check_worksheet(m);
  // A rule raised spoofing on the `book` flow, where STRIDE-per-element has no S: it is shown.
  const std::string html = m.html();
  CHECK(html.find("unauthenticated_inbound</a> <span class=\"badge tone-good\">mitigated</span>") !=
        std::string::npos);
  CHECK(html.find("outside STRIDE-per-element") != std::string::npos);
}

TEST_CASE("worksheet of a model with every kind and no threats: n/a and none found only") {
  const std::string text = R"moat(model "Kinds" { version = "1" }
data d "D"
actor a "A"
external x "X"
boundary b "B" {
  process p "P"
  store s "S"
}
flow a -> p "F1"
flow p -> s "F2"
)moat";
  const Analyzed m("kinds.moat", &text);
  check_worksheet(m);
  const report::Section s = report::worksheet_section(*m.ctx);
  CHECK(s.anchor == "stride-worksheet");
  CHECK(s.wide);
}

TEST_CASE("the standalone worksheet page links each threat to its row in the threat list") {
  const Analyzed m("samples/clinic-booking.moat");
  const std::string page = m.worksheet();
  CHECK(page.find("<section id=\"stride-worksheet\" class=\"wide\">") != std::string::npos);
  CHECK(page.find("@page { size: A4 landscape; }") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<nav class=\"toc\"") == std::string::npos);
  for (const Threat& t : m.analysis.threats) {
    const std::string anchor = report::threat_anchor(m.c->graph, t);
    CHECK(page.find("href=\"#" + anchor + "\"") != std::string::npos);
    CHECK_FALSE(report_test::row_with_id(page, anchor).empty());
  }
  // The report embeds the same worksheet table.
  const std::string html = m.html();
  const auto table_of = [](const std::string& doc) {
    const std::size_t b = doc.find("<table class=\"worksheet\">");
    return doc.substr(b, doc.find("</table>", b) - b);
  };
  CHECK(table_of(page) == table_of(html));
}
