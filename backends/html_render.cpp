#include "backends/html_render.hpp"

#include <algorithm>

#include "backends/diagram.hpp"
#include "backends/diagram_sheets.hpp"
#include "backends/path_diagram.hpp"
#include "compiler/repositories.hpp"

namespace moat {

using namespace report;

namespace {

/// Appends `text` escaped for HTML text and attribute values; with `breaks`, line breaks become
/// <br>. Everything is appended to one buffer: the report of a
/// 10,000-element model is 100+ MB, and building it from returned pieces copied it many times.
void escape_into(std::string& out, std::string_view text, bool breaks) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += breaks ? "<br>" : "\n";
        break;
      default:
        if ((c < 0x20 && ch != '\t') || c == 0x7f) {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += ch;
        }
    }
  }
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  escape_into(out, text, false);
  return out;
}

std::string css_string(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '<') {
      out += "\\3c ";
    } else if (ch == '>') {
      out += "\\3e ";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\fffd ";
    } else {
      out += ch;
    }
  }
  return out + '"';
}

namespace {

/// Renders the document tree into one growing buffer.
class HtmlWriter {
 public:
  HtmlWriter(std::string& out, const RenderContext& ctx) : out_(out), ctx_(ctx) {}

  void document(const Document& doc);
  void section(const Section& s);

 private:
  void text(std::string_view t) { escape_into(out_, t, true); }
  void attr(std::string_view t) { escape_into(out_, t, false); }
  /// ` name="value"`, the value escaped.
  void attribute(const char* name, std::string_view value) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    attr(value);
    out_ += '"';
  }
  void wrapped(const char* open, std::string_view t, const char* close) {
    out_ += open;
    text(t);
    out_ += close;
  }
  void inline_part(const Inline& in);
  void cell(const Cell& c) {
    for (const Inline& in : c.parts) inline_part(in);
  }
  void tone_class(Tone t);
  void row(const Table& t, const Row& r);
  void table(const Table& t);
  void list(const std::vector<ListItem>& items);
  void excerpt(const Block& b);
  void figure(const RenderResult& svg, const char* css_class = "diagram");
  void diagram(const Block& b);
  void block(const Block& b);
  void toc(const Document& doc);
  void head(const Document& doc);

  std::string& out_;
  const RenderContext& ctx_;
  std::size_t figures_ = 0;  ///< diagrams inlined so far: each gets its own id prefix
};

void HtmlWriter::inline_part(const Inline& in) {
  switch (in.kind) {
    case Inline::Kind::Text:
      text(in.text);
      return;
    case Inline::Kind::Code:
      wrapped("<code>", in.text, "</code>");
      return;
    case Inline::Kind::Strong:
      wrapped("<strong>", in.text, "</strong>");
      return;
    case Inline::Kind::Muted:
      wrapped("<span class=\"muted\">", in.text, "</span>");
      return;
    case Inline::Kind::Link:
      if (const auto href = location_href(in.target)) {
        // An external reference opens without telling the site where the report was read.
        out_ += is_url(in.target) ? "<a class=\"loc\" rel=\"noopener noreferrer\" href=\""
                                  : "<a class=\"loc\" href=\"";
        attr(*href);
        wrapped("\"><code>", in.text, "</code></a>");
      } else {
        wrapped("<code class=\"loc unlinked\">", in.text, "</code>");
      }
      return;
    case Inline::Kind::Ref:
      out_ += "<a href=\"#";
      attr(in.target);
      wrapped("\">", in.text, "</a>");
      return;
    case Inline::Kind::Badge:
      out_ += "<span class=\"badge tone-";
      out_ += tone_name(in.tone);
      wrapped("\">", in.text, "</span>");
      return;
    case Inline::Kind::Break:
      out_ += "<br>";
      return;
    case Inline::Kind::Nowrap:
      wrapped("<span class=\"nowrap\">", in.text, "</span>");
      return;
  }
}

void HtmlWriter::tone_class(Tone t) {
  if (t == Tone::None) return;
  out_ += " class=\"tone-";
  out_ += tone_name(t);
  out_ += '"';
}

void HtmlWriter::row(const Table& t, const Row& r) {
  out_ += "<tr";
  if (!r.anchor.empty()) attribute("id", r.anchor);
  tone_class(r.tone);
  out_ += '>';
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    const bool key = i == 0 && t.cls == "kv";
    out_ += key ? "<th scope=\"row\"" : "<td";
    tone_class(r.cells[i].tone);
    out_ += '>';
    cell(r.cells[i]);
    out_ += key ? "</th>" : "</td>";
  }
  out_ += "</tr>\n";
}

void HtmlWriter::table(const Table& t) {
  if (t.rows.empty()) {
    if (!t.empty_note.empty()) wrapped("<p class=\"empty\">", t.empty_note, "</p>\n");
    return;
  }
  out_ += "<div class=\"table-wrap\"><table";
  if (!t.cls.empty()) attribute("class", t.cls);
  out_ += ">\n";
  if (!t.header.empty()) {
    out_ += "<thead><tr>";
    for (const std::string& h : t.header) wrapped("<th scope=\"col\">", h, "</th>");
    out_ += "</tr></thead>\n";
  }
  out_ += "<tbody>\n";
  for (const Row& r : t.rows) row(t, r);
  out_ += "</tbody></table></div>\n";
}

/// A flat list with depths as nested <ul>s.
void HtmlWriter::list(const std::vector<ListItem>& items) {
  out_ += "<ul class=\"tree\">";
  int depth = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int d = i == 0 ? 0 : std::clamp(items[i].depth, 0, depth + 1);
    if (i > 0 && d > depth) {
      out_ += "<ul>";
    } else if (i > 0) {
      out_ += "</li>";
      for (; depth > d; --depth) out_ += "</ul></li>";
    }
    depth = d;
    out_ += "<li";
    if (!items[i].anchor.empty()) attribute("id", items[i].anchor);
    out_ += '>';
    cell(items[i].content);
  }
  if (!items.empty()) out_ += "</li>";
  for (; depth > 0; --depth) out_ += "</ul></li>";
  out_ += "</ul>\n";
}

/// One diagram as an inline SVG figure, or a note saying why it is left out.
void HtmlWriter::figure(const RenderResult& svg, const char* css_class) {
  std::string why = svg.error;
  if (why.empty()) {
    // Graphviz numbers every diagram's ids alike (node1, edge1, ...): "fig1-node1".
    const std::string prefix = "fig" + std::to_string(++figures_) + "-";
    if (auto safe = inline_svg(svg.bytes, why, prefix)) {
      out_ += std::string("<figure class=\"") + css_class + "\">";
      out_ += *safe;
      out_ += "</figure>\n";
      return;
    }
    why = "the SVG holds " + why + ", which the report does not inline";
  }
  wrapped("<p class=\"note warn\">The diagram could not be included: ", why, "</p>\n");
}

/// An attack path's own diagram; else, for a model with top-level boundaries, its wall sheets:
/// the overview, then one sheet per boundary (each readable on its own, where the whole diagram
/// of a large model is not); a model without boundaries, its one diagram.
void HtmlWriter::diagram(const Block& b) {
  if (!b.path_nodes.empty()) {
    AttackPath path;
    path.nodes = b.path_nodes;
    path.flows = b.path_flows;
    path.threats = b.path_threats;
    figure(diagram::path_svg(ctx_.graph, ctx_.analysis, path), "diagram path");
    return;
  }
  const auto sheets = diagram::sheets(ctx_);
  if (sheets->size() < 2) {
    figure(svg_diagram(ctx_));
    return;
  }
  for (const diagram::Sheet& s : *sheets) {
    const ModelGraph& g = ctx_.graph;
    out_ += "<h3 class=\"sheet\"";
    attribute("id", s.name);
    out_ += '>';
    std::string title = s.boundary == kNoElement ? std::string("Overview")
                                                 : "Sheet: " + g.elements[s.boundary].title;
    if (s.parts > 1)
      title += " (part " + std::to_string(s.part + 1) + " of " + std::to_string(s.parts) + ")";
    text(title);
    out_ += "</h3>\n";
    figure(s.svg);
    if (!s.fits())
      wrapped("<p class=\"note\">", "This sheet does not fit an A3 page at 9 pt or more.",
              "</p>\n");
  }
}

void HtmlWriter::block(const Block& b) {
  switch (b.kind) {
    case Block::Kind::Heading:
      out_ += "<h3";
      attribute("id", b.anchor);
      out_ += '>';
      cell(b.text);
      out_ += "</h3>\n";
      return;
    case Block::Kind::Paragraph:
    case Block::Kind::Note:
      out_ += b.kind == Block::Kind::Note ? "<p class=\"note\">" : "<p>";
      cell(b.text);
      out_ += "</p>\n";
      return;
    case Block::Kind::Table:
      table(b.table);
      return;
    case Block::Kind::List:
      list(b.items);
      return;
    case Block::Kind::Diagram:
      diagram(b);
      return;
    case Block::Kind::Excerpt:
      excerpt(b);
      return;
  }
}

void HtmlWriter::excerpt(const Block& b) {
  out_ += "<pre class=\"excerpt\">";
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    if (b.first_line != 0) {
      out_ += "<span class=\"ln\">" + std::to_string(b.first_line + i) + "</span>";
    }
    text(b.lines[i]);
    out_ += '\n';
  }
  out_ += "</pre>\n";
}

void HtmlWriter::toc(const Document& doc) {
  out_ += "<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>\n";
  for (const Section& s : doc.sections) {
    out_ += "<li><a href=\"#";
    attr(s.anchor);
    wrapped("\">", s.title, "</a></li>\n");
  }
  out_ += "</ol></nav>\n";
}

void HtmlWriter::head(const Document& doc) {
  out_ +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; "
      "img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"moat\">\n";
  out_ += "<title>";
  attr(doc.subtitle);
  out_ += " — ";
  attr(doc.title);
  out_ += "</title>\n<style>\n";
  out_ += report_css();
  if (doc.landscape) out_ += "@page { size: A4 landscape; }\n";
  out_ += doc.print_css;
  out_ += "</style>\n</head>\n";
}

void HtmlWriter::document(const Document& doc) {
  head(doc);
  out_ += std::string("<body class=\"") + (doc.landscape ? "landscape" : "portrait") + "\">\n";
  wrapped("<header class=\"cover\" id=\"title-page\">\n<p class=\"kicker\">", doc.subtitle,
          "</p>\n");
  wrapped("<h1>", doc.title, "</h1>\n");
  for (const Block& b : doc.cover) block(b);
  out_ += "</header>\n";
  if (doc.toc) toc(doc);
  out_ += "<main>\n";
  for (const Section& s : doc.sections) section(s);
  out_ += "</main>\n</body>\n</html>\n";
}

void HtmlWriter::section(const Section& s) {
  out_ += "<section";
  attribute("id", s.anchor);
  out_ += s.wide ? " class=\"wide\">\n" : ">\n";
  wrapped("<h2>", s.title, "</h2>\n");
  for (const Block& b : s.blocks) block(b);
  out_ += "</section>\n";
}

}  // namespace

std::string render_html(const Document& doc, const RenderContext& ctx) {
  std::string out;
  HtmlWriter(out, ctx).document(doc);
  return out;
}

std::string render_html_sections(const std::vector<Section>& sections, const RenderContext& ctx) {
  std::string out;
  HtmlWriter writer(out, ctx);
  for (const Section& s : sections) writer.section(s);
  return out;
}

}  // namespace moat
