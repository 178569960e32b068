#include "backends/html_render.hpp"

#include <algorithm>

#include "backends/diagram.hpp"

namespace moat {

using namespace report;

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((c < 0x20 && ch != '\n' && ch != '\t') || c == 0x7f) {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace {

/// Text with its line breaks shown as <br>.
std::string html_text(std::string_view text) {
  std::string escaped = html_escape(text), out;
  for (char c : escaped) {
    if (c == '\n') {
      out += "<br>";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

std::string render_inline(const Inline& in) {
  switch (in.kind) {
    case Inline::Kind::Text: return html_text(in.text);
    case Inline::Kind::Code: return "<code>" + html_text(in.text) + "</code>";
    case Inline::Kind::Strong: return "<strong>" + html_text(in.text) + "</strong>";
    case Inline::Kind::Muted: return "<span class=\"muted\">" + html_text(in.text) + "</span>";
    case Inline::Kind::Link:
      if (const auto href = relative_href(in.target)) {
        return "<a class=\"loc\" href=\"" + html_escape(*href) + "\"><code>" + html_text(in.text) + "</code></a>";
      }
      return "<code class=\"loc unlinked\">" + html_text(in.text) + "</code>";
    case Inline::Kind::Ref: return "<a href=\"#" + html_escape(in.target) + "\">" + html_text(in.text) + "</a>";
    case Inline::Kind::Badge:
      return std::string("<span class=\"badge tone-") + tone_name(in.tone) + "\">" + html_text(in.text) + "</span>";
    case Inline::Kind::Break: return "<br>";
    case Inline::Kind::Nowrap: return "<span class=\"nowrap\">" + html_text(in.text) + "</span>";
  }
  return {};
}

std::string render_cell(const Cell& c) {
  std::string out;
  for (const Inline& in : c.parts) out += render_inline(in);
  return out;
}

std::string tone_class(Tone t) { return t == Tone::None ? std::string() : std::string(" class=\"tone-") + tone_name(t) + "\""; }

std::string render_row(const Table& t, const Row& row) {
  std::string out = "<tr";
  if (!row.anchor.empty()) out += " id=\"" + html_escape(row.anchor) + "\"";
  out += tone_class(row.tone) + ">";
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const bool key = i == 0 && t.cls == "kv";
    out += std::string(key ? "<th scope=\"row\"" : "<td") + tone_class(row.cells[i].tone) + ">";
    out += render_cell(row.cells[i]) + (key ? "</th>" : "</td>");
  }
  return out + "</tr>\n";
}

std::string render_table(const Table& t) {
  if (t.rows.empty()) return t.empty_note.empty() ? std::string() : "<p class=\"empty\">" + html_text(t.empty_note) + "</p>\n";
  std::string out = "<div class=\"table-wrap\"><table";
  if (!t.cls.empty()) out += " class=\"" + html_escape(t.cls) + "\"";
  out += ">\n";
  if (!t.header.empty()) {
    out += "<thead><tr>";
    for (const std::string& h : t.header) out += "<th scope=\"col\">" + html_text(h) + "</th>";
    out += "</tr></thead>\n";
  }
  out += "<tbody>\n";
  for (const Row& row : t.rows) out += render_row(t, row);
  return out + "</tbody></table></div>\n";
}

/// A flat list with depths as nested <ul>s.
std::string render_list(const std::vector<ListItem>& items) {
  std::string out = "<ul class=\"tree\">";
  int depth = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int d = i == 0 ? 0 : std::clamp(items[i].depth, 0, depth + 1);
    if (i > 0 && d > depth) {
      out += "<ul>";
    } else if (i > 0) {
      out += "</li>";
      for (; depth > d; --depth) out += "</ul></li>";
    }
    depth = d;
    out += "<li";
    if (!items[i].anchor.empty()) out += " id=\"" + html_escape(items[i].anchor) + "\"";
    out += ">" + render_cell(items[i].content);
  }
  if (!items.empty()) out += "</li>";
  for (; depth > 0; --depth) out += "</ul></li>";
  return out + "</ul>\n";
}

std::string render_diagram(const RenderContext& ctx) {
  const RenderResult svg = svg_diagram(ctx);
  std::string why = svg.error;
  if (why.empty()) {
    if (auto safe = inline_svg(svg.bytes, why)) return "<figure class=\"diagram\">" + *safe + "</figure>\n";
    why = "the SVG holds " + why + ", which the report does not inline";
  }
  return "<p class=\"note warn\">The diagram could not be included: " + html_text(why) + "</p>\n";
}

std::string render_block(const Block& b, const RenderContext& ctx) {
  switch (b.kind) {
    case Block::Kind::Heading:
      return "<h3 id=\"" + html_escape(b.anchor) + "\">" + render_cell(b.text) + "</h3>\n";
    case Block::Kind::Paragraph: return "<p>" + render_cell(b.text) + "</p>\n";
    case Block::Kind::Note: return "<p class=\"note\">" + render_cell(b.text) + "</p>\n";
    case Block::Kind::Table: return render_table(b.table);
    case Block::Kind::List: return render_list(b.items);
    case Block::Kind::Diagram: return render_diagram(ctx);
  }
  return {};
}

std::string render_toc(const Document& doc) {
  std::string out = "<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>\n";
  for (const Section& s : doc.sections) {
    out += "<li><a href=\"#" + html_escape(s.anchor) + "\">" + html_text(s.title) + "</a></li>\n";
  }
  return out + "</ol></nav>\n";
}

std::string render_head(const Document& doc) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"moat\">\n";
  out += "<title>" + html_escape(doc.subtitle) + " — " + html_escape(doc.title) + "</title>\n";
  out += std::string("<style>\n") + report_css();
  if (doc.landscape) out += "@page { size: A4 landscape; }\n";
  return out + "</style>\n</head>\n";
}

}  // namespace

std::string render_html(const Document& doc, const RenderContext& ctx) {
  std::string out = render_head(doc);
  out += std::string("<body class=\"") + (doc.landscape ? "landscape" : "portrait") + "\">\n";
  out += "<header class=\"cover\" id=\"title-page\">\n<p class=\"kicker\">" + html_text(doc.subtitle) + "</p>\n";
  out += "<h1>" + html_text(doc.title) + "</h1>\n";
  for (const Block& b : doc.cover) out += render_block(b, ctx);
  out += "</header>\n";
  if (doc.toc) out += render_toc(doc);
  out += "<main>\n";
  for (const Section& s : doc.sections) {
    out += "<section id=\"" + html_escape(s.anchor) + "\"" + (s.wide ? " class=\"wide\"" : "") + ">\n";
    out += "<h2>" + html_text(s.title) + "</h2>\n";
    for (const Block& b : s.blocks) out += render_block(b, ctx);
    out += "</section>\n";
  }
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace moat
