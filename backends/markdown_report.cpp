#include "backends/markdown_report.hpp"

#include <algorithm>

#include "backends/diagram.hpp"
#include "backends/html_render.hpp"
#include "backends/markdown_escape.hpp"
#include "backends/path_diagram.hpp"
#include "backends/report_sections.hpp"

namespace moat {

using namespace report;

namespace {

const char* tone_mark(Tone t) {
  switch (t) {
    case Tone::Good:
      return "🟢 ";
    case Tone::Warn:
      return "🟡 ";
    case Tone::Bad:
      return "🔴 ";
    case Tone::Info:
      return "🔵 ";
    case Tone::Muted:
      return "⚪ ";
    case Tone::None:
      return "";
  }
  return "";
}

/// An empty <a id> to link to; anchors are built by anchor_id(), escaped again all the same.
std::string anchor_tag(const std::string& anchor) {
  return anchor.empty() ? std::string() : "<a id=\"" + html_escape(anchor) + "\"></a>";
}

std::string md_inline(const Inline& in) {
  switch (in.kind) {
    case Inline::Kind::Text:
    case Inline::Kind::Muted:
    case Inline::Kind::Nowrap:
      return markdown_cell(in.text);
    case Inline::Kind::Code:
      return "<code>" + markdown_cell(in.text) + "</code>";
    case Inline::Kind::Strong:
      return in.text.empty() ? std::string() : "**" + markdown_cell(in.text) + "**";
    case Inline::Kind::Link:
      if (const auto href = location_href(in.target))
        return "[<code>" + markdown_cell(in.text) + "</code>](" + *href + ")";
      return "<code>" + markdown_cell(in.text) + "</code>";
    case Inline::Kind::Ref:
      return "[" + markdown_cell(in.text) + "](#" + html_escape(in.target) + ")";
    case Inline::Kind::Badge:
      return tone_mark(in.tone) + markdown_cell(in.text);
    case Inline::Kind::Break:
      return "<br>";
  }
  return {};
}

std::string md_cell(const Cell& c) {
  std::string out;
  for (const Inline& in : c.parts) out += md_inline(in);
  return out;
}

std::string md_table(const Table& t) {
  if (t.rows.empty())
    return t.empty_note.empty() ? std::string() : "*" + markdown_cell(t.empty_note) + "*\n\n";
  std::vector<std::string> header = t.header;
  if (header.empty()) header = {"Field", "Value"};
  std::string out = "|";
  for (const std::string& h : header) out += " " + markdown_cell(h) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (const Row& row : t.rows) {
    out += "|";
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      out += " " + (i == 0 ? anchor_tag(row.anchor) : std::string()) + md_cell(row.cells[i]) + " |";
    }
    out += "\n";
  }
  return out + "\n";
}

std::string md_list(const std::vector<ListItem>& items) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    depth = i == 0 ? 0 : std::clamp(items[i].depth, 0, depth + 1);
    out += std::string(2 * depth, ' ') + "- " + anchor_tag(items[i].anchor) +
           md_cell(items[i].content) + "\n";
  }
  return out + "\n";
}

std::string md_diagram(const RenderContext& ctx) {
  const std::string chart = mermaid_flowchart(ctx);
  if (chart.empty() || chart.find("```") != std::string::npos) {
    return "> The diagram could not be included.\n\n";
  }
  return "```mermaid\n" + chart + (chart.back() == '\n' ? "" : "\n") + "```\n\n";
}

/// An attack path's own small flowchart (report_sections_paths.cpp).
std::string md_path_diagram(const RenderContext& ctx, const Block& b) {
  AttackPath path;
  path.nodes = b.path_nodes;
  path.flows = b.path_flows;
  return "```mermaid\n" + diagram::path_mermaid(ctx.graph, path) + "```\n\n";
}

/// A fenced block longer than any run of backticks in the lines, so no line can close it.
std::string md_excerpt(const Block& b) {
  std::size_t longest = 0;
  for (const std::string& line : b.lines) {
    std::size_t run = 0;
    for (char ch : line) {
      run = ch == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  const std::size_t width = std::to_string(b.first_line + b.lines.size()).size();
  std::string out = fence + "text\n";
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    if (b.first_line != 0) {
      const std::string n = std::to_string(b.first_line + i);
      out += std::string(width - n.size(), ' ') + n + " | ";
    }
    out += b.lines[i] + "\n";
  }
  return out + fence + "\n\n";
}

std::string md_block(const Block& b, const RenderContext& ctx) {
  switch (b.kind) {
    case Block::Kind::Heading:
      return "### " + anchor_tag(b.anchor) + md_cell(b.text) + "\n\n";
    case Block::Kind::Paragraph:
      return md_cell(b.text) + "\n\n";
    case Block::Kind::Note:
      return "> " + md_cell(b.text) + "\n\n";
    case Block::Kind::Table:
      return md_table(b.table);
    case Block::Kind::List:
      return md_list(b.items);
    case Block::Kind::Diagram:
      return b.path_nodes.empty() ? md_diagram(ctx) : md_path_diagram(ctx, b);
    case Block::Kind::Excerpt:
      return md_excerpt(b);
  }
  return {};
}

}  // namespace

std::string render_markdown(const Document& doc, const RenderContext& ctx) {
  std::string out =
      "# " + markdown_cell(doc.title) + "\n\n**" + markdown_cell(doc.subtitle) + "**\n\n";
  for (const Block& b : doc.cover) out += md_block(b, ctx);
  if (doc.toc) {
    out += "## Contents\n\n";
    for (std::size_t i = 0; i < doc.sections.size(); ++i) {
      out += std::to_string(i + 1) + ". [" + markdown_cell(doc.sections[i].title) + "](#" +
             doc.sections[i].anchor + ")\n";
    }
    out += "\n";
  }
  for (const Section& s : doc.sections) {
    // Section anchors are chosen to equal GitHub's slugs of their titles, so links need no <a id>.
    out += "## " + markdown_cell(s.title) + "\n\n";
    for (const Block& b : s.blocks) out += md_block(b, ctx);
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

namespace {

RenderResult render_markdown_report(const RenderContext& ctx) {
  return {render_markdown(*shared_report(ctx), ctx), {}};
}

const BackendRegistration registration(
    {"markdown", "report.md", "the threat-model report as GitHub Markdown, with a Mermaid diagram",
     &render_markdown_report, 70});

}  // namespace

}  // namespace moat
